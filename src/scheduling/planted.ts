// Camps built around a grid we know is the best possible, so the benchmark can say how far the
// solver falls short of it: every session gets a place first, then attendees want sessions in
// distinct slots and never more than a room holds. Nobody need miss anything: the optimum is 0.
// With `overbooked` attendees who want one session in every slot plus one more, each of them
// must miss one whatever the grid (the counting bound proves it), and the planted grid misses
// exactly that: the optimum is `overbooked`.
import { campRooms, campSlots, type CampShape } from './generate.ts';
import { Random } from './random.ts';
import type { Instance, Placement, Session } from './types.ts';

export interface PlantedShape extends CampShape {
  /** Attendees who want more sessions than there are slots, by one each; default 0. */
  overbooked?: number;
}

export interface PlantedCamp {
  instance: Instance;
  /** The grid the camp was built around. */
  planted: Placement[];
  /** Its score, which no grid beats. */
  optimum: number;
  /** All wants: the loss is reported as a share of these. */
  votes: number;
}

export function plantedCamp(shape: PlantedShape): PlantedCamp {
  const random = new Random(shape.seed);
  const slots = campSlots(shape);
  const rooms = campRooms(shape, random, slots);
  const free = rooms.flatMap((room, r) =>
    slots.flatMap((slot, t) => ((room.unavailable ?? []).includes(slot.id) ? [] : [{ r, t }])),
  );
  const places = random.shuffle(free).slice(0, shape.sessions);
  const sessions: Session[] = places.map(({ r, t }, k) => {
    const session: Session = { id: `p${k + 1}`, facilitators: [`f${k + 1}`] };
    const needs = (rooms[r]!.features ?? []).filter(() => random.next() < 0.2);
    if (needs.length > 0) session.needs = needs;
    if (random.next() < 0.05) {
      const other = slots[random.below(slots.length)]!.id;
      if (other !== slots[t]!.id) session.unavailable = [other];
    }
    return session;
  });
  if (sessions.length >= 20) sessions[0]!.pin = { room: rooms[places[0]!.r]!.id, slot: slots[places[0]!.t]!.id };

  // Room left in each planted session, and the sessions planted in each slot.
  const room = Float64Array.from(places, ({ r }) => rooms[r]!.capacity);
  const bySlot = slots.map((_, t) => places.flatMap((place, k) => (place.t === t ? [k] : [])));
  // Popularity follows capacity, so big rooms hold the crowds, skewed as real boards are.
  const appeal = places.map(() => Math.pow(random.next(), 2));
  const pickIn = (t: number, taken: Set<number>): number => {
    const open = bySlot[t]!.filter((k) => room[k]! >= 1 && !taken.has(k));
    let total = 0;
    for (const k of open) total += room[k]! * (0.2 + appeal[k]!);
    let pick = random.next() * total;
    for (const k of open) if ((pick -= room[k]! * (0.2 + appeal[k]!)) <= 0) return k;
    return open[open.length - 1] ?? -1;
  };

  const attendees = Array.from({ length: shape.attendees }, (_, a) => {
    const overbooked = a < (shape.overbooked ?? 0);
    const count = overbooked ? slots.length : Math.min(slots.length, Math.max(1, Math.round((shape.wants ?? 5) + (random.next() - 0.5) * 5)));
    const chosen = new Set<number>();
    for (const t of random.shuffle(slots.map((_, t) => t)).slice(0, count)) {
      const k = pickIn(t, chosen);
      if (k >= 0) chosen.add(k);
    }
    if (overbooked && chosen.size === slots.length) {
      const k = pickIn(random.below(slots.length), chosen);
      if (k >= 0) chosen.add(k);
    }
    for (const k of chosen) room[k]!--;
    return { id: `u${a + 1}`, wants: [...chosen].map((k) => sessions[k]!.id), overbooked: overbooked && chosen.size > slots.length };
  });
  const optimum = attendees.filter((attendee) => attendee.overbooked).length;
  return {
    instance: { rooms, slots, sessions, attendees: attendees.map(({ id, wants }) => ({ id, wants })) },
    planted: places.map(({ r, t }, k) => ({ session: sessions[k]!.id, room: rooms[r]!.id, slot: slots[t]!.id })),
    optimum,
    votes: attendees.reduce((sum, attendee) => sum + attendee.wants.length, 0),
  };
}

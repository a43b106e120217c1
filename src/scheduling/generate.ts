// Realistic made-up camps for tests and the benchmark: a few big rooms and many small ones,
// popularity skewed like real pitch boards (a few sessions everybody wants, a long tail),
// facilitators who also attend, some access needs, some unavailability, some double sessions.
import { Random } from './random.ts';
import type { Instance, Room, Session, Slot } from './types.ts';

export interface CampShape {
  seed: number;
  sessions: number;
  rooms: number;
  days: number;
  slotsPerDay: number;
  attendees: number;
  /** Average number of sessions each attendee wants; default 5. */
  wants?: number;
  /** Share of sessions running two slots; default 0.06. */
  doubleShare?: number;
  /** Sessions pinned in place (an opening talk, say); default 1 if there are 20+ sessions. */
  pins?: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function generateCamp(shape: CampShape): Instance {
  const random = new Random(shape.seed);
  const slots = campSlots(shape);
  const rooms = campRooms(shape, random, slots);
  const attendeeIds = Array.from({ length: shape.attendees }, (_, k) => `u${k + 1}`);

  const sessions: Session[] = Array.from({ length: shape.sessions }, (_, k) => {
    const session: Session = { id: `p${k + 1}`, facilitators: [attendeeIds[random.below(attendeeIds.length)]!] };
    if (random.next() < 0.15) {
      const second = attendeeIds[random.below(attendeeIds.length)]!;
      if (!session.facilitators.includes(second)) session.facilitators.push(second);
    }
    const needs = [];
    if (random.next() < 0.25) needs.push('step-free');
    if (random.next() < 0.1) needs.push('projector');
    if (random.next() < 0.03) needs.push('hearing-loop');
    if (needs.length > 0) session.needs = needs;
    if (random.next() < (shape.doubleShare ?? 0.06)) session.length = 2;
    if (random.next() < 0.05) session.unavailable = [slots[random.below(slots.length)]!.id];
    if (random.next() < 0.1) session.audience = 5 + random.below(40);
    return session;
  });
  const pins = shape.pins ?? (shape.sessions >= 20 ? 1 : 0);
  for (let k = 0; k < pins && k < rooms.length; k++) {
    const session = sessions[k]!;
    delete session.needs;
    delete session.unavailable;
    delete session.length;
    session.pin = { room: rooms[k]!.id, slot: slots[0]!.id };
  }

  // Zipf-like popularity over a random order of the pitches.
  const popularity = random.shuffle(sessions.map((_, k) => 1 / Math.pow(k + 1, 0.8)));
  const total = popularity.reduce((sum, weight) => sum + weight, 0);
  const attendees = attendeeIds.map((id) => {
    const count = Math.min(shape.sessions, Math.max(1, Math.round((shape.wants ?? 5) + (random.next() - 0.5) * 5)));
    const wants = new Set<string>();
    while (wants.size < count) {
      let pick = random.next() * total;
      let k = 0;
      while (k < popularity.length - 1 && (pick -= popularity[k]!) > 0) k++;
      wants.add(sessions[k]!.id);
    }
    return { id, wants: [...wants] };
  });
  return { rooms, slots, sessions, attendees };
}

export function campSlots(shape: CampShape): Slot[] {
  const slots: Slot[] = [];
  for (let d = 0; d < shape.days; d++) {
    const day = `2027-06-${pad(19 + d)}`;
    for (let k = 0; k < shape.slotsPerDay; k++) {
      // 45-minute sessions, 15-minute changeovers, an hour for lunch after the third.
      const startMinutes = 10 * 60 + k * 60 + (k >= 3 ? 60 : 0);
      const at = (minutes: number): string => `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+01:00`;
      slots.push({ id: `d${d + 1}-${k + 1}`, day, start: at(startMinutes), end: at(startMinutes + 45) });
    }
  }
  return slots;
}

export function campRooms(shape: CampShape, random: Random, slots: Slot[]): Room[] {
  const weights = Array.from({ length: shape.rooms }, (_, k) => 1 / Math.pow(k + 1, 0.7));
  const sum = weights.reduce((total, weight) => total + weight, 0);
  return weights.map((weight, k) => {
    const room: Room = { id: k === 0 ? 'hall' : `room-${k + 1}`, capacity: Math.max(8, Math.round((1.2 * shape.attendees * weight) / sum)) };
    const features = [];
    if (k < 2 || random.next() < 0.65) features.push('step-free');
    if (k === 0 || random.next() < 0.5) features.push('projector');
    if (k === 0 || random.next() < 0.2) features.push('hearing-loop');
    room.features = features;
    if (k > 0 && random.next() < 0.1) room.unavailable = [slots[random.below(slots.length)]!.id];
    return room;
  });
}

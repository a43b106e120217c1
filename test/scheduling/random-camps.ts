// Random small camps for property tests, from their own tiny seeded generator so they do not
// share assumptions with the benchmark's generator. Awkward on purpose: uneven gaps, slots
// that overlap, double sessions, pins, published grids pointing at places no longer allowed.
import { validateInstance, type Instance, type Session, type Slot } from '../../src/scheduling/index.ts';

export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function randomCamp(seed: number, { maxSessions = 7, maxRooms = 3 } = {}): Instance {
  const rnd = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const count = (low: number, high: number): number => low + Math.floor(rnd() * (high - low + 1));

  const slots: Slot[] = [];
  for (let d = 0; d < count(1, 2); d++) {
    const day = `2027-07-0${d + 1}`;
    let minutes = 9 * 60;
    for (let k = 0; k < count(1, 4); k++) {
      const at = (m: number): string => `${day}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00+01:00`;
      const length = pick([30, 45, 60]);
      slots.push({ id: `d${d + 1}s${k + 1}`, day, start: at(minutes), end: at(minutes + length) });
      if (rnd() < 0.1) slots.push({ id: `d${d + 1}x${k + 1}`, day, start: at(minutes + 15), end: at(minutes + 75) });
      minutes += length + pick([0, 10, 20, 30, 60]);
    }
  }
  const features = ['step-free', 'projector'];
  const rooms = Array.from({ length: count(1, maxRooms) }, (_, k) => ({
    id: `r${k + 1}`,
    capacity: count(0, 12),
    features: features.filter(() => rnd() < 0.6),
    unavailable: rnd() < 0.2 ? [pick(slots).id] : [],
  }));
  const people = ['ana', 'ben', 'cat', 'dev', 'eli', 'fay'];
  const sessions: Session[] = Array.from({ length: count(1, maxSessions) }, (_, k) => {
    const session: Session = { id: `p${k + 1}`, facilitators: [pick(people)] };
    if (rnd() < 0.2) session.facilitators = [...new Set([...session.facilitators, pick(people)])];
    if (rnd() < 0.3) session.needs = [pick(features)];
    if (rnd() < 0.25) session.length = 2;
    if (rnd() < 0.2) session.unavailable = [pick(slots).id];
    if (rnd() < 0.3) session.audience = count(0, 15);
    if (rnd() < 0.1) session.pin = { room: pick(rooms).id, slot: pick(slots).id };
    if (rnd() < 0.25) session.preferredDays = rnd() < 0.9 ? [pick(slots).day] : ['2027-08-01'];
    return session;
  });
  const attendees = people.slice(0, count(0, people.length)).map((id) => ({
    id,
    wants: sessions.filter(() => rnd() < 0.45).map((s) => s.id),
  }));
  const previous = sessions.filter(() => rnd() < 0.3).map((s) => ({ session: s.id, room: pick(rooms).id, slot: pick(slots).id }));
  const instance: Instance = { rooms, slots, sessions, attendees, ...(previous.length > 0 ? { previous } : {}) };

  // Drop whatever makes the camp invalid (a pin that breaks a rule, a length that cannot fit).
  for (const problem of validateInstance(instance)) {
    for (const s of sessions) {
      if (!problem.ids.includes(s.id)) continue;
      delete s.pin;
      if (problem.code === 'length-cannot-fit') delete s.length;
    }
  }
  return instance;
}

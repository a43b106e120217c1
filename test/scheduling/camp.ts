// Small hand-made camps for the scheduler tests: one day of session slots, named rooms.
import type { Instance, Room, Session, Slot } from '../../src/scheduling/index.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Slots of one day starting at 10:00: 45 minutes each, `gapMinutes` apart. */
export function daySlots(count: number, { day = '2027-06-19', prefix = 's', gapMinutes = 15, from = 600 } = {}): Slot[] {
  return Array.from({ length: count }, (_, k) => {
    const start = from + k * (45 + gapMinutes);
    const at = (minutes: number): string => `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00Z`;
    return { id: `${prefix}${k + 1}`, day, start: at(start), end: at(start + 45) };
  });
}

export function room(id: string, capacity: number, features: string[] = []): Room {
  return { id, capacity, features };
}

export function session(id: string, facilitator: string, extra: Partial<Session> = {}): Session {
  return { id, facilitators: [facilitator], ...extra };
}

export function camp(parts: Partial<Instance>): Instance {
  return { rooms: [], slots: daySlots(3), sessions: [], attendees: [], ...parts };
}

// The camps the scheduler benchmark runs on, all generated from fixed seeds.
import { generateCamp, type CampShape } from '../src/scheduling/generate.ts';
import { plantedCamp, type PlantedCamp } from '../src/scheduling/planted.ts';
import { Random } from '../src/scheduling/random.ts';
import type { Instance, ScheduleResult } from '../src/scheduling/types.ts';

export interface Case {
  name: string;
  instance: Instance;
  timeLimitMs: number;
  /** Wall-clock target for the whole solve, in ms. */
  targetMs: number;
  /** Run as the command line in a process of its own, start-up included in the time. */
  freshProcess?: boolean;
}

const SEED = 2027;

export const sizes: { name: string; shape: Omit<CampShape, 'seed'>; timeLimitMs: number; targetMs: number; freshProcess?: boolean }[] = [
  { name: 'regional camp', shape: { sessions: 30, rooms: 6, days: 1, slotsPerDay: 5, attendees: 150 }, timeLimitMs: 900, targetMs: 1000 },
  { name: 'LocalGovCamp', shape: { sessions: 60, rooms: 8, days: 2, slotsPerDay: 4, attendees: 350 }, timeLimitMs: 900, targetMs: 1000 },
  { name: 'UKGovcamp', shape: { sessions: 110, rooms: 22, days: 1, slotsPerDay: 5, attendees: 800 }, timeLimitMs: 1500, targetMs: 2000 },
  // The stress target (15 s, under 1 GB) is for a process of its own: Node and tsx starting,
  // reading and checking the instance, the solve (which keeps to its 11 s) and printing the grid.
  { name: 'stress', shape: { sessions: 1000, rooms: 50, days: 2, slotsPerDay: 10, attendees: 10_000 }, timeLimitMs: 11_000, targetMs: 15_000, freshProcess: true },
];

export function sizeCases(): Case[] {
  return sizes.map(({ shape, ...rest }) => ({ ...rest, instance: generateCamp({ seed: SEED, ...shape }) }));
}

export interface PlantedCase extends PlantedCamp {
  name: string;
  timeLimitMs: number;
}

/**
 * Camps built around a known best grid: a perfect one (optimum 0) at each size up to 230
 * sessions, and the same camps with 20 attendees who each must miss one (optimum 20). The
 * time limits are the product's: 1 s, 2 s above 150 sessions.
 */
export function plantedCases(): PlantedCase[] {
  const shapes: Omit<CampShape, 'seed'>[] = [
    { sessions: 30, rooms: 6, days: 1, slotsPerDay: 5, attendees: 150 },
    { sessions: 60, rooms: 8, days: 2, slotsPerDay: 4, attendees: 350 },
    { sessions: 110, rooms: 22, days: 1, slotsPerDay: 5, attendees: 800 },
    { sessions: 230, rooms: 24, days: 2, slotsPerDay: 5, attendees: 1500 },
  ];
  return [0, 20].flatMap((overbooked) =>
    shapes.map((shape) => ({
      name: `planted ${shape.sessions}${overbooked ? ` (optimum ${overbooked})` : ''}`,
      timeLimitMs: shape.sessions > 150 ? 2000 : 1000,
      ...plantedCamp({ seed: SEED, ...shape, overbooked }),
    })),
  );
}

/** Small enough for exhaustive search: up to 8 sessions in 2–3 rooms × 3–4 slots. */
export function tinyInstances(count: number): Instance[] {
  return Array.from({ length: count }, (_, k) =>
    generateCamp({
      seed: 100 + k,
      sessions: 6 + (k % 3),
      rooms: 2 + (k % 2),
      days: 1,
      slotsPerDay: 3 + (k % 2),
      attendees: 25 + 5 * k,
      doubleShare: 0.15,
    }),
  );
}

export interface Replan {
  instance: Instance;
  /** Published sessions that cannot stay where they were (their room is gone). */
  mustMove: number;
  lostRoom: string;
}

/**
 * The day after publishing: three pitches withdrawn, four new ones, and a room lost. The lost
 * room is gone from the instance, as when an organiser removes it, while the published grid
 * still names it: its sessions are forced moves (docs/scheduling.md).
 */
export function replanCase(base: Instance, published: ScheduleResult): Replan {
  const random = new Random(SEED + 1);
  const withdrawn = new Set(random.shuffle(published.assignments.map((a) => a.session).filter((id) => !base.sessions.find((s) => s.id === id)?.pin)).slice(0, 3));
  const lostRoom = base.rooms[base.rooms.length - 3]!.id;
  const added = Array.from({ length: 4 }, (_, k) => ({ id: `new-${k + 1}`, facilitators: [base.attendees[random.below(base.attendees.length)]!.id] }));
  const attendees = base.attendees.map((attendee) => {
    const wants = attendee.wants.filter((id) => !withdrawn.has(id));
    for (const session of added) if (random.next() < 0.04) wants.push(session.id);
    return { id: attendee.id, wants };
  });
  const previous = published.assignments.filter((a) => !withdrawn.has(a.session));
  const instance: Instance = {
    rooms: base.rooms.filter((room) => room.id !== lostRoom),
    slots: base.slots,
    sessions: [...base.sessions.filter((session) => !withdrawn.has(session.id)), ...added],
    attendees,
    previous,
  };
  return { instance, mustMove: previous.filter((a) => a.room === lostRoom).length, lostRoom };
}

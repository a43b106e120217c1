import { describe, expect, it } from 'vitest';
import { generateCamp } from '../../src/scheduling/generate.ts';
import { scoreGrid, solve, validateInstance, type Instance } from '../../src/scheduling/index.ts';
import { camp, daySlots, room, session } from './camp.ts';
import { recompute } from './recompute.ts';

describe('re-plans after a room is lost', () => {
  const published = camp({
    rooms: [room('hall', 20), room('nook', 10)],
    slots: daySlots(3),
    sessions: [session('a', 'ana'), session('b', 'ben'), session('c', 'cat')],
    attendees: [{ id: 'u1', wants: ['a', 'b', 'c'] }],
    previous: [
      { session: 'a', room: 'hall', slot: 's1' },
      { session: 'b', room: 'attic', slot: 's2' },
      { session: 'c', room: 'nook', slot: 's9' },
    ],
  });

  it('takes a published place whose room or slot no longer exists as a forced move, not a mistake', () => {
    expect(validateInstance(published)).toEqual([]);
    const result = solve(published, { iterations: 5_000 });
    // b and c have to move (10); a stays; u1 sees all three in three slots.
    expect(result.metrics).toEqual({ missed: 0, overflow: 0, moves: 2, score: 20, lowerBound: 20 });
    expect(result.assignments).toContainEqual({ session: 'a', room: 'hall', slot: 's1' });
    expect(result.warnings).toEqual([
      'session b was published in room attic, which no longer exists; it has to move',
      'session c was published in slot s9, which no longer exists; it has to move',
    ]);
  });

  it('scores such a grid the same in the reference scorer and the independent recount', () => {
    const grid = [
      { session: 'a', room: 'hall', slot: 's1' },
      { session: 'b', room: 'hall', slot: 's2' },
    ];
    expect(scoreGrid(published, grid).metrics).toEqual({ missed: 1, overflow: 0, moves: 2, score: 21 });
    expect(recompute(published, grid)).toMatchObject({ missed: 1, moves: 2, score: 21 });
  });

  // 22 pitches for 30 places, then 25 once a room is lost: moving others must pay for itself.
  it('moves at most three sessions more than the lost room forces, on a generated camp', () => {
    const budget = { iterations: 40_000, timeLimitMs: 60_000 };
    const base = generateCamp({ seed: 41, sessions: 22, rooms: 6, days: 1, slotsPerDay: 5, attendees: 150 });
    const first = solve(base, budget);
    const lost = first.assignments.find((a) => a.room !== 'hall')!.room;
    const instance: Instance = { ...base, rooms: base.rooms.filter((r) => r.id !== lost), previous: first.assignments };
    const forced = first.assignments.filter((a) => a.room === lost).length;
    const again = solve(instance, budget);
    expect(forced).toBeGreaterThan(0);
    expect(again.metrics.moves).toBeGreaterThanOrEqual(forced);
    expect(again.metrics.moves).toBeLessThanOrEqual(forced + 3);
  });
});

describe('an attendee who wants a session twice', () => {
  const instance = camp({
    rooms: [room('hall', 1)],
    slots: daySlots(1),
    sessions: [session('a', 'ana'), session('b', 'ben')],
    attendees: [{ id: 'u1', wants: ['a', 'a', 'b'] }],
  });

  it('counts it once, for missed and for the expected audience, with a warning', () => {
    expect(validateInstance(instance)).toEqual([]);
    const result = solve(instance, { iterations: 1_000 });
    // One slot, one room: one of a and b runs, u1 misses the other; one wanter fits the room.
    expect(result.metrics).toEqual({ missed: 1, overflow: 0, moves: 0, score: 1, lowerBound: 1 });
    expect(result.warnings).toEqual(['attendee u1 wants session a more than once; counted once']);
    const grid = [{ session: 'a', room: 'hall', slot: 's1' }];
    expect(scoreGrid(instance, grid).metrics).toEqual({ missed: 1, overflow: 0, moves: 0, score: 1 });
    expect(recompute(instance, grid)).toMatchObject({ missed: 1, overflow: 0, score: 1 });
  });
});

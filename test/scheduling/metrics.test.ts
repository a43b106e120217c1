import { describe, expect, it } from 'vitest';
import { scoreGrid } from '../../src/scheduling/index.ts';
import { camp, daySlots, room, session } from './camp.ts';
import { recompute } from './recompute.ts';

const rooms = [room('hall', 10, ['step-free']), room('nook', 1)];

describe('metrics of a grid, worked by hand', () => {
  it('counts one miss when two wanted sessions share a slot, and overflow past capacity', () => {
    const instance = camp({
      rooms,
      sessions: [session('a', 'ana'), session('b', 'ben', { audience: 4 }), session('c', 'cat')],
      attendees: [
        { id: 'u1', wants: ['a', 'b', 'c'] },
        { id: 'u2', wants: ['a', 'c'] },
      ],
    });
    const grid = [
      { session: 'a', room: 'hall', slot: 's1' },
      { session: 'b', room: 'nook', slot: 's1' },
      { session: 'c', room: 'hall', slot: 's2' },
    ];
    // u1 can see a or b at s1, and c: misses 1. b expects max(4, 1) = 4 people in a room for 1.
    expect(scoreGrid(instance, grid)).toEqual({ violations: [], metrics: { missed: 1, overflow: 3, moves: 0, score: 4 } });
  });

  it('lets a double session block both of its slots', () => {
    const instance = camp({
      rooms,
      sessions: [session('d', 'ana', { length: 2 }), session('x', 'ben'), session('y', 'cat')],
      attendees: [
        { id: 'u1', wants: ['d', 'x', 'y'] },
        { id: 'u2', wants: ['x', 'y'] },
      ],
    });
    const grid = [
      { session: 'd', room: 'hall', slot: 's1' },
      { session: 'x', room: 'nook', slot: 's2' },
      { session: 'y', room: 'nook', slot: 's3' },
    ];
    // d runs s1–s2 and clashes with x; u1 sees d and y (or x and y): misses 1.
    // x and y are each wanted by two, in the one-seat nook: one overflow each.
    expect(scoreGrid(instance, grid).metrics).toEqual({ missed: 1, overflow: 2, moves: 0, score: 3 });
  });

  it('counts a facilitator as attending their own session and missing what clashes with it', () => {
    const instance = camp({
      rooms,
      sessions: [session('a', 'ana', { length: 2 }), session('b', 'ben'), session('c', 'cat')],
      attendees: [
        { id: 'ana', wants: ['a', 'b', 'c'] },
        { id: 'ben', wants: ['a', 'c'] },
      ],
    });
    const grid = [
      { session: 'a', room: 'hall', slot: 's1' },
      { session: 'b', room: 'nook', slot: 's2' },
      { session: 'c', room: 'nook', slot: 's3' },
    ];
    // ana runs a (s1–s2): attends it, cannot go to b at s2, goes to c: misses 1.
    // ben runs b at s2, which clashes with a (s1–s2): sees c only: misses 1.
    // c, wanted by both, overflows the one-seat nook by one.
    expect(scoreGrid(instance, grid).metrics).toEqual({ missed: 2, overflow: 1, moves: 0, score: 3 });
  });

  it('counts unscheduled wanted sessions as missed and the larger of audience and interest as expected', () => {
    const instance = camp({
      rooms: [room('tiny', 2)],
      sessions: [session('a', 'ana', { audience: 1 }), session('b', 'ben')],
      attendees: ['u1', 'u2', 'u3', 'u4', 'u5'].map((id) => ({ id, wants: ['a', 'b'] })),
    });
    // a expects max(1, 5) = 5 in a room for 2; b is not on the grid, so all five miss it.
    expect(scoreGrid(instance, [{ session: 'a', room: 'tiny', slot: 's1' }]).metrics).toEqual({
      missed: 5,
      overflow: 3,
      moves: 0,
      score: 8,
    });
  });

  it('charges five per published session moved or left out, and nothing for one left in place', () => {
    const instance = camp({
      rooms,
      sessions: [session('a', 'ana'), session('b', 'ben'), session('c', 'cat')],
      previous: [
        { session: 'a', room: 'hall', slot: 's1' },
        { session: 'b', room: 'nook', slot: 's1' },
        { session: 'c', room: 'hall', slot: 's2' },
      ],
    });
    const grid = [
      { session: 'a', room: 'hall', slot: 's1' },
      { session: 'b', room: 'nook', slot: 's3' },
    ];
    expect(scoreGrid(instance, grid).metrics).toEqual({ missed: 0, overflow: 0, moves: 2, score: 20 });
  });

  it('decides overlap by time: parallel slots with different ids clash, other days never do', () => {
    const slots = [
      ...daySlots(1, { prefix: 'track-a-' }),
      ...daySlots(1, { prefix: 'track-b-' }),
      ...daySlots(1, { prefix: 'sunday-', day: '2027-06-20' }),
    ];
    const instance = camp({
      rooms,
      slots,
      sessions: [session('a', 'ana'), session('b', 'ben'), session('c', 'cat')],
      attendees: [{ id: 'u1', wants: ['a', 'b', 'c'] }],
    });
    const grid = [
      { session: 'a', room: 'hall', slot: 'track-a-1' },
      { session: 'b', room: 'nook', slot: 'track-b-1' },
      { session: 'c', room: 'hall', slot: 'sunday-1' },
    ];
    expect(scoreGrid(instance, grid).metrics.missed).toBe(1);
    expect(recompute(instance, grid).missed).toBe(1);
  });
});

describe('hard rules a grid can break', () => {
  const instance = camp({
    rooms: [room('hall', 10, ['step-free']), { id: 'nook', capacity: 1, unavailable: ['late1'] }],
    slots: [...daySlots(2), ...daySlots(1, { prefix: 'late', from: 16 * 60 })],
    sessions: [
      session('a', 'ana'),
      session('b', 'ana'),
      session('c', 'cat', { needs: ['step-free'], unavailable: ['s2'] }),
      session('d', 'dev', { length: 2 }),
      session('e', 'eli', { pin: { room: 'hall', slot: 's1' } }),
    ],
  });
  const rulesBroken = (grid: { session: string; room: string; slot: string }[]): number[] =>
    [...new Set(scoreGrid(instance, grid).violations.map((v) => v.rule))].sort();

  it('rule 1: one session per room at a time', () => {
    expect(rulesBroken([{ session: 'e', room: 'hall', slot: 's1' }, { session: 'a', room: 'hall', slot: 's1' }])).toEqual([1]);
  });
  it('rule 2: nobody facilitates two sessions at once', () => {
    const grid = [{ session: 'e', room: 'hall', slot: 's1' }, { session: 'a', room: 'nook', slot: 's2' }, { session: 'b', room: 'hall', slot: 's2' }];
    expect(rulesBroken(grid)).toEqual([2]);
    expect(scoreGrid(instance, grid).violations[0]!.ids).toEqual(['ana', 'a', 'b']);
  });
  it('rule 3: needs are met by the room', () => {
    expect(rulesBroken([{ session: 'e', room: 'hall', slot: 's1' }, { session: 'c', room: 'nook', slot: 's1' }])).toEqual([3]);
  });
  it('rule 4: a session never runs when it is unavailable', () => {
    expect(rulesBroken([{ session: 'e', room: 'hall', slot: 's1' }, { session: 'c', room: 'hall', slot: 's2' }])).toEqual([4]);
  });
  it('rule 5: a pinned session sits where it is pinned', () => {
    expect(rulesBroken([{ session: 'e', room: 'hall', slot: 's2' }])).toEqual([5]);
    expect(rulesBroken([])).toEqual([5]);
  });
  it('rule 6: a double session needs two adjacent slots', () => {
    // s2 is followed by "late1" only after a long gap: not adjacent.
    expect(rulesBroken([{ session: 'e', room: 'hall', slot: 's1' }, { session: 'd', room: 'nook', slot: 's2' }])).toEqual([6]);
  });
  it('rule 1 again: a room is not used while unavailable', () => {
    expect(rulesBroken([{ session: 'e', room: 'hall', slot: 's1' }, { session: 'a', room: 'nook', slot: 's2' }])).toEqual([]);
    expect(rulesBroken([{ session: 'e', room: 'hall', slot: 's1' }, { session: 'a', room: 'nook', slot: 'late1' }])).toEqual([1]);
  });
  it('names unknown ids and sessions placed twice as rule 0', () => {
    const grid = [{ session: 'e', room: 'hall', slot: 's1' }, { session: 'zz', room: 'hall', slot: 's2' }, { session: 'e', room: 'nook', slot: 's2' }];
    expect(rulesBroken(grid)).toEqual([0]);
  });
});

import { describe, expect, it } from 'vitest';
import { optimumByExhaustiveSearch } from '../../src/scheduling/exhaustive.ts';
import { solve, validateInstance, type Instance } from '../../src/scheduling/index.ts';
import { camp, daySlots, room, session } from './camp.ts';
import { randomCamp } from './random-camps.ts';
import { bruteForceOptimum } from './recompute.ts';

const tiny: Instance[] = [];
for (let seed = 1000; tiny.length < 25; seed++) {
  const instance = randomCamp(seed, { maxSessions: 5, maxRooms: 2 });
  const places = instance.rooms.length * instance.slots.length;
  if (validateInstance(instance).length === 0 && instance.sessions.length >= 3 && places <= 8) tiny.push(instance);
}

describe('tiny camps with a known optimum', () => {
  it('the solver reaches the brute-force optimum, as does the exhaustive search', () => {
    for (const [k, instance] of tiny.entries()) {
      const optimum = bruteForceOptimum(instance);
      expect(optimumByExhaustiveSearch(instance).score, `camp ${k}`).toBe(optimum);
      expect(solve(instance, { iterations: 20_000, timeLimitMs: 60_000 }).metrics.score, `camp ${k}`).toBe(optimum);
    }
  });

  it('keeps the two sessions everyone wants apart and gives the crowd the big room', () => {
    const instance = camp({
      rooms: [room('hall', 30), room('nook', 5)],
      slots: daySlots(2),
      sessions: [session('popular', 'ana'), session('also-popular', 'ben'), session('niche', 'cat')],
      attendees: Array.from({ length: 20 }, (_, k) => ({ id: `u${k}`, wants: k < 3 ? ['popular', 'also-popular', 'niche'] : ['popular', 'also-popular'] })),
    });
    const result = solve(instance, { iterations: 5_000 });
    const where = new Map(result.assignments.map((a) => [a.session, a]));
    expect(where.get('popular')!.slot).not.toBe(where.get('also-popular')!.slot);
    expect(where.get('popular')!.room).toBe('hall');
    expect(where.get('also-popular')!.room).toBe('hall');
    // The three who want all three miss one each; nobody overflows.
    expect(result.metrics).toEqual({ missed: 3, overflow: 0, moves: 0, score: 3, lowerBound: 3 });
  });

  it('leaves published sessions where they are unless moving pays for itself', () => {
    const instance = camp({
      rooms: [room('hall', 30), room('nook', 5)],
      slots: daySlots(2),
      sessions: [session('a', 'ana'), session('b', 'ben')],
      attendees: [{ id: 'u1', wants: ['a', 'b'] }],
      previous: [{ session: 'a', room: 'hall', slot: 's1' }, { session: 'b', room: 'nook', slot: 's1' }],
    });
    // Moving b would save u1 one missed session but cost 10: it stays.
    const result = solve(instance, { iterations: 2_000 });
    expect(result.assignments).toEqual(instance.previous);
    expect(result.metrics.score).toBe(1);
  });

  it('explains why a session is left out', () => {
    const instance = camp({
      rooms: [room('hall', 30, ['step-free'])],
      slots: daySlots(1),
      sessions: [session('a', 'ana', { needs: ['step-free'] }), session('b', 'ben', { needs: ['step-free'] }), session('c', 'cat', { needs: ['hearing-loop'] })],
      attendees: [{ id: 'u1', wants: ['a'] }],
    });
    const result = solve(instance, { iterations: 500 });
    expect(result.assignments).toEqual([{ session: 'a', room: 'hall', slot: 's1' }]);
    expect(result.unscheduled).toEqual([
      { session: 'b', reason: 'no step-free room free at any allowed time' },
      { session: 'c', reason: 'no room has hearing-loop' },
    ]);
  });
});

describe('the lower bound', () => {
  it('knows that with more sessions than room-slots the cheapest to leave out stay out', () => {
    const instance = camp({
      rooms: [room('hall', 10)],
      slots: daySlots(2),
      sessions: [session('a', 'ana'), session('b', 'ben'), session('c', 'cat')],
      attendees: [
        ...Array.from({ length: 4 }, (_, k) => ({ id: `a${k}`, wants: ['a'] })),
        ...Array.from({ length: 3 }, (_, k) => ({ id: `b${k}`, wants: ['b'] })),
        { id: 'c0', wants: ['c'] },
      ],
    });
    expect(solve(instance, { iterations: 2_000 }).metrics).toEqual({ missed: 1, overflow: 0, moves: 0, score: 1, lowerBound: 1 });
  });
});

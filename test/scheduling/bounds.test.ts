import { describe, expect, it } from 'vitest';
import { optimumByExhaustiveSearch } from '../../src/scheduling/exhaustive.ts';
import { generateCamp } from '../../src/scheduling/generate.ts';
import { solve, validateInstance, type Instance } from '../../src/scheduling/index.ts';
import { countingLowerBound, NO_LIMIT } from '../../src/scheduling/lower-bound.ts';
import { buildModel } from '../../src/scheduling/model.ts';
import { sharedSlotLowerBound } from '../../src/scheduling/shared-slot-bound.ts';
import { camp, daySlots, room, session } from './camp.ts';
import { randomCamp } from './random-camps.ts';
import { bruteForceOptimum } from './recompute.ts';

const bounds = (instance: Instance) => {
  const model = buildModel(instance);
  return { counting: countingLowerBound(model, NO_LIMIT), sharedSlot: sharedSlotLowerBound(model, NO_LIMIT) };
};
const people = (count: number, prefix: string, wants: string[]) => Array.from({ length: count }, (_, k) => ({ id: `${prefix}${k}`, wants }));

describe('the proven bounds', () => {
  it('see that three sessions wanted in pairs cannot all run apart in two slots', () => {
    const instance = camp({
      rooms: [room('hall', 30), room('nook', 30)],
      slots: daySlots(2),
      sessions: [session('a', 'ana'), session('b', 'ben'), session('c', 'cat')],
      attendees: [...people(5, 'ab', ['a', 'b']), ...people(6, 'bc', ['b', 'c']), ...people(7, 'ac', ['a', 'c'])],
    });
    // Nobody wants more than the two slots hold, so counting alone sees nothing; yet two of the
    // three share a slot, and the cheapest pair to put together costs its 5 wanters one each.
    expect(bounds(instance)).toEqual({ counting: 0, sharedSlot: 5 });
    expect(solve(instance, { iterations: 2_000 }).metrics).toMatchObject({ score: 5, lowerBound: 5 });
  });

  it('see that the hall has only so many slots for the sessions that need it', () => {
    const instance = camp({
      rooms: [room('hall', 50), room('nook', 10)],
      slots: daySlots(2),
      sessions: [session('a', 'ana'), session('b', 'ben'), session('c', 'cat')],
      attendees: [...people(50, 'a', ['a']), ...people(50, 'b', ['b']), ...people(50, 'c', ['c'])],
    });
    // Each would fit the hall on its own; only two can have it, so the third overflows the nook by 40.
    expect(bounds(instance)).toEqual({ counting: 40, sharedSlot: 40 });
    expect(solve(instance, { iterations: 2_000 }).metrics).toMatchObject({ overflow: 40, score: 40, lowerBound: 40 });
  });

  it('count the two slots a double session takes from the time its wanters have', () => {
    const instance = camp({
      rooms: [room('hall', 30), room('nook', 30)],
      slots: daySlots(3),
      sessions: [session('a', 'ana'), session('b', 'ben'), session('workshop', 'cat', { length: 2 })],
      attendees: [{ id: 'u1', wants: ['a', 'b', 'workshop'] }],
    });
    // Three sessions in three slots, but the workshop takes two of them: one is missed.
    expect(bounds(instance)).toEqual({ counting: 1, sharedSlot: 1 });
  });

  it('count the slot a facilitator spends running their own session, unless it is left out', () => {
    const instance = camp({
      rooms: [room('hall', 30), room('nook', 30)],
      slots: daySlots(2),
      sessions: [session('talk', 'ana'), session('a', 'ben'), session('b', 'cat')],
      attendees: [{ id: 'ana', wants: ['a', 'b'] }, ...people(5, 'u', ['talk'])],
    });
    // Ana runs her talk in one of the two slots, so she misses a or b; leaving the talk out would cost its 5 wanters.
    expect(bounds(instance)).toEqual({ counting: 1, sharedSlot: 1 });
    expect(solve(instance, { iterations: 2_000 }).metrics).toMatchObject({ score: 1, lowerBound: 1 });
  });

  it('never exceed the brute-force optimum on 200 random small camps (pins, doubles, re-plans, preferred days)', () => {
    let checked = 0;
    for (let seed = 1; checked < 200; seed++) {
      const instance = randomCamp(seed);
      if (validateInstance(instance).length > 0 || instance.sessions.length > 4 || instance.rooms.length * instance.slots.length > 6) continue;
      const optimum = bruteForceOptimum(instance);
      const { counting, sharedSlot } = bounds(instance);
      expect(counting, `camp ${seed}`).toBeLessThanOrEqual(optimum);
      expect(sharedSlot, `camp ${seed}`).toBeLessThanOrEqual(optimum);
      checked++;
    }
  });

  it('never exceed the exhaustive optimum on tiny generated camps with clashes, and are often sharper', () => {
    let sharper = 0;
    for (let k = 0; k < 6; k++) {
      const instance = generateCamp({ seed: 300 + k, sessions: 6 + (k % 2), rooms: 2 + (k % 2), days: 1, slotsPerDay: 3 + (k % 2), attendees: 25 + 5 * k, doubleShare: 0.15 });
      const optimum = optimumByExhaustiveSearch(instance).score;
      const { counting, sharedSlot } = bounds(instance);
      expect(counting, `camp ${k}`).toBeLessThanOrEqual(optimum);
      expect(sharedSlot, `camp ${k}`).toBeLessThanOrEqual(optimum);
      if (sharedSlot > counting) sharper++;
    }
    expect(sharper).toBeGreaterThan(0);
  });
});

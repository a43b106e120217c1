import { describe, expect, it } from 'vitest';
import { scoreGrid, solve, validateInstance, type Instance, type Placement } from '../../src/scheduling/index.ts';
import { randomCamp, seeded } from './random-camps.ts';
import { bruteForceOptimum, recompute } from './recompute.ts';

const camps: Instance[] = [];
for (let seed = 1; camps.length < 300; seed++) {
  const instance = randomCamp(seed);
  if (validateInstance(instance).length === 0) camps.push(instance);
}

describe('on hundreds of random small camps', () => {
  it('every grid obeys every hard rule and its metrics match an independent recount', () => {
    for (const [k, instance] of camps.entries()) {
      const result = solve(instance, { seed: k, iterations: 400, timeLimitMs: 60_000 });
      const check = recompute(instance, result.assignments);
      expect(check.broken, `camp ${k}`).toEqual([]);
      const { broken: _, ...metrics } = check;
      expect(result.metrics, `camp ${k}`).toEqual({ ...metrics, lowerBound: result.metrics.lowerBound });
      expect(result.metrics.lowerBound).toBeLessThanOrEqual(result.metrics.score);
      const placed = result.assignments.map((a) => a.session);
      const left = result.unscheduled.map((u) => u.session);
      expect([...placed, ...left].sort()).toEqual(instance.sessions.map((s) => s.id).sort());
      for (const s of instance.sessions) if (s.pin) expect(result.assignments).toContainEqual({ session: s.id, ...s.pin });
      for (const u of result.unscheduled) expect(u.reason.length).toBeGreaterThan(0);
    }
  });

  it('scoreGrid agrees with the independent recount on random (often invalid) grids', () => {
    const rnd = seeded(99);
    for (const instance of camps.slice(0, 200)) {
      const grid: Placement[] = instance.sessions
        .filter(() => rnd() < 0.8)
        .map((s) => ({
          session: s.id,
          room: instance.rooms[Math.floor(rnd() * instance.rooms.length)]!.id,
          slot: instance.slots[Math.floor(rnd() * instance.slots.length)]!.id,
        }));
      const ours = scoreGrid(instance, grid);
      const theirs = recompute(instance, grid);
      expect([...new Set(ours.violations.map((v) => v.rule))].sort()).toEqual(theirs.broken);
      if (theirs.broken.length === 0) {
        const { broken: _, ...metrics } = theirs;
        expect(ours.metrics).toEqual(metrics);
      }
    }
  });

  it('never reports a lower bound above the true optimum', () => {
    const small = camps.filter((c) => c.sessions.length <= 4 && c.rooms.length * c.slots.length <= 6).slice(0, 40);
    expect(small.length).toBeGreaterThan(20);
    for (const instance of small) {
      const { lowerBound } = solve(instance, { iterations: 200 }).metrics;
      expect(lowerBound).toBeLessThanOrEqual(bruteForceOptimum(instance));
    }
  });
});

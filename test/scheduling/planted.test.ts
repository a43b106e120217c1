import { describe, expect, it } from 'vitest';
import { scoreGrid, solve } from '../../src/scheduling/index.ts';
import { plantedCamp } from '../../src/scheduling/planted.ts';

describe('camps planted around a known best grid (for the benchmark)', () => {
  const shape = { seed: 3, sessions: 30, rooms: 6, days: 1, slotsPerDay: 5, attendees: 150 };

  it('plants a perfect grid: valid, nobody misses anything, every audience fits', () => {
    const camp = plantedCamp(shape);
    expect(camp.optimum).toBe(0);
    expect(scoreGrid(camp.instance, camp.planted)).toEqual({ violations: [], metrics: { missed: 0, overflow: 0, moves: 0, score: 0 } });
    expect(camp.votes).toBe(camp.instance.attendees.reduce((sum, a) => sum + a.wants.length, 0));
  });

  it('plants an optimum above 0 that the lower bound proves, with overbooked attendees', () => {
    const camp = plantedCamp({ ...shape, overbooked: 12 });
    expect(camp.optimum).toBe(12);
    expect(scoreGrid(camp.instance, camp.planted).metrics).toEqual({ missed: 12, overflow: 0, moves: 0, score: 12 });
    expect(solve(camp.instance, { iterations: 1_000 }).metrics.lowerBound).toBe(12);
  });

  it('gives the same camp for the same seed', () => {
    expect(plantedCamp(shape)).toEqual(plantedCamp(shape));
  });
});

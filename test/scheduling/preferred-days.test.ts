import { describe, expect, it } from 'vitest';
import { scoreGrid, solve, validateInstance } from '../../src/scheduling/index.ts';
import { optimumByExhaustiveSearch } from '../../src/scheduling/exhaustive.ts';
import { camp, daySlots, room, session } from './camp.ts';
import { recompute } from './recompute.ts';

// Saturday and Sunday, two slots each, one room.
const weekend = [...daySlots(2, { day: '2027-06-19', prefix: 'sat' }), ...daySlots(2, { day: '2027-06-20', prefix: 'sun' })];

describe('preferred days (soft: half a vote per session kept off them)', () => {
  it('puts a session on the day its pitcher prefers when nothing else is at stake', () => {
    const instance = camp({ rooms: [room('hall', 10)], slots: weekend, sessions: [session('late', 'ana', { preferredDays: ['2027-06-20'] })] });
    const result = solve(instance, { iterations: 2_000 });
    expect(result.assignments[0]!.slot).toMatch(/^sun/);
    expect(result.metrics).toEqual({ missed: 0, overflow: 0, moves: 0, offDay: 0, score: 0, lowerBound: 0 });
  });

  it('gives way to anybody’s attendance: a wanted session goes off its day rather than clash', () => {
    const instance = camp({
      rooms: [room('hall', 10), room('nook', 10)],
      slots: weekend.slice(0, 3),
      sessions: [session('a', 'ana', { preferredDays: ['2027-06-20'] }), session('b', 'ben', { preferredDays: ['2027-06-20'] })],
      attendees: [{ id: 'u1', wants: ['a', 'b'] }],
    });
    // Sunday has one slot: both there means u1 misses one (1), one on Saturday costs half.
    const result = solve(instance, { iterations: 5_000 });
    expect(result.metrics).toMatchObject({ missed: 0, offDay: 1, score: 0.5 });
    expect(optimumByExhaustiveSearch(instance).score).toBe(0.5);
  });

  it('counts a session left off the grid as off its days, so leaving it out never looks cheaper', () => {
    const instance = camp({
      rooms: [room('hall', 10)],
      slots: weekend,
      sessions: [session('a', 'ana', { preferredDays: ['2027-06-19'] }), session('b', 'ben', { preferredDays: ['2027-06-19'] })],
    });
    const grid = [{ session: 'a', room: 'hall', slot: 'sun1' }];
    expect(scoreGrid(instance, grid).metrics).toEqual({ missed: 0, overflow: 0, moves: 0, offDay: 2, score: 1 });
    expect(recompute(instance, grid)).toMatchObject({ offDay: 2, score: 1 });
  });

  it('reports no offDay figure for a camp where nobody stated a preference', () => {
    const instance = camp({ rooms: [room('hall', 10)], sessions: [session('a', 'ana')] });
    expect(solve(instance, { iterations: 100 }).metrics).not.toHaveProperty('offDay');
  });

  it('proves the half vote when no allowed place falls on a preferred day', () => {
    const instance = camp({ rooms: [room('hall', 10)], slots: weekend, sessions: [session('a', 'ana', { preferredDays: ['2027-07-01'] })] });
    expect(solve(instance, { iterations: 100 }).metrics).toMatchObject({ offDay: 1, score: 0.5, lowerBound: 0.5 });
  });

  it('refuses preferred days that are not a list of strings', () => {
    const instance = camp({ rooms: [room('hall', 10)], sessions: [{ id: 'a', facilitators: ['ana'], preferredDays: '2027-06-19' as unknown as string[] }] });
    expect(validateInstance(instance)[0]).toMatchObject({ code: 'malformed', message: expect.stringContaining('preferredDays must be a list of strings') });
  });
});

import { describe, expect, it } from 'vitest';
import { secureRandomBytes } from '../../src/random.ts';

describe('secure random bytes drawn from a pool', () => {
  it('hands out each byte once, across many refills, and never changes bytes already handed out', () => {
    const first = secureRandomBytes(32);
    const copy = Buffer.from(first);
    // 10,000 draws of 32 bytes: about 78 refills of the 4 KB pool, some draws straddling the end.
    const draws = Array.from({ length: 10_000 }, (_, k) => secureRandomBytes(k % 7 === 0 ? 16 : 32));
    expect(first.equals(copy)).toBe(true);
    expect(new Set(draws.map((b) => b.toString('hex'))).size).toBe(draws.length);
    expect(draws.every((b, k) => b.length === (k % 7 === 0 ? 16 : 32))).toBe(true);
  });

  it('looks random: every byte value turns up, none far more often than the others', () => {
    const counts = new Array<number>(256).fill(0);
    for (let k = 0; k < 4_000; k++) for (const byte of secureRandomBytes(64)) counts[byte]!++;
    // 256,000 bytes: 1,000 of each value expected; a fair source stays well within ±20%.
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1_200);
  });

  it('serves a request larger than the pool straight from the source', () => {
    const big = secureRandomBytes(10_000);
    expect(big.length).toBe(10_000);
    expect(new Set(big).size).toBe(256);
  });
});

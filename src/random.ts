import { randomFillSync } from 'node:crypto';

const poolSize = 4096;
const pool = Buffer.allocUnsafeSlow(poolSize);
let used = poolSize;

/**
 * `n` bytes from the operating system's secure random source, drawn from a pool filled 4 KB at
 * a time (as Node's own randomUUID does). Every byte is handed out once. A registration takes
 * three secrets (its manage key, a sign-in token, its email's id); asking the source for each
 * cost more than the rest of making them.
 */
export function secureRandomBytes(n: number): Buffer {
  if (n > poolSize) return randomFillSync(Buffer.alloc(n));
  if (used + n > poolSize) {
    randomFillSync(pool);
    used = 0;
  }
  // A copy, so the caller's bytes never change when the pool is refilled.
  const bytes = Buffer.from(pool.subarray(used, used + n));
  used += n;
  return bytes;
}

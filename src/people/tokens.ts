import { createHash, timingSafeEqual } from 'node:crypto';
import { secureRandomBytes } from '../random.ts';

/** A URL-safe secret with 256 bits of randomness. */
export function newSecretToken(): string {
  return secureRandomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so a copy of the database grants nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

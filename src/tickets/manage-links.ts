import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from '../people/tokens.ts';

/** What ticket emails need to make links: the site's address and the secret that signs them. */
export interface Links {
  baseUrl: string;
  secret: string;
}

export function newManageKey(): string {
  return randomBytes(32).toString('base64url');
}

function signature(secret: string, registrationId: number, manageKey: string): string {
  return createHmac('sha256', secret).update(`manage:${registrationId}:${manageKey}`).digest('base64url');
}

/** The secret address of a registration's manage page (256 bits; never stored). */
export function manageLink(links: Links, registration: { id: number; manageKey: string }): string {
  return `${links.baseUrl}/tickets/${registration.id}/${signature(links.secret, registration.id, registration.manageKey)}`;
}

/** Whether a token from a manage link belongs to this registration, compared in constant time. */
export function isManageToken(secret: string, registration: { id: number; manageKey: string }, token: string): boolean {
  return sameSecret(signature(secret, registration.id, registration.manageKey), token);
}

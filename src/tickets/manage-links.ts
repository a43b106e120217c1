import { createHmac } from 'node:crypto';
import { newSecretToken, sameSecret } from '../people/tokens.ts';

/**
 * What ticket emails need: the site's address, the secret that signs manage links, and who the
 * calendar invitations come from.
 */
export interface Links {
  baseUrl: string;
  secret: string;
  organizer: { name: string; email: string };
}

/** "Campgrid <camp@example.org>" → its name and address. */
export function parseMailbox(from: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return m ? { name: m[1]!.trim() || m[2]!, email: m[2]!.trim() } : { name: from.trim(), email: from.trim() };
}

export function linksFor(config: { baseUrl: string; sessionSecret: string; mailFrom: string }): Links {
  return { baseUrl: config.baseUrl, secret: config.sessionSecret, organizer: parseMailbox(config.mailFrom) };
}

/** A registration's manage key: a secret token like any other. */
export function newManageKey(): string {
  return newSecretToken();
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

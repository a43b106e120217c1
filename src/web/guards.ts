import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden, NotFound } from '../rules.ts';
import type { Organising } from './context.ts';

/** Sends visitors to sign in, coming back here afterwards. */
export async function requireSignedIn(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.person) return undefined;
  const next = request.method === 'GET' ? request.url : '/me';
  // Returning the reply ends the hook chain: the route never runs for a visitor.
  return reply.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);
}

/** Administrators only (creating events). */
export async function requireAdministrator(request: FastifyRequest): Promise<void> {
  if (!request.person?.isAdministrator) throw new Forbidden();
}

/** The event a guarded route is working on. */
export function organising(request: FastifyRequest): Organising {
  if (!request.organising) throw new Forbidden();
  return request.organising;
}

/** A route parameter that must be a positive whole number, else the page does not exist. */
export function idParam(request: FastifyRequest, name: string): number {
  const raw = (request.params as Record<string, string | undefined>)[name];
  if (!raw || !/^\d{1,12}$/.test(raw)) throw new NotFound();
  return Number(raw);
}

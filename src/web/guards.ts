import type { FastifyReply, FastifyRequest } from 'fastify';
import { findEventBySlug } from '../events/events.ts';
import { hasRole, roleAt } from '../events/organisers.ts';
import { Forbidden, NotFound } from '../rules.ts';
import type { AppContext } from './context.ts';

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

/**
 * For /organise/events/:slug routes: the event must exist (404) and the signed-in person must
 * hold at least the route's `minimumRole` there (403); the default is 'organiser'.
 */
export function eventTeamGuard(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const { slug } = request.params as { slug?: string };
    const event = slug ? findEventBySlug(ctx.db, slug) : undefined;
    if (!event) throw new NotFound();
    const role = request.person ? roleAt(ctx.db, request.person, event.id) : null;
    if (!hasRole(role, request.routeOptions.config.minimumRole ?? 'organiser')) throw new Forbidden();
    request.organising = { event, role: role! };
  };
}

/** The event a guarded route is working on. */
export function organising(request: FastifyRequest) {
  if (!request.organising) throw new Forbidden();
  return request.organising;
}

/** A route parameter that must be a positive whole number, else the page does not exist. */
export function idParam(request: FastifyRequest, name: string): number {
  const raw = (request.params as Record<string, string | undefined>)[name];
  if (!raw || !/^\d{1,12}$/.test(raw)) throw new NotFound();
  return Number(raw);
}

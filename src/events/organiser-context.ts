import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/open.ts';
import { Forbidden, NotFound } from '../rules.ts';
import type { OrganiserRole } from './events.table.ts';
import { findEventBySlug, type CampEvent } from './events.ts';
import { hasRole, roleAt } from './organisers.ts';

declare module '../web/context.ts' {
  interface Organising {
    event: CampEvent;
    role: OrganiserRole;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role an /organise/events/:slug route needs; routes that omit it need 'organiser'. */
    minimumRole?: OrganiserRole;
    /** Set on every route registered inside the one /organise/events/:slug context (the route table shows it). */
    organiserContext?: true;
  }
}

/**
 * The event must exist (404) and the signed-in person must hold at least the route's
 * `minimumRole` there (403); then `{ event, role }` is left on `request.organising`.
 */
function eventTeamGuard(db: Db) {
  return async (request: FastifyRequest): Promise<void> => {
    const { slug } = request.params as { slug?: string };
    const event = slug ? findEventBySlug(db, slug) : undefined;
    if (!event) throw new NotFound();
    const role = request.person ? roleAt(db, request.person, event.id) : null;
    if (!hasRole(role, request.routeOptions.config.minimumRole ?? 'organiser')) throw new Forbidden();
    request.organising = { event, role: role! };
  };
}

/**
 * Makes `app` (registered at /organise/events/:slug, inside the signed-in /organise context)
 * the one organiser context of an event: every route registered in it, from any area, runs
 * the team guard before its body is read, and is marked as inside it.
 */
export function enterOrganiserContext(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.config = Object.assign(route.config ?? {}, { organiserContext: true as const });
  });
  app.addHook('onRequest', eventTeamGuard(app.campgrid.db));
}

import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/open.ts';
import type { FastifyContextConfig } from 'fastify';
import type { MailSender } from '../mail/sender.ts';
import type { Person } from '../people/people.ts';
import type { RenderCache } from './render-cache.ts';

/** What every route can reach: the app's one database, clock, config and mail sender. */
export interface AppContext {
  config: Config;
  db: Database;
  clock: Clock;
  mail: MailSender;
  /** The app's one bounded store of rendered pages, feeds and exports. */
  cache: RenderCache;
  /** Every route as registered, so tests can walk the whole table (CSRF, authorisation). */
  routes: Array<{ method: string; url: string; config: FastifyContextConfig }>;
}

/** What the organiser context leaves on a request it lets through; the events area fills it in. */
export interface Organising {}

declare module 'fastify' {
  interface FastifyInstance {
    campgrid: AppContext;
  }
  interface FastifyRequest {
    /** The signed-in person, or null for a visitor. */
    person: Person | null;
    sessionToken: string | null;
    /** Set on /organise/events/:slug routes once the organiser context has let the request through. */
    organising: Organising | null;
  }
  interface FastifyReply {
    /** What every page's template receives besides its own data (see web/views.ts). */
    locals: Record<string, unknown>;
  }
}

import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/open.ts';
import type { FastifyContextConfig } from 'fastify';
import type { FormPages } from './form-pages.ts';
import type { RenderCache } from './render-cache.ts';

/**
 * What every route can reach: the app's one database, clock, config and cache. The areas add
 * what they bring (the mail area its sender) by augmenting this interface, so web/ names none.
 */
export interface AppContext {
  config: Config;
  db: Database;
  clock: Clock;
  /** The app's one bounded store of rendered pages, feeds and exports. */
  cache: RenderCache;
  /** Public form pages (the register page), kept per change with each visitor's token put in. */
  forms: FormPages;
  /** Moves with any write to the database (web/data-version.ts): for what is kept until the data changes. */
  dataVersion: () => string;
  /** Every route as registered, so tests can walk the whole table (CSRF, authorisation). */
  routes: Array<{ method: string; url: string; config: FastifyContextConfig }>;
}

/** The signed-in person, as far as web/ needs to know them; the people area makes it its Person. */
export interface SignedInPerson {
  id: number;
  isAdministrator: boolean;
}

/** What the organiser context leaves on a request it lets through; the events area fills it in. */
export interface Organising {}

declare module 'fastify' {
  interface FastifyInstance {
    campgrid: AppContext;
  }
  interface FastifyRequest {
    /** The signed-in person, or null for a visitor. */
    person: SignedInPerson | null;
    sessionToken: string | null;
    /** Set on /organise/events/:slug routes once the organiser context has let the request through. */
    organising: Organising | null;
  }
  interface FastifyReply {
    /** What every page's template receives besides its own data (see web/views.ts). */
    locals: Record<string, unknown>;
  }
}

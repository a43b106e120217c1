import { createHash } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { id, slugParams, statusForInvalidInput, tokenParams, type TypedApp } from '../web/input.ts';
import type { PublishedGrid } from '../grid/published.ts';
import type { GridWithOutputs } from './session-outputs.ts';
import { scheduleJson, scheduleXml } from './c3voc.ts';
import { isNotModified } from '../web/conditional-get.ts';
import { eventFeed, personalFeed, roomFeed, sessionFeed } from './feeds.ts';
import { gridCsv } from './grid-csv.ts';
import { layoutFromGrid, type CampLayout } from './layout.ts';
import { RenderCache, type Rendered } from '../web/render-cache.ts';

type Maybe<T> = T | Promise<T>;

/** A person's own feed, found by the secret token in its address. */
export interface FeedOwner {
  grid: GridWithOutputs;
  /** Every session that is theirs: the ones they marked and the ones they facilitate. */
  pitchIds: number[];
  personName: string;
}

export interface CalendarRoutesOptions {
  /** The public address (config.baseUrl): UIDs, guids and links are built from its host. */
  baseUrl: string;
  /**
   * The event's latest published grid; null for no such event (or a draft) gives 404. For a
   * public event with no grid yet, an empty grid (version 0, no sessions) lets people subscribe
   * before the first publish: some calendar apps refuse to add an address that answers 404.
   */
  loadPublishedGrid: (slug: string) => Maybe<GridWithOutputs | null>;
  /** The person behind a feed token and the grid of the event it belongs to; null for an unknown or revoked token. */
  sessionsForFeedToken: (token: string) => Maybe<FeedOwner | null>;
  /**
   * The event's rooms and days, empty ones included: exports list them, and an empty room's feed
   * is a valid empty calendar. Without it both come from the sessions in the snapshot.
   */
  loadCampLayout?: (slug: string) => Maybe<CampLayout | null>;
  /** Shared rendered bytes; one per app unless a test wants to look inside. */
  cache?: RenderCache;
}

interface Delivery {
  type: string;
  /** null: no Last-Modified, so only the ETag can make a copy current. */
  lastModified: number | null;
  personal?: boolean;
  filename?: string;
}

/**
 * Calendar feeds and open exports of a camp's published grid. Every answer is cached by grid
 * version, carries a strong ETag and honours If-None-Match and If-Modified-Since with 304.
 * Register with `app.register(calendarRoutes, options)`.
 */
export async function calendarRoutes(app: TypedApp, options: CalendarRoutesOptions): Promise<void> {
  // Its own validator, so the feeds also work mounted on a bare app (their tests do).
  app.setValidatorCompiler(validatorCompiler);
  // A calendar app asking for a room or session that cannot exist gets the feeds' plain 404; anything else goes to the site's error handler.
  app.setErrorHandler(async (error: FastifyError, _request, reply) => {
    if (statusForInvalidInput(error) === 404) return notFound(reply);
    throw error;
  });
  const { baseUrl, loadPublishedGrid, sessionsForFeedToken, loadCampLayout } = options;
  const cache = options.cache ?? new RenderCache();

  const layoutOf = async (slug: string, grid: PublishedGrid): Promise<CampLayout> => (loadCampLayout ? await loadCampLayout(slug) : null) ?? layoutFromGrid(grid);

  app.get('/events/:slug/calendar.ics', { schema: { params: slugParams } }, async (request, reply) => {
    const grid = await loadPublishedGrid(request.params.slug);
    if (!grid) return notFound(reply);
    return deliver(request, reply, cache.get(keyOf(grid, 'event'), () => eventFeed(grid, baseUrl)), calendar(grid));
  });

  app.get('/events/:slug/rooms/:room/calendar.ics', { schema: { params: slugParams.extend({ room: id }) } }, async (request, reply) => {
    const roomId = request.params.room;
    const grid = await loadPublishedGrid(request.params.slug);
    if (!grid) return notFound(reply);
    const hasSessions = grid.sessions.some((s) => s.roomId === roomId);
    // The layout is only needed for the name of a room with nothing in it yet.
    const roomName = hasSessions ? undefined : (await layoutOf(request.params.slug, grid)).rooms.find((r) => r.id === roomId)?.name;
    const feed = cache.get(keyOf(grid, `room:${roomId}:${roomName ?? ''}`), () => roomFeed(grid, roomId, baseUrl, roomName));
    return feed ? deliver(request, reply, feed, calendar(grid)) : notFound(reply);
  });

  app.get('/events/:slug/pitches/:id.ics', { schema: { params: slugParams.extend({ id }) } }, async (request, reply) => {
    const pitch = request.params.id;
    const grid = await loadPublishedGrid(request.params.slug);
    if (!grid) return notFound(reply);
    const feed = cache.get(keyOf(grid, `session:${pitch}`), () => sessionFeed(grid, pitch, baseUrl));
    return feed ? deliver(request, reply, feed, calendar(grid)) : notFound(reply);
  });

  app.get('/feeds/:token.ics', { schema: { params: tokenParams } }, async (request, reply) => {
    const owner = await sessionsForFeedToken(request.params.token);
    if (!owner) return notFound(reply, true);
    const { grid, pitchIds, personName } = owner;
    // Keyed by what the feed shows, not by the token: the token is a secret and is never kept.
    const ids = [...new Set(pitchIds)].sort((a, b) => a - b);
    const feed = cache.get(keyOf(grid, `personal:${ids.join(',')}:${personName}`), () => personalFeed(grid, ids, personName, baseUrl));
    // Marking a session changes this feed without a publish, so no Last-Modified: the ETag decides.
    return deliver(request, reply, feed!, { type: 'text/calendar; charset=utf-8', lastModified: null, personal: true });
  });

  app.get('/events/:slug/schedule.json', { schema: { params: slugParams } }, async (request, reply) => {
    const grid = await loadPublishedGrid(request.params.slug);
    if (!grid) return notFound(reply);
    const layout = await layoutOf(request.params.slug, grid);
    const body = cache.get(keyOf(grid, `json:${fingerprint(layout)}`), () => JSON.stringify(scheduleJson(grid, { ...layout, baseUrl }), null, 2) + '\n');
    return deliver(request, reply, body, { type: 'application/json; charset=utf-8', lastModified: lastChangeOf(grid) });
  });

  app.get('/events/:slug/schedule.xml', { schema: { params: slugParams } }, async (request, reply) => {
    const grid = await loadPublishedGrid(request.params.slug);
    if (!grid) return notFound(reply);
    const layout = await layoutOf(request.params.slug, grid);
    const body = cache.get(keyOf(grid, `xml:${fingerprint(layout)}`), () => scheduleXml(grid, { ...layout, baseUrl }));
    return deliver(request, reply, body, { type: 'application/xml; charset=utf-8', lastModified: lastChangeOf(grid) });
  });

  app.get('/events/:slug/grid.csv', { schema: { params: slugParams } }, async (request, reply) => {
    const grid = await loadPublishedGrid(request.params.slug);
    if (!grid) return notFound(reply);
    const body = cache.get(keyOf(grid, 'csv'), () => gridCsv(grid));
    const filename = `${grid.event.slug.replace(/[^A-Za-z0-9-]/g, '')}-grid.csv`;
    return deliver(request, reply, body, { type: 'text/csv; charset=utf-8', lastModified: lastChangeOf(grid), filename });
  });
}

const calendar = (grid: GridWithOutputs): Delivery => ({ type: 'text/calendar; charset=utf-8', lastModified: lastChangeOf(grid) });

/**
 * The last time anything public about the grid changed. Every public answer uses the whole
 * grid's, not its own sessions': a session moving out of a room changes that room's feed too.
 */
export function lastChangeOf(grid: GridWithOutputs): number {
  return grid.sessions.reduce((latest, s) => Math.max(latest, s.changedAt), Math.max(grid.publishedAt, grid.outputs?.changedAt ?? 0));
}

/**
 * A cache key: the grid version plus what else the bytes depend on. The event's own details
 * are in the key too, in case an edit to the event's name reaches the snapshot without a publish.
 */
function keyOf(grid: GridWithOutputs, what: string): string {
  return `${grid.event.id}:${grid.version}:${grid.publishedAt}:${grid.outputs?.version ?? ''}:${fingerprint(grid.event)}:${what}`;
}

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
}

function deliver(request: FastifyRequest, reply: FastifyReply, found: Rendered | null, how: Delivery): FastifyReply {
  if (!found) return notFound(reply, how.personal);
  reply.header('ETag', found.etag);
  if (how.lastModified !== null) reply.header('Last-Modified', new Date(how.lastModified).toUTCString());
  if (how.personal) {
    // A secret address: not for shared caches, and never leaked in a Referer or to search engines.
    reply.header('Cache-Control', 'private, max-age=300');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Robots-Tag', 'noindex');
  } else {
    reply.header('Cache-Control', 'public, max-age=300');
    // Open data: any web page or app may read the feeds and exports (helmet would say same-origin).
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
  }
  if (isNotModified(request.headers as Record<string, string | undefined>, found.etag, how.lastModified)) return reply.code(304).send();
  reply.type(how.type);
  if (how.filename) reply.header('Content-Disposition', `attachment; filename="${how.filename}"`);
  return reply.send(found.body);
}

function notFound(reply: FastifyReply, personal = false): FastifyReply {
  if (personal) reply.header('Referrer-Policy', 'no-referrer');
  return reply.code(404).header('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send('Not found\n');
}

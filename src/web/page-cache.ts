import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isNotModified } from './conditional-get.ts';
import { dataVersionOf } from './data-version.ts';
import { rendered, type Coding, type Rendered } from './render-cache.ts';

/**
 * The public pages, feeds and exports a visitor without a session sees the same as every other
 * such visitor. Anything else (a signed-in person's pages, forms with their CSRF token, secret
 * feeds) is never cached: see `cacheable` below.
 */
export const publicPages = new Set([
  '/',
  '/accessibility',
  '/privacy',
  '/events/:slug',
  '/events/:slug/grid',
  '/events/:slug/grid/changes',
  '/events/:slug/grid/changes.atom',
  '/events/:slug/now',
  '/events/:slug/pitches',
  '/events/:slug/pitches/:pitchId',
  '/events/:slug/calendar.ics',
  '/events/:slug/rooms/:room/calendar.ics',
  '/events/:slug/pitches/:id.ics',
  '/events/:slug/schedule.json',
  '/events/:slug/schedule.xml',
  '/events/:slug/grid.csv',
  '/events/:slug/reach',
  '/events/:slug/reach.json',
  '/events/:slug/reach.csv',
  '/reach',
  '/reach.json',
  '/reach.csv',
]);

/** What a route said about its answer besides the body, replayed with every copy. */
const keptHeaders = ['content-type', 'etag', 'last-modified', 'cache-control', 'content-disposition', 'access-control-allow-origin', 'cross-origin-resource-policy', 'refresh', 'x-robots-tag'];

interface CachedAnswer extends Rendered {
  headers: Record<string, string>;
  lastModified: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request's answer may be kept for other visitors, under this key. */
    pageCacheKey: string | null;
  }
}

/**
 * Public pages rendered once per change. For a visitor with no session, a GET of a route in
 * `publicPages` is answered from the app's render cache when the database has not changed since
 * (and, for pages that show the time, within the same minute), before any other work; the
 * answer carries an ETag and a matching If-None-Match gets 304; a browser that accepts brotli or
 * gzip gets a copy compressed once. Keys carry the data version (web/data-version.ts), so any
 * write — a publish, a pitch edited, a place taken — makes the next visitor see it at once.
 */
export const pageCache = fp(
  async (app: FastifyInstance) => {
    const { db, clock, cache } = app.campgrid;
    const dataVersion = dataVersionOf(db.$client);
    app.decorateRequest('pageCacheKey', null);

    app.addHook('onRequest', (request, reply, done) => {
      if (request.method !== 'GET' || request.person || !publicPages.has(request.routeOptions.url ?? '')) return done();
      const key = `page|${dataVersion()}|${Math.floor(clock.now().getTime() / 60_000)}|${request.url}`;
      const hit = cache.peek<CachedAnswer>(key);
      if (!hit) {
        request.pageCacheKey = key;
        return done();
      }
      replay(request, reply, key, hit);
    });

    app.addHook('onSend', (request, reply, payload, done) => {
      const key = request.pageCacheKey;
      if (key && reply.statusCode === 200 && typeof payload === 'string' && cacheable(reply)) {
        const headers: Record<string, string> = {};
        for (const name of keptHeaders) {
          const value = reply.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        const entry: CachedAnswer = { ...rendered(payload), headers, lastModified: headers['last-modified'] ? Date.parse(headers['last-modified']) : null };
        // A route's own validator (the feeds') is a hash of the same bytes: keep it.
        if (headers.etag) entry.etag = headers.etag;
        else reply.header('etag', entry.etag);
        if (!headers['cache-control']) reply.header('cache-control', revalidate);
        cache.set(key, entry);
      }
      done(null, payload);
    });

    function replay(request: FastifyRequest, reply: FastifyReply, key: string, hit: CachedAnswer): void {
      reply.headers(hit.headers);
      reply.header('etag', hit.etag);
      if (!hit.headers['cache-control']) reply.header('cache-control', revalidate);
      if (isNotModified(request.headers, hit.etag, hit.lastModified)) {
        void reply.code(304).send();
        return;
      }
      reply.header('vary', 'accept-encoding');
      const accepted = hit.body.length < 1024 ? null : acceptedEncoding(request.headers['accept-encoding']);
      const coding = accepted ?? 'identity';
      // Bytes, not the string: a string would be encoded again for every visitor.
      let bytes = hit.encoded?.[coding];
      if (!bytes) {
        bytes = encode(hit.body, coding);
        cache.addEncoded(key, hit, coding, bytes);
      }
      if (accepted) reply.header('content-encoding', accepted);
      void reply.send(bytes);
    }
  },
  { name: 'campgrid-page-cache', dependencies: ['campgrid-sessions'] },
);

/** Pages carry no lifetime of their own: browsers keep them but ask again, and an unchanged page costs a 304. */
const revalidate = 'no-cache';

/** An answer that is the same for every visitor: it set no cookie (a form's CSRF token does) and is not marked private. */
function cacheable(reply: FastifyReply): boolean {
  const cacheControl = String(reply.getHeader('cache-control') ?? '');
  return reply.getHeader('set-cookie') === undefined && !/private|no-store/.test(cacheControl);
}

/** The better of brotli and gzip that the browser accepts (a q of 0 refuses), or null for neither. */
export function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
}

function encode(body: string, coding: Coding): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  if (coding === 'br') return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  return coding === 'gzip' ? gzipSync(bytes, { level: 6 }) : bytes;
}

import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, onRequestHookHandler, onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { isNotModified } from './conditional-get.ts';
import type { Clock } from '../clock.ts';
import { rendered, type Coding, type Rendered, type RenderCache } from './render-cache.ts';

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
  /** Each kind of answer's headers as a flat name, value list, made once: see PublicPages.answer. */
  headerLists?: Partial<Record<Coding | 'not modified', string[]>>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request's answer may be kept for other visitors, under this key. */
    pageCacheKey: string | null;
  }
}

/** A kept page's answer to one request: the status, its headers as a flat name, value list, and the bytes (none for a 304). */
export interface PageAnswer {
  statusCode: 200 | 304;
  /** Security headers included; not the request id or the length. */
  headerList: readonly string[];
  body: Buffer | null;
}

/**
 * The kept public pages, shared by the page cache below (inside the app, after sessions) and the
 * front door (web/front-door.ts, before the app, for requests with no cookie at all), so both
 * answer a kept page the same way.
 */
export class PublicPages {
  /** Addresses kept lately, so a request for anything else costs no key; cleared, not grown, past a bound. */
  private readonly keptUrls = new Set<string>();

  constructor(
    /** The app's data version (web/data-version.ts). */
    private readonly dataVersion: () => string,
    private readonly clock: Clock,
    private readonly cache: RenderCache,
    /** The site's security headers (web/security.ts), listed with each answer so a page's own (a feed's CORP) overrides them. */
    private readonly securityHeaders: Record<string, string>,
  ) {}

  /** Where a page at `url` is kept: it changes with any write and with the minute (pages show the time). */
  keyFor(url: string): string {
    return `page|${this.dataVersion()}|${Math.floor(this.clock.now().getTime() / 60_000)}|${url}`;
  }

  /** The kept answer for `url` as things stand, if there is one. */
  keptFor(url: string): { key: string; hit: CachedAnswer } | undefined {
    if (!this.keptUrls.has(url)) return undefined;
    const key = this.keyFor(url);
    const hit = this.cache.peek<CachedAnswer>(key);
    return hit && { key, hit };
  }

  kept(key: string): CachedAnswer | undefined {
    return this.cache.peek<CachedAnswer>(key);
  }

  keep(key: string, url: string, entry: CachedAnswer): void {
    if (this.keptUrls.size >= 10_000) this.keptUrls.clear();
    this.keptUrls.add(url);
    this.cache.set(key, entry);
  }

  /**
   * The answer to a request for a kept page: 304 if the browser's copy is current, else the bytes
   * in the best coding it accepts. Each kind's headers are listed once per kept page, as the
   * flat list Node's writeHead takes: building a header object per request cost more than the
   * rest of the answer.
   */
  answer(key: string, hit: CachedAnswer, request: { 'if-none-match'?: string; 'if-modified-since'?: string; 'accept-encoding'?: string }): PageAnswer {
    const lists = (hit.headerLists ??= {});
    if (isNotModified(request, hit.etag, hit.lastModified)) return { statusCode: 304, headerList: (lists['not modified'] ??= headerListOf(this.securityHeaders, hit, 'not modified')), body: null };
    const accepted = hit.body.length < 1024 ? null : acceptedEncoding(request['accept-encoding']);
    const coding = accepted ?? 'identity';
    // Bytes, not the string: a string would be encoded again for every visitor.
    let bytes = hit.encoded?.[coding];
    if (!bytes) {
      bytes = encode(hit.body, coding);
      this.cache.addEncoded(key, hit, coding, bytes);
    }
    return { statusCode: 200, headerList: (lists[coding] ??= headerListOf(this.securityHeaders, hit, coding)), body: bytes };
  }
}

/** A kept page's headers for one kind of answer: a 304, or a 200 in a coding. */
function headerListOf(security: Record<string, string>, hit: CachedAnswer, kind: Coding | 'not modified'): string[] {
  const headers: Record<string, string> = { ...security, ...hit.headers, etag: hit.etag };
  if (!hit.headers['cache-control']) headers['cache-control'] = revalidate;
  if (kind !== 'not modified') headers.vary = 'accept-encoding';
  if (kind === 'br' || kind === 'gzip') headers['content-encoding'] = kind;
  return Object.entries(headers).flat();
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
  async (app: FastifyInstance, { pages }: { pages: PublicPages }) => {
    app.decorateRequest('pageCacheKey', null);

    // The hooks run on the public pages' own routes only: every other request pays nothing here.
    // They are the route's, so they run after the app's (sessions have found the person), and
    // the keeping onSend comes before compression's, so it keeps the page's text.
    app.addHook('onRoute', (route) => {
      if ([route.method].flat().includes('GET') && publicPages.has(route.url)) {
        route.onRequest = [route.onRequest ?? []].flat().concat(answerKept);
        route.onSend = [route.onSend ?? []].flat().concat(keepAnswer);
      }
    });

    const answerKept: onRequestHookHandler = (request, reply, done) => {
      if (request.method !== 'GET' || request.person) return done();
      const key = pages.keyFor(request.url);
      const hit = pages.kept(key);
      if (!hit) {
        request.pageCacheKey = key;
        return done();
      }
      const answer = pages.answer(key, hit, request.headers);
      const list = answer.headerList;
      for (let i = 0; i < list.length; i += 2) reply.header(list[i]!, list[i + 1]!);
      void reply.code(answer.statusCode).send(answer.body ?? undefined);
    };

    const keepAnswer: onSendHookHandler = (request, reply, payload, done) => {
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
        pages.keep(key, request.url, entry);
      }
      done(null, payload);
    };
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
  const accepted = acceptedCodings(header);
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
}

/** The content codings an Accept-Encoding header accepts (a q of 0 refuses). */
export function acceptedCodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  if (!header) return accepted;
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

function encode(body: string, coding: Coding): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  if (coding === 'br') return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  return coding === 'gzip' ? gzipSync(bytes, { level: 6 }) : bytes;
}

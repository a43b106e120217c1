import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyServerFactory } from 'fastify';
import { requestIdFor } from './logging.ts';
import type { PublicPages } from './page-cache.ts';

/** Answers a request itself and says so, or leaves it to the app. */
export type FrontDoor = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * The app's HTTP server, built as Fastify would build it (same timeouts), with a front door:
 * each request is offered to `door()` first and reaches Fastify only if the door did not answer.
 * `door` is read per request because the door is made after the app that owns the server.
 */
export function serverWithFrontDoor(door: () => FrontDoor | undefined): FastifyServerFactory {
  return (handler, fastifyOptions): Server => {
    const options = fastifyOptions as { http?: ServerOptions; keepAliveTimeout: number; requestTimeout: number; connectionTimeout: number; maxRequestsPerSocket: number };
    const server = createServer(options.http ?? {}, (request, response) => {
      if (!door()?.(request, response)) handler(request, response);
    });
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
}

/**
 * The busiest answers on a camp's big days — the event page, the grid, feeds and exports polled
 * by calendar apps, 304s — are public pages already kept in memory (web/page-cache.ts). A
 * request for one with no cookie at all (so no session, and nothing a form could need) is
 * answered here, before the framework builds its request, runs a dozen hooks and a logger per
 * request: the same bytes and headers the page cache would send, the site's security headers,
 * the request id, and a log line. Anything else — a cookie, a page not yet kept, HEAD, a form —
 * goes on to the app, which keeps the page for the next visitor.
 */
export function publicPagesFromMemory(options: {
  pages: PublicPages;
  /** Where a line per request goes, when the app logs requests (level info or finer). */
  requestLog: RequestLog | undefined;
  trustProxy: boolean;
}): FrontDoor {
  const { pages, requestLog, trustProxy } = options;
  return (request, response) => {
    if (request.method !== 'GET' || request.headers.cookie !== undefined) return false;
    const url = request.url ?? '/';
    const kept = pages.keptFor(url);
    if (!kept) return false;
    const { key, hit } = kept;
    const began = performance.now();
    const id = requestIdFor(request);
    const answer = pages.answer(key, hit, request.headers);
    // One flat list, as Node's writeHead takes it: no header object built per request.
    const headers = ['x-request-id', id].concat(answer.headerList);
    if (answer.body) headers.push('content-length', String(answer.body.length));
    response.writeHead(answer.statusCode, headers);
    response.end(answer.body ?? undefined);
    logAnswerFromMemory(requestLog, { request, id, statusCode: answer.statusCode, began, trustProxy });
    return true;
  };
}

/** Where the line for a request answered at the front door goes (the app's logger), when requests are logged. */
export type RequestLog = Pick<FastifyBaseLogger, 'info'>;

/** The log line Fastify would have written for a request answered at the front door. */
export function logAnswerFromMemory(requestLog: RequestLog | undefined, answered: { request: IncomingMessage; id: string; statusCode: number; began: number; trustProxy: boolean }): void {
  if (!requestLog) return;
  const { request, id, statusCode, began, trustProxy } = answered;
  const forwarded = trustProxy ? request.headers['x-forwarded-for'] : undefined;
  const remoteAddress = (typeof forwarded === 'string' ? forwarded.split(',')[0]!.trim() : undefined) ?? request.socket.remoteAddress;
  requestLog.info(
    { reqId: id, req: { method: request.method, url: request.url, hostname: request.headers.host, ip: remoteAddress }, res: { statusCode }, responseTime: performance.now() - began },
    'request completed from memory',
  );
}

/** Doors tried in turn: the first that answers does. */
export function eitherDoor(...doors: FrontDoor[]): FrontDoor {
  return (request, response) => doors.some((door) => door(request, response));
}

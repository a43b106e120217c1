import type { ServerOptions } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';

/**
 * How long the server waits on a client. A slow client holds a connection (and a place in
 * the accept queue on release day) for as long as we let it: Node's defaults let headers
 * trickle in for over a minute. The server-wide request limit is the upload allowance, the
 * longest any request may take; every other request gets `requestMs` (see requestDeadlines).
 */
export function serverTimeouts(config: Config): { keepAliveTimeout: number; requestTimeout: number; http: ServerOptions } {
  const { headersMs, keepAliveMs, uploadMs } = config.timeouts;
  return {
    keepAliveTimeout: keepAliveMs,
    requestTimeout: uploadMs,
    // Node checks its header and request limits on this interval, so it bounds how late they bite.
    http: { headersTimeout: headersMs, connectionsCheckingInterval: Math.min(1000, headersMs) },
  };
}

const timedOut = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 19\r\n\r\nRequest timed out.\n';

/**
 * A request whose body has not all arrived `requestMs` after its headers did is answered 408
 * and its connection closed, as Node does at its own limit. Uploads (multipart forms) are left
 * to the longer server-wide limit: a logo or a spreadsheet over a slow line takes time.
 */
export const requestDeadlines = fp(
  async (app: FastifyInstance) => {
    const { requestMs } = app.campgrid.config.timeouts;
    app.addHook('onRequest', (request, reply, done) => {
      const raw = request.raw;
      // A GET or HEAD has no body to wait for: the header limit covers a slow one.
      if (request.method === 'GET' || request.method === 'HEAD') return done();
      if (raw.complete || request.isMultipart?.() || (request.headers['content-type'] ?? '').startsWith('multipart/')) return done();
      const timer = setTimeout(() => {
        // Requests injected in tests have no real socket to close.
        if (raw.complete || !raw.socket || typeof raw.socket.end !== 'function' || raw.socket.destroyed) return;
        request.log.info('request body too slow: closed');
        raw.socket.end(timedOut);
        raw.socket.destroySoon();
      }, requestMs);
      timer.unref();
      const stop = () => clearTimeout(timer);
      raw.once('end', stop);
      raw.once('close', stop);
      reply.raw.once('finish', stop);
      done();
    });
  },
  { name: 'campgrid-request-deadlines' },
);

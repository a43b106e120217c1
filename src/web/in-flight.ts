import type { FastifyInstance } from 'fastify';

/** More requests than this at once is a rush: background work gives way until it passes. */
export const busyWithRequests = 20;

/**
 * Counts the requests `app` is answering right now. A request is counted out when its response
 * closes, which happens once whether the answer was sent or the client hung up first (Fastify's
 * own abort hook misses a client that leaves after sending a whole form).
 */
export function trackInFlight(app: FastifyInstance): () => number {
  let inFlight = 0;
  const closed = () => inFlight--;
  app.addHook('onRequest', (_request, reply, done) => {
    inFlight++;
    reply.raw.once('close', closed);
    done();
  });
  return () => inFlight;
}

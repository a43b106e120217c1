import type { FastifyInstance, FastifyRequest } from 'fastify';

/** More requests than this at once is a rush: background work gives way until it passes. */
export const busyWithRequests = 20;

/**
 * Counts the requests `app` is answering right now. A request is counted out when its answer
 * is sent or when its client gives up, whichever comes first, and only once.
 */
export function trackInFlight(app: FastifyInstance): () => number {
  let inFlight = 0;
  const counted = new WeakSet<FastifyRequest>();
  const done = async (request: FastifyRequest) => {
    if (counted.delete(request)) inFlight--;
  };
  app.addHook('onRequest', async (request) => {
    counted.add(request);
    inFlight++;
  });
  app.addHook('onResponse', done);
  app.addHook('onRequestAbort', done);
  return () => inFlight;
}

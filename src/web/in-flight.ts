import type { FastifyInstance } from 'fastify';

/** More requests than this at once, or begun in a quarter of a second, is a rush: background work gives way until it passes. */
export const busyWithRequests = 20;

/** How busy `app` is, in two counts read by whoever should give way to visitors. */
export interface RequestCounts {
  /** The requests being answered right now. */
  inFlight(): number;
  /** The requests begun in the last `windowMs`. */
  begunLately(): number;
}

/**
 * Counts the requests `app` is answering right now and those begun lately, in one hook every
 * request passes.
 *
 * A request is counted out when its response closes, which happens once whether the answer was
 * sent or the client hung up first (Fastify's own abort hook misses a client that leaves after
 * sending a whole form).
 *
 * Requests in flight alone miss much of a rush: a server answering as fast as they come can have
 * only a dozen in flight at a moment, while thousands more wait to be let in. So the requests
 * begun in the last `windowMs` are counted too (in five slots, so the count moves smoothly).
 */
export function trackRequests(app: FastifyInstance, windowMs = 250, now: () => number = () => performance.now()): RequestCounts {
  let inFlight = 0;
  // A response closes once, so a plain listener serves (no wrapper made per request to remove it).
  const closed = () => inFlight--;
  const counts = [0, 0, 0, 0, 0];
  const slotMs = windowMs / counts.length;
  let slot = 0;
  // Moves to the slot of this moment, emptying those passed since.
  const advance = (): number => {
    const current = Math.floor(now() / slotMs);
    if (current - slot >= counts.length) counts.fill(0);
    else for (let passed = slot + 1; passed <= current; passed++) counts[passed % counts.length] = 0;
    slot = Math.max(slot, current);
    return slot;
  };
  app.addHook('onRequest', (_request, reply, done) => {
    inFlight++;
    reply.raw.on('close', closed);
    counts[advance() % counts.length]!++;
    done();
  });
  return {
    inFlight: () => inFlight,
    begunLately: () => {
      advance();
      return counts.reduce((sum, n) => sum + n, 0);
    },
  };
}

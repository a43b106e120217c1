import type { FastifyInstance } from 'fastify';
import { checkDatabaseAnswers } from '../db/open.ts';

// Written once: load balancers ask every few seconds, and the answer never changes.
const ok = JSON.stringify({ status: 'ok' });
const unavailable = JSON.stringify({ status: 'unavailable' });

/**
 * GET /healthz for load balancers and uptime checks: 200 {"status":"ok"} when the database
 * answers a trivial query, 503 otherwise. No sign-in, no rate limit, never cached.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.campgrid;
  app.get('/healthz', (request, reply) => {
    reply.header('cache-control', 'no-store').type('application/json; charset=utf-8');
    try {
      checkDatabaseAnswers(db);
      reply.send(ok);
    } catch (error) {
      request.log.error({ err: error }, 'health check failed: the database did not answer');
      reply.code(503).send(unavailable);
    }
  });
}

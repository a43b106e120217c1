import type { FastifyInstance } from 'fastify';
import { checkDatabaseAnswers } from '../db/open.ts';

/**
 * GET /healthz for load balancers and uptime checks: 200 {"status":"ok"} when the database
 * answers a trivial query, 503 otherwise. No sign-in, no rate limit, never cached.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.campgrid;
  app.get('/healthz', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      checkDatabaseAnswers(db);
      return { status: 'ok' };
    } catch (error) {
      request.log.error({ err: error }, 'health check failed: the database did not answer');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
}

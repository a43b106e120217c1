import type { FastifyInstance } from 'fastify';

/**
 * GET /healthz for load balancers and uptime checks: 200 {"status":"ok"} when the database
 * answers a trivial query, 503 otherwise. No sign-in, no rate limit, never cached.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.campgrid;
  app.get('/healthz', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      db.$client.prepare('SELECT 1').get();
      return { status: 'ok' };
    } catch (error) {
      request.log.error({ err: error }, 'health check failed: the database did not answer');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
}

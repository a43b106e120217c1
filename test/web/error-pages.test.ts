import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';

/**
 * A failure after a route has set headers (a redirect's Location, say) is still answered with
 * the site's error page: never Fastify's raw JSON, which is what a header Node refuses used to give.
 */
describe('a request that fails', () => {
  let app: FastifyInstance;
  const fresh = freshDatabase();
  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: fresh.path, LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.test' });
    app = await buildApp(config, { db: fresh.db, clock: new FixedClock(testNow), startMail: false, logger: false });
    // A route that fails the way a careless one would: a header no response can carry, then an error.
    app.get('/fails-after-a-bad-header', async (_request, reply) => {
      reply.header('location', '/\u2028').header('x-note', '日本');
      throw new Error('something broke');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    fresh.db.$client.close();
    rmSync(fresh.dir, { recursive: true, force: true });
  });

  it('is answered with the site’s error page, without the headers it cannot carry', async () => {
    const response = await app.inject({ method: 'GET', url: '/fails-after-a-bad-header' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Sorry, there is a problem with the service');
    expect(response.headers.location).toBeUndefined();
    expect(response.headers['x-note']).toBeUndefined();
  });

  it('is answered in JSON only when JSON was asked for', async () => {
    const response = await app.inject({ method: 'GET', url: '/fails-after-a-bad-header', headers: { accept: 'application/json' } });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'Sorry, there is a problem with the service' });
  });
});

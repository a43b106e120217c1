import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { checkDatabaseAnswers, type Database } from '../../src/db/open.ts';
import { composeMail } from '../../src/mail/compose.ts';
import { queueMail } from '../../src/mail/outbox.ts';
import { redactEmails } from '../../src/web/logging.ts';
import { Agent } from '../helpers/agent.ts';
import { freshDatabase, makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { publishedCamp, ticketType } from '../helpers/tickets.ts';

const anEmail = /[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

describe('/healthz', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('answers 200 {"status":"ok"}, never cached, to anyone, however often it is asked', async () => {
    t = await makeApp({ REGISTRATIONS_PER_IP_PER_MINUTE: '2' });
    const answers = await Promise.all(Array.from({ length: 50 }, () => t.app.inject({ method: 'GET', url: '/healthz' })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(50).fill(200));
    expect(answers[0]!.json()).toEqual({ status: 'ok' });
    expect(answers[0]!.headers['cache-control']).toBe('no-store');
    expect(answers[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('answers 503 when the database does not answer', async () => {
    t = await makeApp();
    expect(() => checkDatabaseAnswers(t.db)).not.toThrow();
    t.db.$client.close();
    expect(() => checkDatabaseAnswers(t.db)).toThrow();
    const answer = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(answer.statusCode).toBe(503);
    expect(answer.json()).toEqual({ status: 'unavailable' });
    expect(answer.headers['cache-control']).toBe('no-store');
  });
});

describe('request ids', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('names every response’s request in x-request-id, keeping a plain incoming id and replacing anything else', async () => {
    t = await makeApp();
    const fresh = await t.app.inject({ method: 'GET', url: '/' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const another = await t.app.inject({ method: 'GET', url: '/' });
    expect(another.headers['x-request-id']).not.toBe(fresh.headers['x-request-id']);
    const fromProxy = await t.app.inject({ method: 'GET', url: '/no-such-page', headers: { 'x-request-id': 'edge-7f3a9c21.42' } });
    expect(fromProxy.statusCode).toBe(404);
    expect(fromProxy.headers['x-request-id']).toBe('edge-7f3a9c21.42');
    for (const unsafe of ['short', 'x'.repeat(65), '"},{"level":60', 'id with spaces in it']) {
      const answer = await t.app.inject({ method: 'GET', url: '/', headers: { 'x-request-id': unsafe } });
      expect(answer.headers['x-request-id']).not.toBe(unsafe);
      expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

const queueSignInLink = (db: Database, to: string) =>
  queueMail(db, testNow, { to, ...composeMail('sign-in-link', 'Your Campgrid sign-in link', { link: 'http://campgrid.test/sign-in/abc', minutes: 20 }) });

describe('logs', () => {
  let app: FastifyInstance | undefined;
  let db: Database | undefined;
  afterEach(async () => {
    await app?.close();
    db?.$client.close();
  });

  /** The real app logging at info level into an array, one parsed JSON object per line. */
  async function loggingApp(env: Record<string, string>) {
    const fresh = freshDatabase();
    db = fresh.db;
    const lines: Array<Record<string, unknown>> = [];
    const raw: string[] = [];
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: fresh.path, LOG_LEVEL: 'info', BASE_URL: 'http://campgrid.test', ...env });
    app = await buildApp(config, {
      db,
      clock: new FixedClock(testNow),
      startMail: false,
      logStream: {
        write(line: string) {
          raw.push(line);
          lines.push(JSON.parse(line) as Record<string, unknown>);
        },
      },
    });
    await app.ready();
    return { app, db, lines, raw };
  }

  it('carry each request’s id and hold no email address, whether in URLs, messages or errors', async () => {
    const { app, db, lines, raw } = await loggingApp({ REGISTRATIONS_PER_IP_PER_MINUTE: '100' });
    const { event } = publishedCamp(db, testNow);
    const type = ticketType(db, testNow, event, { capacity: 5 });
    const agent = new Agent(app);
    await agent.get('/sign-in?email=sam.jones%40example.org&next=/me');
    await agent.post('/sign-in', { email: 'sam.jones@example.org' });
    await agent.get(`/events/${event.slug}/register`);
    await agent.post(`/events/${event.slug}/register`, {
      ticketTypeId: String(type.id),
      name: 'Sam Jones',
      email: 'sam.jones@example.org',
      role: 'council-officer',
      firstCamp: 'no',
      codeOfConduct: 'yes',
    });
    await agent.get('/events/no-such-camp?ref=friend@example.org');
    app.log.warn('could not deliver to sam.jones@example.org: mailbox full');
    app.log.error(new Error('refused by <SAM@Example.ORG>'));
    await app.campgrid.mail.deliverDue();

    const requests = lines.filter((l) => l.msg === 'request completed');
    expect(requests.length).toBe(5);
    // One line per request, when it is answered: who asked for what, and what they got.
    for (const line of requests) expect(line.reqId).toMatch(/^[0-9a-f-]{36}$/);
    for (const line of requests) expect(line).toMatchObject({ res: { statusCode: expect.any(Number) }, responseTime: expect.any(Number) });
    expect(requests.map((l) => (l.req as { url: string }).url)).toContain('/sign-in?email=[email]&next=/me');
    expect(raw.join('')).toContain('could not deliver to [email]: mailbox full');
    expect(raw.join('')).toContain('refused by <[email]>');
    expect(raw.join('')).toContain('mail to [email]:');
    expect(raw.filter((line) => anEmail.test(line))).toEqual([]);
  });

  it('at warn write nothing for a request that logs nothing, and still name the request in a line it does write', async () => {
    const { app, db, lines } = await loggingApp({ LOG_LEVEL: 'warn' });
    const quiet = await app.inject({ method: 'GET', url: '/healthz' });
    expect(quiet.statusCode).toBe(200);
    expect(lines).toEqual([]);

    db.$client.close();
    const failing = await app.inject({ method: 'GET', url: '/healthz' });
    expect(failing.statusCode).toBe(503);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, reqId: failing.headers['x-request-id'], msg: 'health check failed: the database did not answer' });
  });

  it('hold no secret from any tokened address in the route table, whether in request lines, errors or messages', async () => {
    const { app, lines, raw } = await loggingApp({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-at-least-32-chars' });
    const tokened = app.campgrid.routes.filter((r) => /\/:(token|key|secret)\b/.test(r.url));
    expect(new Set(tokened.map((r) => r.url.split('/:token')[0]))).toEqual(new Set(['/sign-in', '/tickets/:id', '/sponsorships', '/feeds', '/unsubscribe', '/outputs/digest']));
    const secrets: string[] = [];
    for (const [n, route] of tokened.entries()) {
      const secret = `Sekr3t${n}x${'Q'.repeat(30)}`;
      secrets.push(secret);
      const url = route.url.replace(':slug', 'a-camp').replace(/:(id|sponsorId|pitchId)\b/g, '7').replace(/:(token|key|secret)\b/, secret);
      await app.inject({ method: route.method as 'GET' | 'POST', url: `${url}?code=${secret}` });
      app.log.error(new Error(`could not open http://campgrid.test${url}`));
    }
    await app.inject({ method: 'GET', url: '/sign-in/sent' });

    const requested = lines.filter((l) => l.msg === 'request completed').map((l) => (l.req as { url: string }).url);
    expect(requested).toContain('/sign-in/[secret]?code=[secret]');
    expect(requested).toContain('/tickets/7/[secret]/details?code=[secret]');
    expect(requested).toContain('/feeds/[secret].ics?code=[secret]');
    expect(requested).toContain('/unsubscribe/[secret]?code=[secret]');
    expect(requested).toContain('/outputs/digest/[secret]?code=[secret]');
    expect(requested).toContain('/sign-in/sent');
    for (const secret of secrets) expect(raw.filter((line) => line.includes(secret))).toEqual([]);
  });

  it('in production name no recipient nor the link’s secret for file-delivered mail; in development they name both, to sign in by', async () => {
    const production = await loggingApp({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-at-least-32-chars' });
    queueSignInLink(production.db, 'ola@example.org');
    await production.app.campgrid.mail.deliverDue();
    const sentLine = production.raw.find((l) => l.includes('mail to'))!;
    expect(sentLine).toContain('mail to [email]: \\"Your Campgrid sign-in link\\"');
    expect(sentLine).toContain('http://campgrid.test/sign-in/[secret]');
    await app!.close();
    db!.$client.close();

    const development = await loggingApp({ NODE_ENV: 'development' });
    queueSignInLink(development.db, 'ola@example.org');
    await development.app.campgrid.mail.deliverDue();
    const devLine = development.raw.find((l) => l.includes('mail to'))!;
    expect(devLine).toContain('mail to ola@example.org: \\"Your Campgrid sign-in link\\"');
    expect(devLine).toMatch(/http:\/\/campgrid\.test\/sign-in\/abc/);
  });
});

describe('redactEmails', () => {
  it('replaces addresses, plain or URL-encoded, and leaves the rest of the line alone', () => {
    expect(redactEmails('/sign-in?email=o.brien+camp%40council.gov.uk&next=/me')).toBe('/sign-in?email=[email]&next=/me');
    expect(redactEmails('mail to Zoë <zoe@example.org>, cc ops@camp.example.org.')).toBe('mail to Zoë <[email]>, cc [email]');
    expect(redactEmails('GET /events/localgovcamp-2027/register 303 in 4.2ms')).toBe('GET /events/localgovcamp-2027/register 303 in 4.2ms');
  });
});

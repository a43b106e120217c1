import fastifyFormbody from '@fastify/formbody';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { trackRequests } from '../../src/web/in-flight.ts';

describe('counting the requests being answered', () => {
  it('counts each request in while it is answered and out once, whether answered or abandoned', async () => {
    const app = Fastify({ logger: false, forceCloseConnections: true });
    await app.register(fastifyFormbody);
    const { inFlight } = trackRequests(app);
    const held: Array<() => void> = [];
    app.get('/slow', () => new Promise<string>((resolve) => held.push(() => resolve('done'))));
    app.post('/slow', () => new Promise<string>((resolve) => held.push(() => resolve('done'))));
    app.get('/fast', async () => 'done');
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const slow = Array.from({ length: 5 }, () => fetch(`${address}/slow`).then((r) => r.text()));
      await expect.poll(() => held.length).toBe(5);
      expect(inFlight()).toBe(5);
      expect(await (await fetch(`${address}/fast`)).text()).toBe('done');
      expect(inFlight()).toBe(5);

      // A client that gives up is counted out when it goes, not when the answer is ready.
      const abandoning = new AbortController();
      const abandoned = fetch(`${address}/slow`, { signal: abandoning.signal }).catch(() => 'abandoned');
      await expect.poll(() => held.length).toBe(6);
      expect(inFlight()).toBe(6);
      abandoning.abort();
      expect(await abandoned).toBe('abandoned');
      await expect.poll(() => inFlight()).toBe(5);

      // Someone who sends a whole form and gives up while it is being handled.
      const leaving = new AbortController();
      const left = fetch(`${address}/slow`, { method: 'POST', body: 'name=Zo%C3%AB', headers: { 'content-type': 'application/x-www-form-urlencoded' }, signal: leaving.signal }).catch(() => 'abandoned');
      await expect.poll(() => held.length).toBe(7);
      expect(inFlight()).toBe(6);
      leaving.abort();
      expect(await left).toBe('abandoned');
      await expect.poll(() => inFlight()).toBe(5);

      for (const release of held) release();
      expect(await Promise.all(slow)).toEqual(Array(5).fill('done'));
      await expect.poll(() => inFlight()).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('counting the requests begun lately', () => {
  it('counts the requests begun in the last quarter of a second, and forgets them as it passes', async () => {
    const app = Fastify({ logger: false });
    let now = 10_000;
    const { begunLately } = trackRequests(app, 250, () => now);
    app.get('/', async () => 'ok');
    await app.ready();
    try {
      const ask = (n: number) => Promise.all(Array.from({ length: n }, () => app.inject('/')));
      expect(begunLately()).toBe(0);
      await ask(30);
      expect(begunLately()).toBe(30);
      now += 100;
      await ask(5);
      expect(begunLately()).toBe(35);
      // The first thirty pass out of the window as it moves on; the five stay until they do too.
      now += 160;
      expect(begunLately()).toBe(5);
      now += 100;
      expect(begunLately()).toBe(0);
      // After a long quiet, nothing is left over from before it.
      await ask(3);
      now += 60_000;
      expect(begunLately()).toBe(0);
      await ask(2);
      expect(begunLately()).toBe(2);
    } finally {
      await app.close();
    }
  });
});

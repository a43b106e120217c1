import { describe, expect, it } from 'vitest';
import { demoSlug } from '../../src/demo/seed.ts';
import { eventDetailsOf, findEventBySlug, updateEvent } from '../../src/events/events.ts';
import { listeningDemo } from '../helpers/listening-app.ts';

// The front door only exists on a real server: app.inject goes straight to the framework.
describe('the front door: kept public pages answered before the framework', () => {
  const demo = listeningDemo();
  const eventPage = `/events/${demoSlug}`;
  const feed = `/events/${demoSlug}/calendar.ics`;

  /** A GET, with who answered it: the front door logs its own line. */
  async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
    const id = `test-${Math.random().toString(36).slice(2, 12)}`;
    const response = await fetch(demo.address + path, { method, headers: { 'x-request-id': id, ...headers } });
    const body = Buffer.from(await response.arrayBuffer());
    await expect.poll(() => demo.lines.some((line) => line.reqId === id && line.msg.startsWith('request completed'))).toBe(true);
    const fromMemory = demo.lines.some((line) => line.reqId === id && line.msg === 'request completed from memory');
    const responseHeaders = Object.fromEntries(response.headers);
    return { status: response.status, headers: responseHeaders, body, fromMemory, id };
  }
  /** The headers that differ on every answer, left out of comparisons. */
  const steady = (headers: Record<string, string>) => {
    const { date: _date, 'x-request-id': _id, ...rest } = headers;
    return rest;
  };
  // A cookie (any cookie) sends a request through the framework, whose page cache answers it.
  const throughTheApp = { cookie: 'seen=1' };

  it('answers a kept page with the same bytes and headers the app sends, in each coding and as a 304', async () => {
    const first = await get(eventPage);
    expect(first.fromMemory).toBe(false);
    for (const encoding of ['br', 'gzip', 'identity']) {
      const headers = { 'accept-encoding': encoding };
      const door = await get(eventPage, headers);
      const framework = await get(eventPage, { ...headers, ...throughTheApp });
      expect([door.fromMemory, framework.fromMemory]).toEqual([true, false]);
      expect(door.status).toBe(200);
      expect(steady(door.headers)).toEqual(steady(framework.headers));
      expect(door.body.equals(framework.body)).toBe(true);
      expect(door.headers['content-security-policy']).toContain("default-src 'self'");
    }
    const br = await get(eventPage, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    // fetch undoes the coding as it reads.
    expect(br.body.toString('utf8')).toContain('<html');

    const etag = first.headers.etag!;
    const door304 = await get(eventPage, { 'if-none-match': etag });
    const framework304 = await get(eventPage, { 'if-none-match': etag, ...throughTheApp });
    expect([door304.status, door304.fromMemory, door304.body.length]).toEqual([304, true, 0]);
    expect(steady(door304.headers)).toEqual(steady(framework304.headers));
  });

  it('keeps the request id a client sends, as the app does', async () => {
    const answer = await get(eventPage);
    expect(answer.fromMemory).toBe(true);
    expect(answer.headers['x-request-id']).toBe(answer.id);
  });

  it('shows a change at once: the next visitor after a write gets the new page from the app', async () => {
    await get(feed);
    expect((await get(feed)).fromMemory).toBe(true);
    const event = findEventBySlug(demo.db, demoSlug)!;
    updateEvent(demo.db, demo.clock.now(), event.id, { ...eventDetailsOf(event), name: 'Anytown Camp at the Front Door' });
    const after = await get(eventPage);
    expect(after.fromMemory).toBe(false);
    expect(after.body.toString()).toContain('Anytown Camp at the Front Door');
    expect((await get(feed)).fromMemory).toBe(false);
    expect((await get(eventPage)).fromMemory).toBe(true);
  });

  it('leaves to the app a request with a cookie, a HEAD, and a page nobody has asked for yet', async () => {
    await get(eventPage);
    expect((await get(eventPage, throughTheApp)).fromMemory).toBe(false);
    expect((await get(eventPage, {}, 'HEAD')).fromMemory).toBe(false);
    expect((await get(`/events/${demoSlug}/grid?not-yet=1`)).fromMemory).toBe(false);
    expect((await get('/healthz')).fromMemory).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { demoSlug } from '../../src/demo/seed.ts';
import { listeningDemo } from '../helpers/listening-app.ts';

// The front door only exists on a real server: app.inject goes straight to the framework.
describe('the register page for a first visit, answered before the framework', () => {
  const demo = listeningDemo();
  const register = `/events/${demoSlug}/register`;

  /** A request, with who answered it (the front door logs its own line), its cookie and its form's token. */
  async function visit(path: string, init: { headers?: Record<string, string>; method?: string; body?: string } = {}) {
    const id = `test-${Math.random().toString(36).slice(2, 12)}`;
    const response = await fetch(demo.address + path, { method: init.method ?? 'GET', headers: { 'x-request-id': id, ...init.headers }, body: init.body, redirect: 'manual' });
    const body = await response.text();
    await expect.poll(() => demo.lines.some((line) => line.reqId === id && line.msg.startsWith('request completed'))).toBe(true);
    const fromMemory = demo.lines.some((line) => line.reqId === id && line.msg === 'request completed from memory');
    const headers = Object.fromEntries(response.headers);
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1]?.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    return { status: response.status, headers, body, fromMemory, cookie: response.headers.getSetCookie()[0], token };
  }
  /** What every visitor is sent alike: the headers but the date, the request id and the cookie's value. */
  const alike = (answer: Awaited<ReturnType<typeof visit>>) => {
    const { date: _date, 'x-request-id': _id, 'set-cookie': cookie, ...rest } = answer.headers;
    return { ...rest, cookie: cookie?.replace(/^campgrid_csrf=[^;]+/, 'campgrid_csrf=…'), body: answer.body.replace(answer.token!, '…') };
  };
  const registration = (token: string, email: string) =>
    new URLSearchParams({ _csrf: token, ticketTypeId: '', name: 'Door Visitor', email, role: 'citizen', firstCamp: 'no', codeOfConduct: 'yes' });

  it('sends a first visitor the page, a CSRF cookie and token of their own, as the app does, in each coding', async () => {
    const first = await visit(register);
    expect(first.fromMemory).toBe(false);
    for (const encoding of ['gzip', 'identity']) {
      const headers = { 'accept-encoding': encoding };
      const door = await visit(register, { headers });
      // A cookie (any cookie) sends a request through the framework, which makes a new visitor's secret too.
      const framework = await visit(register, { headers: { ...headers, cookie: 'seen=1' } });
      expect([door.fromMemory, framework.fromMemory]).toEqual([true, false]);
      expect(door.status).toBe(200);
      expect(alike(door)).toEqual(alike(framework));
      expect(door.headers['content-encoding']).toBe(encoding === 'gzip' ? 'gzip' : undefined);
      expect(door.headers['cache-control']).toBe('no-store');
      expect(door.cookie).toMatch(/^campgrid_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
      expect(door.token).not.toBe(framework.token);
    }
  });

  it('makes a cookie and token the app accepts with the form, each visitor’s own', async () => {
    await visit(register);
    const [ada, bo] = [await visit(register), await visit(register)];
    expect([ada.fromMemory, bo.fromMemory]).toEqual([true, true]);
    expect(ada.cookie).not.toBe(bo.cookie);
    const typeId = /name="ticketTypeId"[^>]*value="(\d+)"/.exec(ada.body)?.[1];
    expect(typeId).toBeDefined();
    const post = (who: typeof ada, token: string, email: string) => {
      const form = registration(token, email);
      form.set('ticketTypeId', typeId!);
      return visit(register, { method: 'POST', headers: { cookie: who.cookie!.split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    };
    // Someone else's token does not go with your cookie.
    expect((await post(bo, ada.token!, 'bo@example.org')).status).toBe(403);
    const registered = await post(ada, ada.token!, 'ada@example.org');
    expect(registered.status).toBe(303);
    expect(registered.headers.location).toContain('/register/done?outcome=check-email');
  });

  it('leaves to the app a visitor with a cookie or a code, and a page not kept since the last change', async () => {
    await visit(register);
    expect((await visit(register)).fromMemory).toBe(true);
    expect((await visit(register, { headers: { cookie: 'seen=1' } })).fromMemory).toBe(false);
    expect((await visit(`${register}?code=helping`)).fromMemory).toBe(false);
    expect((await visit(register, { method: 'HEAD' })).fromMemory).toBe(false);
    // A registration is a write: the next visitor gets the page from the app, and the one after from the door.
    const page = await visit(register);
    const typeId = /name="ticketTypeId"[^>]*value="(\d+)"/.exec(page.body)![1]!;
    const form = registration(page.token!, 'cy@example.org');
    form.set('ticketTypeId', typeId);
    expect((await visit(register, { method: 'POST', headers: { cookie: page.cookie!.split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() })).status).toBe(303);
    expect((await visit(register)).fromMemory).toBe(false);
    expect((await visit(register)).fromMemory).toBe(true);
  });
});

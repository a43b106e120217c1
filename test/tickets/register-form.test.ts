import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { Agent, errorSummary } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { publishedCamp, ticketType } from '../helpers/tickets.ts';

describe('the register form and hidden ticket types', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(() => t.close());

  const form = (ticketTypeId: number, accessCode?: string) => ({
    ticketTypeId: String(ticketTypeId),
    name: 'Val Unteer',
    email: 'val@example.org',
    role: 'citizen',
    firstCamp: 'no',
    codeOfConduct: 'yes',
    ...(accessCode === undefined ? {} : { accessCode }),
  });

  it('treats a hidden type posted without its code as no choice at all, and registers with the code', async () => {
    const { event } = publishedCamp(t.db, t.clock.now());
    const volunteers = ticketType(t.db, t.clock.now(), event, { name: 'Volunteers', visibility: 'hidden', accessCode: 'Helping2027' });
    const agent = new Agent(t.app);
    await agent.get(`/events/${event.slug}/register`);

    const without = await agent.post(`/events/${event.slug}/register`, form(volunteers.id));
    expect(without.statusCode).toBe(400);
    expect(errorSummary(without.body)).toEqual(['Choose a ticket']);
    expect(without.body).not.toContain('Volunteers');
    const wrong = await agent.post(`/events/${event.slug}/register`, form(volunteers.id, 'helping2026'));
    expect(errorSummary(wrong.body)).toEqual(['Choose a ticket']);
    expect(t.db.select().from(registrations).all()).toEqual([]);

    const right = await agent.post(`/events/${event.slug}/register`, form(volunteers.id, 'helping2027'));
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe(`/events/${event.slug}/register/done?outcome=check-email&ticket=${volunteers.id}&code=helping2027`);
    expect(t.db.select({ status: registrations.status }).from(registrations).where(eq(registrations.ticketTypeId, volunteers.id)).all()).toEqual([{ status: 'confirmed' }]);
  });

  it('sends someone signed in who joins the waiting list to a page that tells them their place in the queue', async () => {
    const { event } = publishedCamp(t.db, t.clock.now());
    const type = ticketType(t.db, t.clock.now(), event, { capacity: 1 });
    const agent = new Agent(t.app);
    await agent.get(`/events/${event.slug}/register`);
    await agent.post(`/events/${event.slug}/register`, { ...form(type.id), email: 'first@example.org' });
    await agent.post(`/events/${event.slug}/register`, { ...form(type.id), email: 'second@example.org' });
    const third = await (await signedInAgent(t.app, person(t.db, 'third@example.org'))).post(`/events/${event.slug}/register`, { ...form(type.id), email: 'third@example.org' });
    expect(third.headers.location).toBe(`/events/${event.slug}/register/done?outcome=waiting&ticket=${type.id}&position=2`);
  });

  it('gives every visitor the register page with a token of their own, and shows a place taken at once', async () => {
    const { event } = publishedCamp(t.db, t.clock.now());
    const type = ticketType(t.db, t.clock.now(), event, { capacity: 3 });
    const [ada, bo] = [new Agent(t.app), new Agent(t.app)];
    const pages = [await ada.get(`/events/${event.slug}/register`), await bo.get(`/events/${event.slug}/register`)];
    for (const page of pages) expect(page.body).toContain('3 places left');
    // The page is rendered once for both, but each has its own token and cookie.
    expect(ada.csrfToken).toBeTruthy();
    expect(ada.csrfToken).not.toBe(bo.csrfToken);
    expect(pages.every((page) => /campgrid_csrf=/.test(String(page.headers['set-cookie'])))).toBe(true);
    expect(pages[1]!.body.replace(bo.csrfToken!, '')).toBe(pages[0]!.body.replace(ada.csrfToken!, ''));

    // Someone else's token does not go with your cookie.
    const borrowed = await bo.post(`/events/${event.slug}/register`, { ...form(type.id), email: 'bo@example.org', _csrf: ada.csrfToken! });
    expect(borrowed.statusCode).toBe(403);
    expect((await ada.post(`/events/${event.slug}/register`, { ...form(type.id), email: 'ada@example.org' })).statusCode).toBe(303);
    expect((await new Agent(t.app).get(`/events/${event.slug}/register`)).body).toContain('2 places left');
    expect((await bo.post(`/events/${event.slug}/register`, { ...form(type.id), email: 'bo@example.org' })).statusCode).toBe(303);
    expect((await bo.get(`/events/${event.slug}/register`)).body).toContain('1 place left');
  });

  it('renders the page once for visitors who all ask at once after a change, each with a token of their own', async () => {
    const { event } = publishedCamp(t.db, t.clock.now());
    ticketType(t.db, t.clock.now(), event, { capacity: 3 });
    const kept = vi.spyOn(t.app.campgrid.cache, 'set');
    const visitors = Array.from({ length: 20 }, () => new Agent(t.app));
    const pages = await Promise.all(visitors.map((visitor) => visitor.get(`/events/${event.slug}/register`)));
    expect(pages.every((page) => page.statusCode === 200 && page.body.includes('3 places left'))).toBe(true);
    expect(new Set(visitors.map((visitor) => visitor.csrfToken)).size).toBe(20);
    expect(kept.mock.calls.filter(([key]) => String(key).startsWith('form|'))).toHaveLength(1);
    // Each token's secret (in its signed cookie) is 18 random bytes of their own, from the pool.
    const secrets = pages.map((page) => {
      const cookie = (page.cookies as Array<{ name: string; value: string }>).find((c) => c.name === 'campgrid_csrf')!;
      const unsigned = t.app.unsignCookie(cookie.value);
      expect(unsigned.valid).toBe(true);
      return unsigned.value!;
    });
    expect(secrets.every((secret) => /^[A-Za-z0-9_-]{24}$/.test(secret))).toBe(true);
    expect(new Set(secrets).size).toBe(20);
  });

  it('keeps the page as it was after a write that changes nothing it shows (the rest of a rush, once the places have gone)', async () => {
    const { event } = publishedCamp(t.db, t.clock.now());
    const type = ticketType(t.db, t.clock.now(), event, { capacity: 1 });
    const kept = vi.spyOn(t.app.campgrid.cache, 'set');
    const renderings = () => kept.mock.calls.filter(([key]) => String(key).startsWith('form|')).map(([, made]) => made);
    const visitor = new Agent(t.app);
    const look = async () => (await visitor.get(`/events/${event.slug}/register`)).body;
    expect(await look()).toContain('1 place left');
    await visitor.post(`/events/${event.slug}/register`, { ...form(type.id), email: 'first@example.org' });
    expect(await look()).toContain('Full: you can join the waiting list');
    await visitor.post(`/events/${event.slug}/register`, { ...form(type.id), email: 'second@example.org' });
    await visitor.post(`/events/${event.slug}/register`, { ...form(type.id), email: 'third@example.org' });
    expect(await look()).toContain('Full: you can join the waiting list');
    // Three renderings were kept, one per change: but the waiting list's growth shows nowhere on
    // the page, so the last is the full page made before it, not a new one.
    const [open, full, afterWaiting] = renderings();
    expect(renderings()).toHaveLength(3);
    expect(full).not.toBe(open);
    expect(afterWaiting).toBe(full);
  });
});

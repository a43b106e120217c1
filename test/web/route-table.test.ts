import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDay } from '../../src/events/days.ts';
import { changeEventStatus } from '../../src/events/events.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import { attendee, links, ticketType } from '../helpers/tickets.ts';
import { createEvent } from '../../src/events/events.ts';
import { inviteOrganiser, teamOf } from '../../src/events/organisers.ts';
import { addRoom } from '../../src/events/rooms.ts';
import { addSlot } from '../../src/events/slots.ts';
import { addPackage } from '../../src/sponsors/packages.ts';
import { signUpSponsor } from '../../src/sponsors/sponsors.ts';
import { takeDeskPitch } from '../../src/pitches/desk.ts';
import { defineTheme } from '../../src/themes/themes.ts';
import { Agent } from '../helpers/agent.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { campDetails } from '../helpers/factories.ts';
import { person, signedInAgent } from '../helpers/people.ts';

/**
 * Walks every route the app registered, so a route added later is covered without anyone
 * remembering to add it here.
 */
describe('every route in the route table', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  let sponsorToken: string;
  let attendeeEmail: string;
  let routes: TestApp['app']['campgrid']['routes'];

  beforeAll(async () => {
    t = await makeApp();
    const ana = person(t.db, 'ana@example.org', { administrator: true });
    const mine = createEvent(t.db, testNow, campDetails(), ana.id);
    const theirs = createEvent(t.db, testNow, campDetails({ slug: 'other-camp', name: 'Other camp' }), ana.id);
    const day = addDay(t.db, mine.id, mine.timeZone, { date: '2027-06-19', label: '', opens: '09:00', closes: '17:00' });
    const slot = addSlot(t.db, day, mine.timeZone, { kind: 'session', label: '', starts: '10:00', ends: '10:45' });
    const room = addRoom(t.db, mine.id, { name: 'Hall', capacity: 50, features: [], notes: '', displayOrder: 0 });
    inviteOrganiser(t.db, testNow, { event: theirs, email: 'other.owner@example.org', role: 'owner', invitedBy: ana, baseUrl: '' });
    inviteOrganiser(t.db, testNow, { event: mine, email: 'helper@example.org', role: 'helper', invitedBy: ana, baseUrl: '' });
    const member = teamOf(t.db, mine.id).find((m) => m.person.email === 'helper@example.org')!;
    const type = ticketType(t.db, testNow, mine, { capacity: 5 });
    const published = changeEventStatus(t.db, testNow, mine.id, 'published');
    const someone = attendee();
    attendeeEmail = someone.email;
    const registration = registerAttendee(t.db, testNow, links, { event: published, type, details: someone }).registration;
    // Ana holds a place too, so the routes only attendees reach (interest, notes) are walked.
    registerAttendee(t.db, testNow, links, { event: published, type, details: attendee({ email: 'ana@example.org' }) });
    const pitch = takeDeskPitch(t.db, testNow, { event: mine, enteredBy: ana, pitch: { title: 'Open data', facilitator: 'Sam', format: 'discussion', needs: [], doubleLength: false, showOfHands: null } });
    const pkg = addPackage(t.db, testNow, mine.id, { name: 'Lunch sponsor', benefits: ['Thanks'], pricePence: 150_000, available: 5, signUpDeadline: null, displayOrder: 0, logoSize: 'medium', funds: [] });
    const details = { organisationName: 'Acme', website: 'https://acme.example', contactName: 'Ada', contactEmail: 'ada@acme.example', contactPhone: '01632 960 001', invoiceAddress: 'Anytown', purchaseOrder: '', vatNumber: '', description: '' };
    const { sponsor, link } = signUpSponsor(t.db, testNow, { event: mine, packageId: pkg.id, details, logo: null, baseUrl: '' });
    sponsorToken = link.split('/').pop()!;
    const theme = defineTheme(t.db, testNow, mine.id, 'democracy');
    ids = { dayId: day.id, slotId: slot.id, roomId: room.id, memberId: member.id, packageId: pkg.id, sponsorId: sponsor.id, typeId: type.id, registrationId: registration.id, id: registration.id, pitchId: pitch.id, outputId: 1, themeId: theme.id };
    routes = t.app.campgrid.routes;
  });
  afterAll(async () => t.close());

  const concrete = (url: string) =>
    url
      .replace(':slug', 'localgovcamp-2027')
      .replace(/:(dayId|slotId|roomId|memberId|packageId|sponsorId|typeId|registrationId|pitchId|outputId|themeId|id)\b/g, (_m, name: string) => String(ids[name]))
      // A sponsor's own pages are reached by a real secret link, so forms there are exercised too.
      .replace('/sponsorships/:token', `/sponsorships/${sponsorToken}`)
      .replace(':token', 'some-token')
      .replace(':file', `${'0'.repeat(64)}.png`)
      .replace('*', 'campgrid.css');

  it('has every organiser page under /organise', () => {
    expect(routes.filter((r) => r.url.startsWith('/organise')).length).toBeGreaterThan(20);
  });

  it('refuses every state-changing request that lacks a valid CSRF token', async () => {
    const agent = await signedInAgent(t.app, person(t.db, 'ana@example.org'));
    const posts = routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    expect(posts.length).toBeGreaterThan(15);
    for (const route of posts) {
      const missing = await agent.post(concrete(route.url), {}, { csrf: false });
      expect(missing.statusCode, `${route.method} ${route.url} without token`).toBe(403);
      const forged = await agent.post(concrete(route.url), { _csrf: 'forged-token' });
      expect(forged.statusCode, `${route.method} ${route.url} with a forged token`).toBe(403);
    }
  });

  it('runs the CSRF check on the routes a form can be sent to and on no route that only answers GET', () => {
    const hooksOf = (method: string) => t.app.printRoutes({ includeHooks: true, commonPrefix: false, method });
    expect(hooksOf('GET')).not.toContain('checkCsrf');
    const posts = hooksOf('POST');
    const postRoutes = posts.split('\n').filter((line) => line.includes('(POST)')).length;
    expect(postRoutes).toBeGreaterThan(15);
    expect(posts.match(/checkCsrf/g)?.length).toBe(postRoutes);
  });

  it('answers a form sent to an address with no route 404, with or without a token', async () => {
    const visitor = new Agent(t.app);
    expect((await visitor.post('/no-such-form', {}, { csrf: false })).statusCode).toBe(404);
  });

  it('sends anonymous visitors on every /organise route to sign in', async () => {
    const visitor = new Agent(t.app);
    for (const route of routes.filter((r) => r.url.startsWith('/organise'))) {
      const response = route.method === 'GET' ? await visitor.get(concrete(route.url)) : await visitor.post(concrete(route.url));
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(303);
      expect(response.headers.location, `${route.method} ${route.url}`).toMatch(/^\/sign-in\?next=/);
    }
  });

  it('registers every /organise/events/:slug route, whatever its area, inside the one organiser context', () => {
    const eventRoutes = routes.filter((r) => r.url.startsWith('/organise/events/:slug'));
    expect(eventRoutes.length).toBeGreaterThan(60);
    expect(eventRoutes.filter((r) => !r.config.organiserContext).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(routes.filter((r) => r.config.organiserContext && !r.url.startsWith('/organise/events/:slug/') && r.url !== '/organise/events/:slug')).toEqual([]);
  });

  it('refuses a visitor and an attendee with a place at the event on every route of its organiser context', async () => {
    const visitor = new Agent(t.app);
    const placeHolder = await signedInAgent(t.app, person(t.db, attendeeEmail));
    for (const route of routes.filter((r) => r.config.organiserContext)) {
      const asVisitor = route.method === 'GET' ? await visitor.get(concrete(route.url)) : await visitor.post(concrete(route.url));
      expect(asVisitor.statusCode, `${route.method} ${route.url} as a visitor`).toBe(303);
      expect(asVisitor.headers.location, `${route.method} ${route.url} as a visitor`).toMatch(/^\/sign-in\?next=/);
      const asAttendee = route.method === 'GET' ? await placeHolder.get(concrete(route.url)) : await placeHolder.post(concrete(route.url));
      expect(asAttendee.statusCode, `${route.method} ${route.url} as an attendee`).toBe(403);
    }
  });

  it('refuses an organiser of another event on every route of this one', async () => {
    const other = await signedInAgent(t.app, person(t.db, 'other.owner@example.org'));
    for (const route of routes.filter((r) => r.url.startsWith('/organise/events/:slug'))) {
      const response = route.method === 'GET' ? await other.get(concrete(route.url)) : await other.post(concrete(route.url));
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.body).toContain('You do not have access to this page');
    }
    expect((await other.get('/organise/events/new')).statusCode).toBe(403);
  });

  it('lets a helper reach exactly the routes marked for helpers, and refuses the rest', async () => {
    const helper = await signedInAgent(t.app, person(t.db, 'helper@example.org'));
    const eventRoutes = routes.filter((r) => r.url.startsWith('/organise/events/:slug'));
    expect(eventRoutes.filter((r) => r.config.minimumRole === 'helper').map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /organise/events/:slug',
      'GET /organise/events/:slug/team',
      'GET /organise/events/:slug/check-in',
      'GET /organise/events/:slug/check-in/:registrationId/another-day',
      'POST /organise/events/:slug/check-in/:registrationId',
      'GET /organise/events/:slug/grid',
      'GET /organise/events/:slug/grid/sessions/:pitchId',
      'POST /organise/events/:slug/grid/place',
      'POST /organise/events/:slug/grid/swap',
      'POST /organise/events/:slug/grid/unschedule',
      'POST /organise/events/:slug/grid/pin',
      'POST /organise/events/:slug/grid/undo',
      'POST /organise/events/:slug/grid/propose',
      'POST /organise/events/:slug/grid/apply',
      'GET /organise/events/:slug/pitch-cards',
      'GET /organise/events/:slug/pitch-desk',
      'POST /organise/events/:slug/pitch-desk',
      'GET /organise/events/:slug/outputs',
    ]);
    for (const route of eventRoutes) {
      const response = route.method === 'GET' ? await helper.get(concrete(route.url)) : await helper.post(concrete(route.url), { want: 'in' });
      // Reached: a page, a redirect, or the form re-rendered because the empty request is incomplete.
      if (route.config.minimumRole === 'helper') expect([200, 303, 400], `${route.method} ${route.url}`).toContain(response.statusCode);
      else expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
  });

  it('answers unknown events and ids with a 404 page, not an error', async () => {
    const admin = await signedInAgent(t.app, person(t.db, 'ana@example.org'));
    for (const url of ['/organise/events/no-such-camp', '/organise/events/localgovcamp-2027/days/999999/edit', '/organise/events/localgovcamp-2027/rooms/abc/edit', '/organise/events/localgovcamp-2027/days/1e9/slots', '/events/no-such-camp', '/events/localgovcamp-2027/pitches/999999', '/events/other-camp/pitches/1', '/p/999999', '/p/abc', '/organise/events/localgovcamp-2027/pitches/999999/edit']) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).toContain('Page not found');
    }
  });

  it('answers every id in every address, when it is not a number or names nothing, with the 404 page from the one error handler, never a 500 or JSON', async () => {
    const admin = await signedInAgent(t.app, person(t.db, 'ana@example.org'));
    const idLike = /:(\w*Id|id|room)\b/g;
    const withIds = routes.filter((r) => ['GET', 'POST'].includes(r.method) && r.url.match(idLike));
    expect(withIds.length).toBeGreaterThanOrEqual(40);
    for (const route of withIds) {
      for (const [name] of route.url.matchAll(idLike)) {
        for (const wrong of ['abc', '1e9', '-1', '999999']) {
          const url = concrete(route.url.replace(name, wrong));
          const response = route.method === 'GET' ? await admin.get(url) : await admin.post(url, {});
          const what = `${route.method} ${route.url} with ${name} = ${wrong}`;
          if (wrong !== '999999' || route.method === 'GET') expect(response.statusCode, what).toBe(404);
          // A well-formed id that names nothing reaches the handler: a form posted to it may be refused as incomplete first.
          // Removing a note that is already gone goes back to its session, as a second click would.
          else if (route.url.endsWith('/notes/:noteId/remove') && name === ':noteId') expect(response.statusCode, what).toBe(303);
          else expect([400, 404], what).toContain(response.statusCode);
          if (response.statusCode === 303) continue;
          expect(String(response.headers['content-type']), what).not.toMatch(/json/);
          // Calendar apps get the feeds' own plain answer; people get the site's page.
          if (route.url.endsWith('.ics')) expect(response.body, what).toBe('Not found\n');
          else if (response.statusCode === 404) expect(response.body, what).toContain('Page not found');
          else expect(String(response.headers['content-type']), what).toMatch(/^text\/html/);
        }
      }
    }
  }, 120_000);

  it('never redirects anywhere a header cannot hold or off the site, whatever path is typed into any route', async () => {
    const admin = await signedInAgent(t.app, person(t.db, 'ana@example.org'));
    const pitches = '/events/localgovcamp-2027/pitches';
    const typed = ['/\u2028', `${pitches}/日本`, `${pitches}/\r\nSet-Cookie: x=1`, '/\t/evil.example'];
    const headerSafeSameSite = /^\/(?![/\\])[\x21-\x7e]*$/;
    let redirects = 0;
    // Signing out or deleting oneself would leave the rest of the walk signed out.
    const walked = routes.filter((r) => ['GET', 'POST'].includes(r.method) && !['/sign-out', '/me/delete'].includes(r.url));
    for (const route of walked) {
      for (const value of typed) {
        const fields = { next: value, back: value, want: 'yes', day: value, email: 'ana@example.org' };
        const url = concrete(route.url);
        const response =
          route.method === 'GET' ? await admin.get(`${url}?${new URLSearchParams({ next: value, back: value })}`) : await admin.post(url, fields);
        expect(response.statusCode, `${route.method} ${route.url} with ${JSON.stringify(value)}`).toBeLessThan(500);
        const location = response.headers.location as string | undefined;
        if (location === undefined) continue;
        redirects++;
        expect(location.replace(/^http:\/\/campgrid\.test/, ''), `${route.method} ${route.url} with ${JSON.stringify(value)}`).toMatch(headerSafeSameSite);
      }
    }
    expect(redirects).toBeGreaterThan(30);
    // Hundreds of requests: a loaded machine needs longer than one page's allowance.
  }, 120_000);

  it('never answers with a 500, whatever is posted to any form', async () => {
    const admin = await signedInAgent(t.app, person(t.db, 'ana@example.org'));
    const junk: Array<Record<string, string | string[]>> = [
      {},
      { name: ['a', 'b'], slug: ['x'], capacity: ['1', '2'], kind: ['session', 'break'] },
      { name: '\u0000\u202e<script>alert(1)</script>', email: '"><img src=x onerror=alert(1)>@x', capacity: '99999999999999999999', starts: '99:99', 'date-day': '-1', 'date-month': '13', 'date-year': '0' },
      { name: 'x'.repeat(50_000), description: '\ud800', timeZone: '../../etc/passwd', status: 'deleted', role: 'god', features: 'projector' },
    ];
    for (const route of routes.filter((r) => r.method === 'POST')) {
      for (const body of junk) {
        const response = await admin.post(concrete(route.url), body);
        expect(response.statusCode, `${route.url} with ${JSON.stringify(body).slice(0, 80)}`).toBeLessThan(500);
      }
    }
    const raw = await t.app.inject({ method: 'POST', url: '/sign-in', payload: '%%%&&&=%E0%A4%A', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(raw.statusCode).toBeLessThan(500);
    const json = await t.app.inject({ method: 'POST', url: '/sign-in', payload: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(json.statusCode).toBeLessThan(500);
    expect(t.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(t.db.$client.pragma('foreign_key_check')).toEqual([]);
  });
});

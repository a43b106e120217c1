import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import { createEvent } from '../../src/events/events.ts';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import { Agent, decodeEntities, errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { campDetails } from '../helpers/factories.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { afterTheCamp, twoYearsOfCamps } from './camps.ts';

/** A table's rows as text, found by its caption. */
function tableRows(html: string, caption: string): string[][] {
  const table = new RegExp(`<caption[^>]*>${caption}</caption>([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (!table) throw new Error(`No table captioned ${caption}`);
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => decodeEntities(cell[1]!.replace(/<[^>]+>/g, '').trim())));
}

describe('the insights pages, over HTTP', () => {
  let t: TestApp;
  let camps: ReturnType<typeof twoYearsOfCamps>;
  let owner: Agent;
  const page = '/organise/events/localgovcamp-2027/insights';
  beforeEach(async () => {
    t = await makeApp({}, { clock: new FixedClock(afterTheCamp) });
    camps = twoYearsOfCamps(t.db, t.clock.now());
    owner = await signedInAgent(t.app, camps.owner);
  });
  afterEach(async () => t.close());

  it('is reached from the organiser’s event page and compares with the camp it was copied from', async () => {
    const eventPage = await owner.get('/organise/events/localgovcamp-2027');
    expect(eventPage.body).toContain(`href="${page}">Insights</a>`);
    const response = await owner.get(page);
    expect(response.statusCode).toBe(200);
    expect(tableRows(response.body, 'At a glance')).toEqual([
      ['Figure', 'LocalGovCamp 2027', 'LocalGovCamp 2026'],
      ['People coming', '3', '3'],
      ['First-timers', '2 (67%)', '1 (33%)'],
      ['Councillors', '1', '0'],
      ['Councils represented', '2', '3'],
      ['Councils new to the camps', '1', '3'],
      ['Councils returning', '1', '0'],
    ]);
    expect(response.body).toContain('<option value="localgovcamp-2026" selected>LocalGovCamp 2026</option>');
    expect(tableRows(response.body, 'Places by ticket type').slice(1)).toEqual([
      ['Camp day', '3', '1', '2', '1'],
      ['Makers day', '1', '0', '1', '0'],
    ]);
  });

  it('draws every chart as an image named by its title and description, with no script or inline style', async () => {
    const response = await owner.get(page);
    const charts = [...response.body.matchAll(/<svg [^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes('campgrid-plot'));
    expect(charts).toHaveLength(6);
    for (const tag of charts) {
      const id = /id="([^"]+)"/.exec(tag)![1];
      expect(tag).toContain('role="img"');
      expect(tag).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
      expect(response.body).toContain(`<title id="${id}-title">`);
    }
    expect(response.body).not.toMatch(/<style|style="| on[a-z]+="/);
    expect(response.headers['content-security-policy']).toContain("style-src 'self'");
  });

  it('escapes organisers’ text in the charts', async () => {
    createEvent(t.db, t.clock.now(), campDetails({ slug: 'tricky', name: '<script>alert(1)</script> Camp' }), camps.owner.id);
    const response = await owner.get(`${page}?compare=tricky`);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('<script>alert(1)');
    expect(response.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Camp');
  });

  it('compares with another camp the organiser picks from a form that needs no JavaScript, or none', async () => {
    const none = await owner.get(`${page}?compare=`);
    expect(none.body).toContain('<option value="" selected>No comparison</option>');
    expect(tableRows(none.body, 'At a glance')[0]).toEqual(['Figure', 'LocalGovCamp 2027']);
    const forged = await owner.get(`${page}?compare=not-a-camp-of-yours`);
    expect(forged.statusCode).toBe(400);
    expect(errorSummary(forged.body)).toEqual(['Choose a camp from the list']);
  });

  it('saves the first-timer target, and says what is wrong with a bad one, keeping what was typed', async () => {
    const bad = await owner.post(`${page}/target`, { firstTimerTarget: '120' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Enter a whole number from 0 to 100']);
    expect(inputValue(bad.body, 'firstTimerTarget')).toBe('120');
    expect(errorSummary((await owner.post(`${page}/target`, { firstTimerTarget: 'lots' })).body)).toEqual(['Enter a whole number from 0 to 100']);
    const saved = await owner.post(`${page}/target`, { firstTimerTarget: '60' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${page}?done=target`);
    const after = await owner.get(saved.headers.location as string);
    expect(after.body).toContain('First-timer target saved');
    expect(tableRows(after.body, 'First-timers against the target')[1]).toEqual(['LocalGovCamp 2027', '2', '3', '67%', '60%']);
  });

  it('shows empty states, not errors, for a camp nobody has registered for', async () => {
    createEvent(t.db, t.clock.now(), campDetails({ slug: 'empty-camp', name: 'Empty camp' }), camps.owner.id);
    const response = await owner.get('/organise/events/empty-camp/insights');
    expect(response.statusCode).toBe(200);
    for (const text of ['No registrations yet.', 'No ticket types yet.', 'No days yet.', 'Nobody is coming yet.', 'No councils yet']) expect(response.body).toContain(text);
  });

  it('is for owners and organisers only: helpers and attendees are refused, visitors sent to sign in', async () => {
    for (const [email, role] of [['helper@example.org', 'helper'], ['organiser@example.org', 'organiser']] as const) {
      inviteOrganiser(t.db, t.clock.now(), { event: camps.thisYear, email, role, invitedBy: camps.owner, baseUrl: '' });
    }
    const organiser = await signedInAgent(t.app, person(t.db, 'organiser@example.org'));
    const helper = await signedInAgent(t.app, person(t.db, 'helper@example.org'));
    const attendee = await signedInAgent(t.app, person(t.db, 'ana@example.org'));
    const visitor = new Agent(t.app);
    await visitor.get('/sign-in');
    for (const [method, url] of [['GET', page], ['POST', `${page}/target`]] as const) {
      const as = (agent: Agent) => (method === 'GET' ? agent.get(url) : agent.post(url, { firstTimerTarget: '40' }));
      expect((await as(organiser)).statusCode, `organiser ${method}`).toBe(method === 'GET' ? 200 : 303);
      expect((await as(helper)).statusCode, `helper ${method}`).toBe(403);
      expect((await as(attendee)).statusCode, `attendee ${method}`).toBe(403);
      const refused = await as(visitor);
      expect(refused.statusCode).toBe(303);
      expect(refused.headers.location).toMatch(/^\/sign-in\?next=/);
    }
  });

  it('shows site-wide insights to administrators only, linked from their Organise page', async () => {
    const administrator = await signedInAgent(t.app, person(t.db, 'admin@example.org', { administrator: true }));
    expect((await administrator.get('/organise')).body).toContain('href="/organise/insights">Insights across camps</a>');
    const response = await administrator.get('/organise/insights');
    expect(response.statusCode).toBe(200);
    expect(tableRows(response.body, 'Councils reached by year')).toEqual([
      ['Year', 'That year', 'So far'],
      ['2026', '3', '3'],
      ['2027', '2', '4'],
    ]);
    expect((await owner.get('/organise')).body).not.toContain('href="/organise/insights"');
    expect((await owner.get('/organise/insights')).statusCode).toBe(403);
    const visitor = new Agent(t.app);
    expect((await visitor.get('/organise/insights')).headers.location).toMatch(/^\/sign-in\?next=/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { FixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/open.ts';
import { demoSlug } from '../../src/demo/seed.ts';
import { Agent, errorSummary, inputValue } from '../helpers/agent.ts';
import { demoCampApp, type SessionPeople } from '../helpers/outputs.ts';
import { signedInAgent } from '../helpers/people.ts';

describe('outputs over HTTP', () => {
  let app: FastifyInstance;
  let db: Database;
  let clock: FixedClock;
  let camp: SessionPeople;
  let page: string;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ app, db, clock, camp, close } = await demoCampApp());
    page = `/events/${demoSlug}/pitches/${camp.session.pitchId}`;
  });
  afterEach(() => close());

  it('says before the session that outputs come once it starts, and refuses the form until then', async () => {
    expect((await new Agent(app).get(page)).body).toContain('Once the session starts, the people who were there can add notes, links and actions here.');
    const facilitator = await signedInAgent(app, camp.facilitator);
    expect((await facilitator.get(`${page}/outputs/new?kind=notes`)).statusCode).toBe(403);
  });

  it('takes notes, a link and an action from the session’s people, keeping what was typed when something is wrong, and shows them escaped', async () => {
    clock.set(new Date(camp.session.startsAt + 60_000));
    const attendee = await signedInAgent(app, camp.interested);
    const sessionPage = await attendee.get(page);
    expect(sessionPage.body).toContain(`href="${page}/outputs/new?kind=action"`);

    const badLink = await attendee.post(`${page}/outputs/new?kind=link`, { title: 'Slides <b>', url: 'javascript:alert(1)', credited: 'yes' });
    expect(badLink.statusCode).toBe(400);
    expect(errorSummary(badLink.body)).toEqual(['Enter a web address starting with https:// or http://']);
    expect(inputValue(badLink.body, 'title')).toBe('Slides <b>');
    expect(badLink.body).toContain('value="Slides &lt;b&gt;"');
    expect(inputValue(badLink.body, 'url')).toBe('javascript:alert(1)');
    const noTitle = await attendee.post(`${page}/outputs/new?kind=notes`, { title: '', body: 'We agreed to <share>', credited: 'yes' });
    expect(noTitle.statusCode).toBe(400);
    expect(errorSummary(noTitle.body)).toEqual(['Enter a title']);
    expect(noTitle.body).toContain('We agreed to &lt;share&gt;</textarea>');

    expect((await attendee.post(`${page}/outputs/new?kind=link`, { title: 'Slides <b>', url: 'https://example.org/slides', credited: 'yes' })).headers.location).toBe(`${page}#outputs`);
    await attendee.post(`${page}/outputs/new?kind=notes`, { title: 'Notes', body: 'We agreed to <share> https://example.org/data', credited: 'yes' });
    await attendee.post(`${page}/outputs/new?kind=action`, { title: 'Write the guide', owner: 'Sam <i>', credited: '' });
    const shown = (await new Agent(app).get(page)).body;
    expect(shown).toContain('<a class="govuk-link" href="https://example.org/slides" rel="nofollow ugc">Slides &lt;b&gt;</a>');
    expect(shown).toContain('We agreed to &lt;share&gt; <a class="govuk-link" href="https://example.org/data" rel="nofollow ugc">https://example.org/data</a>');
    expect(shown).toContain('Who: Sam &lt;i&gt;');
    expect(shown).toContain('Added by a participant');
    expect(shown).not.toContain(camp.interested.email);
  });

  it('lets authors edit their own outputs only, with the same messages', async () => {
    clock.set(new Date(camp.session.startsAt + 60_000));
    const attendee = await signedInAgent(app, camp.interested);
    await attendee.post(`${page}/outputs/new?kind=link`, { title: 'Slides', url: 'https://example.org/slides', credited: 'yes' });
    const id = (db.$client.prepare('select id from outputs order by id desc limit 1').get() as { id: number }).id;
    const edit = `/events/${demoSlug}/outputs/${id}/edit`;
    expect(inputValue((await attendee.get(edit)).body, 'url')).toBe('https://example.org/slides');
    const bad = await attendee.post(edit, { title: 'Slides', url: 'file:///etc/passwd', credited: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Enter a web address starting with https:// or http://']);
    expect(inputValue(bad.body, 'url')).toBe('file:///etc/passwd');
    expect((await attendee.post(edit, { title: 'Final slides', url: 'https://example.org/final', credited: 'yes' })).headers.location).toBe(`${page}#outputs`);
    expect((await attendee.get(page)).body).toContain(`href="${edit}"`);
    const facilitator = await signedInAgent(app, camp.facilitator);
    expect((await facilitator.get(edit)).statusCode).toBe(403);
    expect((await facilitator.post(edit, { title: 'Mine now', url: 'https://example.org/x' })).statusCode).toBe(403);
  });

  it('lets organisers hide and restore an output with a reason, and set the licence', async () => {
    clock.set(new Date(camp.session.startsAt + 60_000));
    const attendee = await signedInAgent(app, camp.interested);
    await attendee.post(`${page}/outputs/new?kind=notes`, { title: 'Rude notes', body: 'Not nice', credited: 'yes' });
    const id = (db.$client.prepare('select id from outputs order by id desc limit 1').get() as { id: number }).id;
    const organiser = await signedInAgent(app, camp.organiser);
    const base = `/organise/events/${demoSlug}/outputs`;
    expect((await organiser.get(`/organise/events/${demoSlug}`)).body).toContain(`href="${base}"`);
    expect((await organiser.get(base)).body).toContain(`href="${base}/${id}/visibility"`);
    const noReason = await organiser.post(`${base}/${id}/visibility`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(errorSummary(noReason.body)).toEqual(['Enter the reason']);
    expect((await organiser.post(`${base}/${id}/visibility`, { reason: 'Breaks the code of conduct' })).headers.location).toBe(`${base}?done=hidden`);
    expect((await new Agent(app).get(page)).body).not.toContain('Rude notes');
    expect((await organiser.get(base)).body).toContain('Hidden: Breaks the code of conduct');
    expect((await organiser.post(`${base}/${id}/visibility`, { reason: 'Reworded' })).headers.location).toBe(`${base}?done=restored`);
    expect((await new Agent(app).get(page)).body).toContain('Rude notes');

    const badSettings = await organiser.post(`${base}/settings`, { licence: 'MIT', digestDaysAfter: '3 weeks' });
    expect(badSettings.statusCode).toBe(400);
    expect(errorSummary(badSettings.body)).toEqual(['Choose a licence', 'Enter the days as a whole number, like 7']);
    expect(inputValue(badSettings.body, 'digestDaysAfter')).toBe('3 weeks');
    expect(errorSummary((await organiser.post(`${base}/settings`, { licence: 'CC0-1.0', digestDaysAfter: '0' })).body)).toEqual(['Enter a number of days from 1 to 60']);
    expect((await organiser.post(`${base}/settings`, { licence: 'CC0-1.0', digestDaysAfter: '14' })).headers.location).toBe(`${base}?done=settings-saved`);
    expect((await organiser.get(`${base}?done=settings-saved`)).body).toContain('Creative Commons Zero');
    expect(inputValue((await organiser.get(`${base}/settings`)).body, 'digestDaysAfter')).toBe('14');
  });
});

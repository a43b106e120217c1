import { describe, expect, it } from 'vitest';
import { buddyChoices } from '../../src/buddies/buddies.table.ts';
import { buddyOverview } from '../../src/buddies/buddies.ts';
import { registerForTickets } from '../../src/tickets/register.ts';
import { Agent, errorSummary, inputValue } from '../helpers/agent.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { attendee, eachPublishedCampWithOrganiser, links, ticketType } from '../helpers/tickets.ts';

describe('asking for a buddy, offering to be one, and the organisers’ buddies page', () => {
  const camp = eachPublishedCampWithOrganiser();

  const form = (overrides: Record<string, string>) => ({
    ticketTypeId: String(ticketType(camp.t.db, camp.t.clock.now(), camp.event, { capacity: 10, name: `Camp day ${Math.random()}` }).id),
    name: 'Fran Newcomer',
    email: 'fran@example.org',
    organisation: 'Leeds City Council',
    role: 'council-officer',
    firstCamp: 'yes',
    codeOfConduct: 'yes',
    ...overrides,
  });

  it('records a first-timer asking for a buddy, with their consent to share addresses', async () => {
    const agent = new Agent(camp.t.app);
    await agent.get(`/events/${camp.event.slug}/register`);
    const done = await agent.post(`/events/${camp.event.slug}/register`, form({ wantsBuddy: 'yes', shareEmailWithBuddy: 'yes' }));
    expect(done.statusCode).toBe(303);
    expect(camp.t.db.select({ role: buddyChoices.role, shareEmail: buddyChoices.shareEmail }).from(buddyChoices).all()).toEqual([{ role: 'wants', shareEmail: true }]);
  });

  it('refuses a buddy asked for by someone who has been before, or offered by a first-timer, keeping what was typed', async () => {
    const agent = new Agent(camp.t.app);
    await agent.get(`/events/${camp.event.slug}/register`);
    const asked = await agent.post(`/events/${camp.event.slug}/register`, form({ firstCamp: 'no', wantsBuddy: 'yes' }));
    expect(asked.statusCode).toBe(400);
    expect(errorSummary(asked.body)).toEqual(['Buddies are for first-timers: untick this, or say this is your first camp']);
    expect(inputValue(asked.body, 'organisation')).toBe('Leeds City Council');
    expect(asked.body).toMatch(/name="wantsBuddy" type="checkbox" value="yes" checked/);
    const offered = await agent.post(`/events/${camp.event.slug}/register`, form({ offersBuddy: 'yes' }));
    expect(errorSummary(offered.body)).toEqual(['Buddies have been to a camp before: untick this, or say this is not your first camp']);
    expect(camp.t.db.select().from(buddyChoices).all()).toEqual([]);
  });

  it('shows organisers who is waiting, lets them choose a buddy, and introduces both', async () => {
    const { db, clock } = camp.t;
    const type = ticketType(db, clock.now(), camp.event, { capacity: 10, name: 'Saturday' });
    const register = (details: Parameters<typeof attendee>[0]) => registerForTickets(db, clock.now(), links, { event: camp.event, types: [type], details: attendee(details) })[0]!.outcome.registration;
    const fran = register({ name: 'Fran <b>Newcomer</b>', organisation: 'Leeds', firstCamp: true, buddy: { role: 'wants', shareEmail: false } });
    const sam = register({ name: 'Sam Regular', organisation: 'York', firstCamp: false, buddy: { role: 'offers', shareEmail: false } });
    const page = await camp.organiser.get(`/organise/events/${camp.event.slug}/buddies`);
    expect(page.body).toContain('Fran &lt;b&gt;Newcomer&lt;/b&gt; (Leeds)');
    expect(page.body).toMatch(/Waiting for a buddy<\/h2>\s*<ul[^>]*><li>Fran &lt;b&gt;Newcomer/);

    const bad = await camp.organiser.post(`/organise/events/${camp.event.slug}/buddies`, { firstTimer: String(fran.personId), buddy: 'someone' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Choose someone who offered to be a buddy']);
    const notABuddy = await camp.organiser.post(`/organise/events/${camp.event.slug}/buddies`, { firstTimer: String(fran.personId), buddy: String(fran.personId) });
    expect(errorSummary(notABuddy.body)).toEqual(['Choose someone who offered to be a buddy']);

    const chosen = await camp.organiser.post(`/organise/events/${camp.event.slug}/buddies`, { firstTimer: String(fran.personId), buddy: String(sam.personId) });
    expect(chosen.headers.location).toBe(`/organise/events/${camp.event.slug}/buddies?done=chosen`);
    expect(buddyOverview(db, camp.event.id).pairs.map((p) => p.buddy.name)).toEqual(['Sam Regular']);
    expect(outboxMessages(db).filter((m) => m.subject.startsWith('Your buddy') || m.subject.startsWith('Your first-timer'))).toHaveLength(2);
  });

  it('keeps what was typed when the days before the camp are not a number from 0 to 60', async () => {
    const bad = await camp.organiser.post(`/organise/events/${camp.event.slug}/buddies/timing`, { daysBefore: 'a week' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Enter a whole number of days from 0 to 60']);
    expect(inputValue(bad.body, 'daysBefore')).toBe('a week');
    const saved = await camp.organiser.post(`/organise/events/${camp.event.slug}/buddies/timing`, { daysBefore: '10' });
    expect(saved.headers.location).toBe(`/organise/events/${camp.event.slug}/buddies?done=timing`);
    expect((await camp.organiser.get(`/organise/events/${camp.event.slug}/buddies`)).body).toContain('10 days before the camp');
  });
});

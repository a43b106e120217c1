import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import type { Registration } from '../../src/tickets/registrations.ts';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { decodeEntities, type Agent } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { twoDayCamp } from '../helpers/camp.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { attendee, links, ticketType } from '../helpers/tickets.ts';

/** Each button's accessible name (its text, visually hidden parts included), in page order. */
function buttonNames(html: string): string[] {
  return [...html.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)].map((m) => decodeEntities(m[1]!.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim());
}

describe('checking in someone with a ticket for each day', () => {
  let t: TestApp;
  let door: Agent;
  let friday: Registration;
  let saturday: Registration;
  const base = '/organise/events/localgovcamp-2027/check-in';
  beforeEach(async () => {
    t = await makeApp();
    const camp = twoDayCamp(t.db, t.clock.now());
    const makers = ticketType(t.db, t.clock.now(), camp.event, { name: 'Makers day', dayIds: [camp.friday.id], displayOrder: 1 });
    const campDay = ticketType(t.db, t.clock.now(), camp.event, { name: 'Camp day', dayIds: [camp.saturday.id], displayOrder: 2 });
    const zoe = attendee({ name: 'Zoë Okafor', email: 'zoe@example.org' });
    friday = registerAttendee(t.db, t.clock.now(), links, { event: camp.event, type: makers, details: zoe }).registration;
    saturday = registerAttendee(t.db, t.clock.now(), links, { event: camp.event, type: campDay, details: zoe }).registration;
    inviteOrganiser(t.db, t.clock.now(), { event: camp.event, email: 'door@example.org', role: 'helper', invitedBy: camp.organiser, baseUrl: '' });
    t.clock.set(new Date('2027-06-19T08:15:00Z')); // 09:15 on Saturday, the Camp day
    door = await signedInAgent(t.app, person(t.db, 'door@example.org'));
  });
  afterEach(async () => t.close());
  const checkedIn = (r: Registration) => t.db.select().from(registrations).all().find((row) => row.id === r.id)!.checkedInAt;

  it('lists today’s ticket first, and each button names its ticket and day', async () => {
    const found = await door.get(`${base}?q=zoe`);
    expect(buttonNames(found.body).filter((name) => name.startsWith('Check in'))).toEqual([
      'Check in Zoë Okafor for Camp day, Saturday 19 June',
      'Check in Zoë Okafor for Makers day, Friday 18 June',
    ]);
    const checked = await door.post(`${base}/${saturday.id}`, { q: 'zoe', want: 'in' });
    expect(checked.headers.location).toBe(`${base}?q=zoe&done=in&name=Zo%C3%AB%20Okafor`);
    expect(checkedIn(saturday)).toBe(t.clock.now().getTime());
    expect(buttonNames((await door.get(`${base}?q=zoe`)).body)).toContain('Undo check-in for Zoë Okafor for Camp day, Saturday 19 June');
  });

  it('asks first before checking in for a day that is not today, in a plain form', async () => {
    const asked = await door.post(`${base}/${friday.id}`, { q: 'zoe', want: 'in' });
    expect(asked.headers.location).toBe(`${base}/${friday.id}/another-day?q=zoe`);
    expect(checkedIn(friday)).toBeNull();
    const question = await door.get(asked.headers.location as string);
    expect(question.body).toContain('Zoë Okafor’s Makers day ticket is for Friday 18 June. Today is Saturday 19 June.');
    expect(buttonNames(question.body)).toContain('Yes, check in for Makers day, Friday 18 June');
    expect(question.body).toContain(`<a class="govuk-link" href="${base}?q=zoe">No, go back to check-in</a>`);
    const yes = await door.post(`${base}/${friday.id}`, { q: 'zoe', want: 'in', anotherDay: 'yes' });
    expect(yes.headers.location).toBe(`${base}?q=zoe&done=in&name=Zo%C3%AB%20Okafor`);
    expect(checkedIn(friday)).toBe(t.clock.now().getTime());
    expect(checkedIn(saturday)).toBeNull();
  });
});

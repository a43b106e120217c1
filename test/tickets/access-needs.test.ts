import { describe, expect, it } from 'vitest';
import { placePitch } from '../../src/grid/editor.ts';
import { loadGrid } from '../../src/grid/model.ts';
import { gridHealth } from '../../src/grid/warnings.ts';
import { markInterest } from '../../src/pitches/interest.ts';
import { pitchSession } from '../../src/pitches/pitches.ts';
import { schedulerInput } from '../../src/pitches/scheduler-input.ts';
import { accessNeedsOf } from '../../src/tickets/access-needs.ts';
import { deleteExpiredNeeds, personalData } from '../../src/tickets/privacy.ts';
import { findPersonByEmail } from '../../src/people/people.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import { registrationAccessNeeds } from '../../src/tickets/tickets.table.ts';
import { Agent } from '../helpers/agent.ts';
import { testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { eachWithTwoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { outboxMessages, pathOf } from '../helpers/outbox.ts';
import { attendee, links, ticketType } from '../helpers/tickets.ts';

describe('access needs reach the grid', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  eachWithTwoDayCamp((app, twoDays) => ((t = app), (camp = twoDays)));

  it('takes ticked access needs on the registration form beside the free text, and lets the attendee change them', async () => {
    const type = ticketType(t.db, testNow, camp.event, { capacity: 10, opensAt: 0 });
    const visitor = new Agent(t.app);
    const form = await visitor.get('/events/localgovcamp-2027/register');
    expect(form.body).toContain('Do you need any of these? (optional)');
    for (const label of ['Step-free access (no stairs)', 'A hearing loop', 'A quiet room']) expect(form.body).toContain(label);
    const posted = await visitor.post('/events/localgovcamp-2027/register', {
      ticketTypeId: String(type.id), name: 'Wen', email: 'wen@example.org', organisation: '', role: 'citizen', firstCamp: 'no',
      access: ['step-free', 'quiet'], accessNeeds: 'A seat near the door', dietaryNeeds: '', codeOfConduct: 'yes',
    });
    expect(posted.statusCode).toBe(303);
    const [registration] = t.db.select().from(registrationAccessNeeds).all();
    expect(accessNeedsOf(t.db, registration!.registrationId)).toEqual(['step-free', 'quiet']);

    const manage = pathOf(outboxMessages(t.db).at(-1)!.textBody.match(/http:\/\/campgrid\.test\/tickets\/\d+\/[A-Za-z0-9_-]+/)![0]);
    const details = await visitor.get(`${manage}/details`);
    expect(details.body).toMatch(/name="access" type="checkbox" value="step-free" checked/);
    expect(details.body).toMatch(/name="access" type="checkbox" value="hearing-loop">/);
    const changed = await visitor.post(`${manage}/details`, { name: 'Wen', organisation: '', role: 'citizen', firstCamp: 'no', access: 'hearing-loop', accessNeeds: '', dietaryNeeds: '' });
    expect(changed.statusCode).toBe(303);
    expect(accessNeedsOf(t.db, registration!.registrationId)).toEqual(['hearing-loop']);
  });

  it('gives a session someone who needs step-free access would go to a step-free need, and warns in the editor with a count, never a name', () => {
    const { event } = camp;
    const type = ticketType(t.db, testNow, event, { capacity: 10, opensAt: 0 });
    const wheels = registerAttendee(t.db, testNow, links, { event, type, details: attendee({ name: 'Wendy Wheels', access: ['step-free'] }) });
    const loop = registerAttendee(t.db, testNow, links, { event, type, details: attendee({ access: ['hearing-loop'] }) });
    const ana = registeredAttendee(t.db, event, 'ana@example.org');
    const base = { description: '', format: 'discussion' as const, needs: [], doubleLength: false, preferredDayId: null, unavailableSlotIds: [], coFacilitators: [] };
    const wanted = pitchSession(t.db, testNow, { event, person: ana, details: { ...base, title: 'Wanted by Wendy' }, baseUrl: '' });
    const other = pitchSession(t.db, testNow, { event, person: ana, details: { ...base, title: 'Not by Wendy' }, baseUrl: '' });
    markInterest(t.db, testNow, { event, pitchId: wanted.id, personId: wheels.registration.personId, want: true });
    markInterest(t.db, testNow, { event, pitchId: other.id, personId: loop.registration.personId, want: true });

    const needs = Object.fromEntries(schedulerInput(t.db, event.id).sessions.map((s) => [s.id, s.needs]));
    expect(needs).toEqual({ [`p${wanted.id}`]: ['step-free'], [`p${other.id}`]: [] });

    const library = loadGrid(t.db, event).rooms.find((r) => r.name === 'Library')!;
    placePitch(t.db, testNow, event, 0, { pitchId: wanted.id, roomId: library.id, slotId: camp.saturdaySlots[0]!.id });
    const warnings = gridHealth(loadGrid(t.db, event)).warnings;
    expect(warnings).toEqual([{ pitchId: wanted.id, kind: 'needs', message: '“Wanted by Wendy” needs step-free, which its room does not have: 1 person who’d go needs step-free access' }]);
    expect(JSON.stringify(warnings)).not.toContain('Wendy Wheels');
  });

  it('gives ticked access needs back in the person’s data, and deletes them with the free text on the same schedule', () => {
    const type = ticketType(t.db, testNow, camp.event, { capacity: 10, opensAt: 0 });
    const { registration } = registerAttendee(t.db, testNow, links, { event: camp.event, type, details: attendee({ email: 'wen@example.org', access: ['step-free'] }) });
    expect(accessNeedsOf(t.db, registration.id)).toEqual(['step-free']);
    const who = findPersonByEmail(t.db, 'wen@example.org')!;
    expect(personalData(t.db, who).registrations).toMatchObject([{ accessNeeds: '', access: ['step-free'] }]);
    deleteExpiredNeeds(t.db, new Date('2030-01-01T00:00:00Z'));
    expect(accessNeedsOf(t.db, registration.id)).toEqual([]);
  });
});

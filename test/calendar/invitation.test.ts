import ICAL from 'ical.js';
import * as nodeIcal from 'node-ical';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { SmtpCapture } from '../helpers/smtp.ts';
import { publishedCamp, ticketType } from '../helpers/tickets.ts';
import type { ParsedMail } from 'mailparser';

/** The text/calendar part of a captured email, with the method its MIME header declares. */
function calendarPart(mail: ParsedMail): { method: string | undefined; ics: string } {
  const raw = (mail as unknown as { textAsHtml?: string }) && mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!raw) throw new Error(`no calendar in "${mail.subject}"`);
  const params = (raw.headers.get('content-type') as { params?: Record<string, string> } | undefined)?.params ?? {};
  return { method: params.method, ics: raw.content.toString('utf8') };
}

function vevent(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  return { calendar: component, event: new ICAL.Event(component.getFirstSubcomponent('vevent')!) };
}

describe('calendar invitations with a place', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  beforeEach(async () => {
    smtp = new SmtpCapture();
    await smtp.start();
    t = await makeApp({ SMTP_URL: smtp.url, MAIL_FROM: 'LocalGovCamp <camp@campgrid.test>' });
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  it('invite the attendee (METHOD:REQUEST) and cancel (METHOD:CANCEL, higher SEQUENCE, same UID) when the place is released', async () => {
    const { event } = publishedCamp(t.db, t.clock.now());
    const type = ticketType(t.db, t.clock.now(), event, { capacity: 5 });
    const agent = new Agent(t.app);
    await agent.post('/events/localgovcamp-2027/register', {
      ticketTypeId: String(type.id), name: 'Zoë Okafor, Jr.', email: 'zoe@example.org', organisation: '', role: 'citizen', firstCamp: 'no', codeOfConduct: 'yes',
    });
    await t.app.campgrid.mail.deliverDue();
    const confirmation = smtp.to('zoe@example.org')[0]!;
    const invite = calendarPart(confirmation);
    expect(invite.method).toBe('REQUEST');
    const { calendar, event: invited } = vevent(invite.ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(invited.uid).toBe('registration-1@campgrid.test');
    expect(invited.sequence).toBe(0);
    expect(invited.startDate.toJSDate().toISOString()).toBe('2027-06-19T08:00:00.000Z');
    expect(invited.endDate.toJSDate().toISOString()).toBe('2027-06-19T16:30:00.000Z');
    expect(invited.summary).toBe('LocalGovCamp 2027 (Camp day)');
    expect(invited.location).toBe('Civic Hall, 1 Market Street');
    expect(invited.organizer).toBe('mailto:camp@campgrid.test');
    expect(invited.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:zoe@example.org']);
    expect(invited.description).toContain('Camp day, Saturday 19 June 2027: 9am to 5:30pm');

    // A second, independent parser reads the same.
    const parsed = Object.values(nodeIcal.sync.parseICS(invite.ics)).find((c) => c?.type === 'VEVENT') as nodeIcal.VEvent;
    expect(parsed.uid).toBe('registration-1@campgrid.test');
    expect(new Date(parsed.start).toISOString()).toBe('2027-06-19T08:00:00.000Z');

    const manage = confirmation.text!.match(/http:\/\/campgrid\.test(\/tickets\/\S+)/)![1]!;
    await agent.post(`${manage}/release`);
    await t.app.campgrid.mail.deliverDue();
    const released = smtp.to('zoe@example.org')[1]!;
    expect(released.subject).toBe('You have released your place: Camp day at LocalGovCamp 2027');
    const cancel = calendarPart(released);
    expect(cancel.method).toBe('CANCEL');
    const { calendar: cancelCalendar, event: cancelled } = vevent(cancel.ics);
    expect(cancelCalendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancelled.uid).toBe(invited.uid);
    expect(cancelled.sequence).toBe(1);
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('are not sent to people who only joined the waiting list or a ballot', async () => {
    const { event } = publishedCamp(t.db, t.clock.now());
    const type = ticketType(t.db, t.clock.now(), event, { capacity: 0 + 1 });
    for (const email of ['first@example.org', 'second@example.org']) {
      await new Agent(t.app).post('/events/localgovcamp-2027/register', { ticketTypeId: String(type.id), name: 'Someone', email, role: 'citizen', firstCamp: 'no', codeOfConduct: 'yes' });
    }
    await t.app.campgrid.mail.deliverDue();
    expect(smtp.to('second@example.org')[0]!.attachments).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { registerAttendee } from '../../src/tickets/register.ts';
import { addTicketType } from '../../src/tickets/ticket-types.ts';
import { errorSummary, inputValue } from '../helpers/agent.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { violation } from '../helpers/rules.ts';
import { attendee, eachPublishedCampWithOrganiser, links, ticketType, ticketTypeDetails, ticketTypeForm } from '../helpers/tickets.ts';

describe('places held for first-timers and councillors', () => {
  const camp = eachPublishedCampWithOrganiser();

  const base = '/organise/events/localgovcamp-2027';
  // Registration 1 March 09:00 to 1 May 12:00; 20 places held for first-timers until 15 April.
  const typeForm = {
    ...ticketTypeForm, name: 'Makers day', capacity: '60', 'closes-day': '1', 'closes-month': '5',
    reservedForFirstTimers: '20', 'reservedUntil-day': '15', 'reservedUntil-month': '4', 'reservedUntil-year': '2027', reservedUntilTime: '12:00',
  };
  const ballotDrawnOn = (day: string) => ({ ...typeForm, allocation: 'ballot', 'draw-day': day, 'draw-month': '5', 'draw-year': '2027', drawTime: '12:00' });

  it('refuses a ballot whose places are held only until the draw or earlier, since the draw would give none of them out', async () => {
    for (const heldUntil of [{ 'reservedUntil-day': '15', 'reservedUntil-month': '4' }, { 'reservedUntil-day': '2', 'reservedUntil-month': '5' }]) {
      const response = await camp.organiser.post(`${base}/tickets/new`, { ...ballotDrawnOn('2'), ...heldUntil });
      expect(response.statusCode).toBe(400);
      expect(errorSummary(response.body)).toEqual(['Hold reserved places until after the draw; held only until the draw or earlier, the draw gives none of them out']);
      expect(inputValue(response.body, 'reservedForFirstTimers')).toBe('20');
    }
    const held = await camp.organiser.post(`${base}/tickets/new`, { ...ballotDrawnOn('2'), 'reservedUntil-day': '9', 'reservedUntil-month': '5' });
    expect(held.statusCode).toBe(303);
  });

  it('refuses first come, first served places held only until registration opens or its first wave, since nothing is ever held', async () => {
    const atOpening = await camp.organiser.post(`${base}/tickets/new`, { ...typeForm, 'reservedUntil-day': '1', 'reservedUntil-month': '3', reservedUntilTime: '09:00' });
    expect(errorSummary(atOpening.body)).toEqual(['Hold reserved places until after the first places are released; held only until then or earlier, they are never held for anyone']);
    const beforeTheWave = await camp.organiser.post(`${base}/tickets/new`, { ...typeForm, waves: '2027-04-20 12:00, 60' });
    expect(errorSummary(beforeTheWave.body)).toEqual(['Hold reserved places until after the first places are released; held only until then or earlier, they are never held for anyone']);
    // The same rule holds for a ticket type made without the form.
    expect(violation(() => addTicketType(camp.t.db, camp.t.clock.now(), camp.event.id, ticketTypeDetails({ reservedForCouncillors: 1, reservedUntil: ticketTypeDetails().opensAt })))).toEqual({
      reservedUntil: 'Hold reserved places until after the first places are released; held only until then or earlier, they are never held for anyone',
    });
  });

  it('shows on the ticket types page how many held places are still held, and until when', async () => {
    const makers = ticketType(camp.t.db, camp.t.clock.now(), camp.event, { capacity: 4, reservedForFirstTimers: 2, reservedForCouncillors: 1, reservedUntil: Date.parse('2027-05-01T11:00:00Z') });
    // The one general place goes first; the next first-timer takes a held place.
    for (let i = 0; i < 2; i++) registerAttendee(camp.t.db, camp.t.clock.now(), links, { event: camp.event, type: makers, details: attendee({ firstCamp: true }) });
    const list = await camp.organiser.get(`${base}/tickets`);
    expect(list.body).toMatch(/Held for first-timers<\/dt><dd class="govuk-summary-list__value">\s*1 of 2 still held, until midday on Saturday 1 May 2027 \(1 taken by first-timers\)/);
    expect(list.body).toMatch(/Held for councillors<\/dt><dd class="govuk-summary-list__value">\s*1 of 1 still held, until midday on Saturday 1 May 2027 \(0 taken by councillors\)/);
    // (A sign-in from two months before has run out by then.)
    camp.t.clock.set(new Date('2027-05-01T11:00:00Z'));
    const after = await (await signedInAgent(camp.t.app, person(camp.t.db, 'owner@example.org'))).get(`${base}/tickets`);
    expect(after.body).toMatch(/Held for first-timers<\/dt><dd class="govuk-summary-list__value">\s*No longer held: the hold ended midday on Saturday 1 May 2027 \(1 taken by first-timers\)/);
  });
});

import type { Db } from '../../src/db/open.ts';
import { addDay } from '../../src/events/days.ts';
import { changeEventStatus, createEvent, type CampEvent } from '../../src/events/events.ts';
import type { AttendeeDetails } from '../../src/tickets/register.ts';
import { addTicketType, type TicketTypeDetails } from '../../src/tickets/ticket-types.ts';
import type { TicketType } from '../../src/tickets/registrations.ts';
import { afterEach, beforeEach } from 'vitest';
import type { Agent } from './agent.ts';
import { makeApp, type TestApp } from './app.ts';
import { campDetails } from './factories.ts';
import { person, signedInAgent } from './people.ts';

export const links = { baseUrl: 'http://campgrid.test', secret: 'test-secret-test-secret-test-secret', organizer: { name: 'LocalGovCamp', email: 'camp@campgrid.test' } };

/** A published camp on Saturday 19 June 2027 (09:00–17:30 London), with its one day. */
export function publishedCamp(db: Db, now: Date, slug = 'localgovcamp-2027'): { event: CampEvent; dayId: number } {
  const owner = person(db, 'owner@example.org', { administrator: true });
  const draft = createEvent(db, now, campDetails({ slug, name: 'LocalGovCamp 2027' }), owner.id);
  const day = addDay(db, draft.id, draft.timeZone, { date: '2027-06-19', label: 'Camp day', opens: '09:00', closes: '17:30' });
  return { event: changeEventStatus(db, now, draft.id, 'published'), dayId: day.id };
}

export function ticketTypeDetails(overrides: Partial<TicketTypeDetails> = {}): TicketTypeDetails {
  return {
    name: 'Camp day',
    description: '',
    dayIds: [],
    capacity: 3,
    opensAt: Date.parse('2027-01-01T12:00:00Z'),
    closesAt: Date.parse('2027-06-18T12:00:00Z'),
    visibility: 'public',
    accessCode: null,
    allocation: 'first-come',
    drawAt: null,
    perOrganisationCap: null,
    reservedForFirstTimers: 0,
    reservedForCouncillors: 0,
    reservedUntil: null,
    offerHours: 48,
    lastMinuteOfferHours: 4,
    displayOrder: 0,
    waves: [],
    ...overrides,
  };
}

export function ticketType(db: Db, now: Date, event: CampEvent, overrides: Partial<TicketTypeDetails> = {}): TicketType {
  return addTicketType(db, now, event.id, ticketTypeDetails(overrides));
}

/** The organiser's ticket type form, filled in: Camp day, 250 places, 1 March 09:00 to 18 June 12:00. */
export const ticketTypeForm: Record<string, string> = {
  name: 'Camp day', description: '', capacity: '250',
  'opens-day': '1', 'opens-month': '3', 'opens-year': '2027', opensTime: '09:00',
  'closes-day': '18', 'closes-month': '6', 'closes-year': '2027', closesTime: '12:00',
  visibility: 'public', accessCode: '', allocation: 'first-come', 'draw-day': '', 'draw-month': '', 'draw-year': '', drawTime: '',
  perOrganisationCap: '', reservedForFirstTimers: '', reservedForCouncillors: '', 'reservedUntil-day': '', 'reservedUntil-month': '', 'reservedUntil-year': '', reservedUntilTime: '',
  offerHours: '48', lastMinuteOfferHours: '4', waves: '', displayOrder: '',
};

let n = 0;
export function attendee(overrides: Partial<AttendeeDetails> = {}): AttendeeDetails {
  n++;
  return {
    name: `Attendee ${n}`,
    email: `attendee${n}@example.org`,
    organisation: 'Anytown Borough Council',
    role: 'council-officer',
    firstCamp: false,
    accessNeeds: '',
    dietaryNeeds: '',
    noPhotos: false,
    showOnAttendeeList: false,
    ...overrides,
  };
}

export interface OrganisedCamp {
  t: TestApp;
  event: CampEvent;
  /** The camp's owner, signed in. */
  organiser: Agent;
}

/**
 * For a describe block: before each test, the real app with a published camp and its owner
 * signed in; closed after each. Read its fields inside the tests.
 */
export function eachPublishedCampWithOrganiser(): OrganisedCamp {
  const camp = {} as OrganisedCamp;
  beforeEach(async () => {
    camp.t = await makeApp();
    camp.event = publishedCamp(camp.t.db, camp.t.clock.now()).event;
    camp.organiser = await signedInAgent(camp.t.app, person(camp.t.db, 'owner@example.org'));
  });
  afterEach(async () => camp.t.close());
  return camp;
}

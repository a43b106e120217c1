import { afterEach, beforeEach } from 'vitest';
import type { Db } from '../../src/db/open.ts';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import type { CampEvent } from '../../src/events/events.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import type { AttendeeDetails } from '../../src/tickets/register.ts';
import type { Agent } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { attendee, links, publishedCamp, ticketType } from '../helpers/tickets.ts';

/**
 * LocalGovCamp 2027 (19 June) with twelve people: three councillors from Bristol, seven
 * first-timers (five from Camden, two from Cardiff), two from a supplier. So its reach has a
 * count under five (councillors) beside one over it (first-timers).
 */
export function campOfTwelve(db: Db, now: Date, slug = 'localgovcamp-2027'): CampEvent {
  const { event } = publishedCamp(db, now, slug);
  const type = ticketType(db, now, event, { capacity: 100 });
  const join = (details: Partial<AttendeeDetails>) => registerAttendee(db, now, links, { event, type, details: attendee(details) });
  for (let i = 1; i <= 3; i++) join({ name: `Councillor ${i}`, email: `councillor${i}@${slug}.example.org`, organisation: 'Bristol City Council', role: 'councillor' });
  for (let i = 1; i <= 5; i++) join({ name: `Camden ${i}`, email: `camden${i}@${slug}.example.org`, organisation: 'Camden Council', firstCamp: true });
  for (let i = 1; i <= 2; i++) join({ name: `Cardiff ${i}`, email: `cardiff${i}@${slug}.example.org`, organisation: 'cardiff council', firstCamp: true });
  for (let i = 1; i <= 2; i++) join({ name: `Supplier ${i}`, email: `supplier${i}@${slug}.example.org`, organisation: 'Acme Digital Ltd', role: 'supplier' });
  return event;
}

/** After the camp's only day. */
export const afterTheCamp = new Date('2027-06-20T09:00:00Z');

export interface CampOfTwelve {
  t: TestApp;
  event: CampEvent;
  /** Someone on the camp's team with this role, signed in. */
  teamMember(role: 'organiser' | 'helper'): Promise<Agent>;
}

/** For a describe block: before each test, the real app with the camp of twelve; closed after each. */
export function eachCampOfTwelve(): CampOfTwelve {
  const camp = {} as CampOfTwelve;
  beforeEach(async () => {
    camp.t = await makeApp();
    camp.event = campOfTwelve(camp.t.db, camp.t.clock.now());
    camp.teamMember = async (role) => {
      const email = `${role}@team.example.org`;
      inviteOrganiser(camp.t.db, camp.t.clock.now(), { event: camp.event, email, role, invitedBy: person(camp.t.db, 'owner@example.org'), baseUrl: 'http://campgrid.test' });
      return signedInAgent(camp.t.app, person(camp.t.db, email));
    };
  });
  afterEach(async () => camp.t.close());
  return camp;
}

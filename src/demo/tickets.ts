import type { Db } from '../db/open.ts';
import type { Day } from '../events/days.ts';
import type { CampEvent } from '../events/events.ts';
import { recordBuddyChoice } from '../buddies/buddies.ts';
import { findOrCreatePerson } from '../people/people.ts';
import { seededRandom } from '../tickets/ballot.ts';
import { insertRegistration } from '../tickets/register.ts';
import { addTicketType } from '../tickets/ticket-types.ts';
import { countPlaces, eligibilityOf, poolFor, take } from '../tickets/places.ts';
import { attendeeRoles } from '../tickets/tickets.table.ts';

const firstNames = ['Zoë', 'Rhys', 'Sam', 'Máire', 'Priya', 'Tom', 'Aisha', 'Gareth', 'Leah', 'Kwame', 'Niamh', 'Oliver', 'Fatima', 'Dylan', 'Chloe', 'Arjun', 'Beth', 'Owen', 'Hannah', 'Yusuf'];
const lastNames = ['Okafor', 'Pritchard', 'Ng', 'O’Brien', 'Shah', 'Evans', 'Khan', 'Jones', 'Murphy', 'Mensah', 'Kelly', 'Hughes', 'Ali', 'Thomas', 'Walker', 'Patel', 'Davies', 'Roberts', 'Clarke', 'Begum'];
// Real councils as people type them (matched through the register's spellings), and what matches
// none: suppliers, charities, a town council and a misspelling, left for organisers to review.
const organisations = [
  'Bristol City Council', 'London Borough of Camden', 'camden council', 'Leeds City Council', 'Cardiff Council', 'City of Edinburgh Council',
  'Kent County Council', 'Hackney Council', 'Royal Borough of Greenwich', 'Derry City & Strabane District Council', 'Aberdeen City', 'Manchester City Council',
  'Civic Code Ltd', 'Open Data Anytown', 'Digital Inclusion Trust', 'Riverside Housing Association', 'Frome Town Council', 'Leeds Citty Council',
];

/** A demo attendee, the same every time for the same number. */
export function demoAttendee(n: number) {
  const random = seededRandom(`demo-attendee-${n}`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const first = pick(firstNames);
  const last = pick(lastNames);
  return {
    name: `${first} ${last}`,
    email: `attendee${n}@demo.campgrid.example`,
    organisation: pick(organisations),
    role: random() < 0.08 ? ('councillor' as const) : pick(attendeeRoles),
    firstCamp: random() < 0.3,
    accessNeeds: random() < 0.06 ? 'Step-free access, please' : '',
    dietaryNeeds: random() < 0.15 ? pick(['Vegetarian', 'Vegan', 'Gluten free', 'No nuts']) : '',
    noPhotos: random() < 0.05,
    showOnAttendeeList: random() < 0.6,
  };
}

/**
 * The demo's tickets: a Camp day whose general places are gone (300 places, some still held for
 * first-timers and councillors, and a waiting list), a Makers day ballot
 * taking entries, and a hidden ticket for volunteers. Written straight to the tables so the demo
 * sends no email. Returns the people with a Camp day place.
 */
export function seedDemoTickets(db: Db, now: Date, event: CampEvent, makersDay: Day, campDay: Day): number[] {
  const t = now.getTime();
  const week = 7 * 86_400_000;
  const camp = addTicketType(db, now, event.id, {
    name: 'Camp day',
    description: 'The Saturday camp: pitches, sessions, lunch and good company.',
    dayIds: [campDay.id],
    capacity: 300,
    opensAt: t - 2 * week,
    closesAt: campDay.startsAt - 86_400_000,
    visibility: 'public',
    accessCode: null,
    allocation: 'first-come',
    drawAt: null,
    perOrganisationCap: null,
    reservedForFirstTimers: 30,
    reservedForCouncillors: 10,
    reservedUntil: t + 2 * week,
    offerHours: 48,
    lastMinuteOfferHours: 4,
    displayOrder: 1,
    waves: [],
  });
  const makers = addTicketType(db, now, event.id, {
    name: 'Makers day',
    description: 'Friday’s hands-on workshops. Places are few, so they go by ballot.',
    dayIds: [makersDay.id],
    capacity: 60,
    opensAt: t - week,
    closesAt: t + week,
    visibility: 'public',
    accessCode: null,
    allocation: 'ballot',
    drawAt: t + week,
    perOrganisationCap: 3,
    reservedForFirstTimers: 10,
    reservedForCouncillors: 0,
    reservedUntil: t + 3 * week,
    offerHours: 48,
    lastMinuteOfferHours: 4,
    displayOrder: 2,
    waves: [],
  });
  addTicketType(db, now, event.id, {
    name: 'Volunteers',
    description: 'For the people in yellow T-shirts.',
    dayIds: [],
    capacity: 20,
    opensAt: t - 2 * week,
    closesAt: campDay.startsAt,
    visibility: 'hidden',
    accessCode: 'yellow-tshirt',
    allocation: 'first-come',
    drawAt: null,
    perOrganisationCap: null,
    reservedForFirstTimers: 0,
    reservedForCouncillors: 0,
    reservedUntil: null,
    offerHours: 24,
    lastMinuteOfferHours: 4,
    displayOrder: 3,
    waves: [],
  });
  // The same place rules as real registrations: general places first, reserved ones held.
  const places = countPlaces(db, camp, now);
  const withPlaces: number[] = [];
  for (let n = 1; n <= 325; n++) {
    const details = demoAttendee(n);
    const person = findOrCreatePerson(db, now, details.email, details.name);
    const pool = poolFor(places, eligibilityOf(details));
    if (pool) {
      take(places, pool);
      withPlaces.push(person.id);
    }
    insertRegistration(db, now, { event, type: camp, personId: person.id, details, status: pool ? 'confirmed' : 'waiting', pool });
    // Some first-timers ask for a buddy and some who have been before offer to be one.
    const buddy = details.firstCamp ? (n % 2 === 0 ? 'wants' : null) : n % 6 === 0 ? 'offers' : null;
    if (buddy) recordBuddyChoice(db, now, { eventId: event.id, personId: person.id, role: buddy, shareEmail: n % 3 === 0 });
    if (n % 4 === 0) insertRegistration(db, now, { event, type: makers, personId: person.id, details, status: 'entered', pool: null });
  }
  return withPlaces;
}

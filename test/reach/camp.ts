import type { Db } from '../../src/db/open.ts';
import type { CampEvent } from '../../src/events/events.ts';
import { registerAttendee } from '../../src/tickets/register.ts';
import type { AttendeeDetails } from '../../src/tickets/register.ts';
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

import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/open.ts';
import { addDay } from '../../src/events/days.ts';
import { copyEvent } from '../../src/events/copy.ts';
import { changeEventStatus, createEvent, type CampEvent } from '../../src/events/events.ts';
import { keyForTyped } from '../../src/organisations/names.ts';
import type { TicketType } from '../../src/tickets/registrations.ts';
import { ticketTypesOf } from '../../src/tickets/ticket-types.ts';
import { registrations, type AttendeeRole, type RegistrationStatus } from '../../src/tickets/tickets.table.ts';
import { campDetails } from '../helpers/factories.ts';
import { person } from '../helpers/people.ts';
import { ticketType } from '../helpers/tickets.ts';

interface Place {
  email: string;
  organisation?: string;
  at: string;
  status?: RegistrationStatus;
  role?: AttendeeRole;
  firstCamp?: boolean;
  checkedIn?: boolean;
}

/** Puts someone on a ticket type as if they had registered at `at`, with their organisation matched as typed. */
export function place(db: Db, type: TicketType, p: Place): void {
  const who = person(db, p.email, { name: p.email.split('@')[0]!.replace(/^./, (c) => c.toUpperCase()) });
  const at = Date.parse(p.at);
  db.insert(registrations)
    .values({
      ticketTypeId: type.id,
      personId: who.id,
      status: p.status ?? 'confirmed',
      name: who.name,
      organisation: p.organisation ?? '',
      organisationKey: keyForTyped(db, new Date(at), p.organisation ?? ''),
      role: p.role ?? 'council-officer',
      firstCamp: p.firstCamp ?? false,
      agreedToCodeOfConductAt: at,
      queueOrder: at,
      manageKey: randomBytes(32).toString('base64url'),
      checkedInAt: p.checkedIn ? at : null,
      createdAt: at,
      updatedAt: at,
    })
    .run();
}

/**
 * LocalGovCamp 2026 (Saturday 19 June 2026, one Camp day) and LocalGovCamp 2027, copied from it
 * (its Camp day moved to Friday 18 June 2027, with a Makers day on Thursday 17 June added):
 * - 2026: Ana (Bristol City Council, checked in), Ben (Leeds City Council, did not come) and
 *   Cat (Sheffield, her first camp, checked in), registering 15, 7 and 1 weeks before;
 * - 2027: Ana again (Bristol: a returning council) on both days, checked in on both; Dan
 *   ("cardiff council": a new council), a councillor at his first camp, who did not come; Eve
 *   (Acme Ltd, no council), a supplier at her first camp, checked in; Finn (Leeds) waiting;
 *   Gus, who registered first and released his place.
 */
export function twoYearsOfCamps(db: Db, now: Date) {
  const owner = person(db, 'owner@example.org');
  const draft = createEvent(db, now, campDetails({ slug: 'localgovcamp-2026', name: 'LocalGovCamp 2026' }), owner.id);
  const day2026 = addDay(db, draft.id, draft.timeZone, { date: '2026-06-19', label: 'Camp day', opens: '09:00', closes: '17:30' });
  const lastYear = changeEventStatus(db, now, draft.id, 'published');
  const campDay2026 = ticketType(db, now, lastYear, { name: 'Camp day', capacity: 100, dayIds: [day2026.id], opensAt: Date.parse('2026-01-01T12:00:00Z'), closesAt: Date.parse('2026-06-18T12:00:00Z') });
  place(db, campDay2026, { email: 'ana@example.org', organisation: 'Bristol City Council', at: '2026-03-01T12:00:00Z', checkedIn: true });
  place(db, campDay2026, { email: 'ben@example.org', organisation: 'Leeds City Council', at: '2026-05-01T12:00:00Z' });
  place(db, campDay2026, { email: 'cat@example.org', organisation: 'Sheffield City Council', at: '2026-06-10T12:00:00Z', firstCamp: true, checkedIn: true });

  const thisYear = changeEventStatus(db, now, copyEvent(db, now, lastYear, { name: 'LocalGovCamp 2027', slug: 'localgovcamp-2027', weeks: 52 }, owner.id).id, 'published');
  const makersDay = addDay(db, thisYear.id, thisYear.timeZone, { date: '2027-06-17', label: 'Makers day', opens: '09:00', closes: '17:30' });
  const campDay = ticketTypesOf(db, thisYear.id)[0]!;
  const makers = ticketType(db, now, thisYear, { name: 'Makers day', capacity: 20, dayIds: [makersDay.id], displayOrder: 1 });
  place(db, campDay, { email: 'gus@example.org', organisation: 'Bristol City Council', at: '2027-01-10T12:00:00Z', status: 'cancelled' });
  place(db, campDay, { email: 'ana@example.org', organisation: 'Bristol City Council', at: '2027-01-20T12:00:00Z', checkedIn: true });
  place(db, makers, { email: 'ana@example.org', organisation: 'Bristol City Council', at: '2027-02-10T12:00:00Z', checkedIn: true });
  place(db, campDay, { email: 'dan@example.org', organisation: 'cardiff council', at: '2027-02-01T12:00:00Z', role: 'councillor', firstCamp: true });
  place(db, campDay, { email: 'eve@example.org', organisation: 'Acme Ltd', at: '2027-02-20T12:00:00Z', role: 'supplier', firstCamp: true, checkedIn: true });
  place(db, campDay, { email: 'finn@example.org', organisation: 'Leeds City Council', at: '2027-02-25T12:00:00Z', status: 'waiting' });
  return { owner, lastYear, thisYear, campDay, makers };
}

/** A moment after both camps are over. */
export const afterTheCamp = new Date('2027-06-25T12:00:00Z');

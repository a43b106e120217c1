import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { findOrCreatePerson, normaliseEmail } from '../people/people.ts';
import { parseCsv } from '../csv.ts';
import { countPlaces, eligibilityOf, poolFor } from './places.ts';
import { insertRegistration } from './register.ts';
import { ticketTypesOf } from './ticket-types.ts';
import { registrations } from './tickets.table.ts';

export interface ImportReport {
  people: number;
  registrations: number;
  checkedIn: number;
  waiting: number;
  skipped: Array<{ line: number; reason: string }>;
}

const skipStatuses = new Set(['refunded', 'cancelled', 'canceled', 'deleted', 'transferred']);

/** Finds a column by its header, ignoring case and spacing; the first match wins. */
function column(headers: string[], ...names: string[]): number {
  const normal = headers.map((h) => h.trim().toLowerCase().replace(/\s+/g, ' '));
  for (const name of names) {
    const i = normal.findIndex((h) => h === name || h.includes(name));
    if (i >= 0) return i;
  }
  return -1;
}

function checkIn(db: Db, now: Date, registrationId: number): void {
  db.update(registrations).set({ checkedInAt: now.getTime() }).where(eq(registrations.id, registrationId)).run();
}

/**
 * Imports an Eventbrite-style attendee export (headers matched by name, not position). Refunded
 * and cancelled rows are skipped and reported; one person per email address whatever its case;
 * ticket types are matched by name; "Checked In" rows arrive checked in (a person imported
 * before is checked in now). Places respect capacity
 * exactly as registrations do: beyond it, people join the waiting list.
 */
export function importAttendees(db: Db, now: Date, event: CampEvent, csv: string, source = 'import'): ImportReport {
  const rows = parseCsv(csv);
  const headers = rows[0] ?? [];
  const col = {
    first: column(headers, 'first name'),
    last: column(headers, 'last name', 'surname'),
    email: column(headers, 'email'),
    ticket: column(headers, 'ticket type', 'ticket'),
    status: column(headers, 'attendee status', 'status'),
    organisation: column(headers, 'company', 'organisation', 'organization'),
    jobTitle: column(headers, 'job title'),
    access: column(headers, 'access'),
    dietary: column(headers, 'dietary'),
  };
  const report: ImportReport = { people: 0, registrations: 0, checkedIn: 0, waiting: 0, skipped: [] };
  if (col.email < 0 || col.ticket < 0) {
    report.skipped.push({ line: 1, reason: 'The first row must name the columns, including Email and Ticket Type' });
    return report;
  }
  const types = new Map(ticketTypesOf(db, event.id).map((t) => [t.name.trim().toLowerCase(), t]));
  const seenPeople = new Set<string>();
  db.transaction((tx) => {
    rows.slice(1).forEach((row, i) => {
      const line = i + 2;
      const get = (c: number): string => (c >= 0 ? (row[c] ?? '').trim() : '');
      const status = get(col.status).toLowerCase();
      if (skipStatuses.has(status)) return report.skipped.push({ line, reason: `${get(col.status)}: not imported` });
      const email = normaliseEmail(get(col.email));
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return report.skipped.push({ line, reason: 'No valid email address' });
      const type = types.get(get(col.ticket).toLowerCase());
      if (!type) return report.skipped.push({ line, reason: `No ticket type called “${get(col.ticket)}”` });
      const name = [get(col.first), get(col.last)].filter(Boolean).join(' ') || email;
      const person = findOrCreatePerson(tx, now, email, name);
      const existing = tx.select().from(registrations).where(and(eq(registrations.ticketTypeId, type.id), eq(registrations.personId, person.id))).get();
      const checkedIn = status === 'checked in';
      if (existing && existing.status === 'confirmed' && checkedIn && existing.checkedInAt === null) {
        checkIn(tx, now, existing.id);
        report.checkedIn++;
        return undefined;
      }
      if (existing && existing.status !== 'cancelled') return report.skipped.push({ line, reason: `${email} is already registered for ${type.name}` });
      const details = {
        name: name.slice(0, 100),
        email,
        organisation: get(col.organisation).slice(0, 150),
        role: /councillor/i.test(get(col.jobTitle)) ? ('councillor' as const) : ('other' as const),
        firstCamp: false,
        accessNeeds: get(col.access).slice(0, 1000),
        dietaryNeeds: get(col.dietary).slice(0, 500),
        noPhotos: false,
        showOnAttendeeList: false,
      };
      const places = countPlaces(tx, type, now);
      // Someone already checked in at the door holds a place: waves and reserved shares do not hold it back, only the capacity.
      const pool = poolFor(places, eligibilityOf(details)) ?? (checkedIn && places.totalHeld < type.capacity ? 'general' : null);
      const registration = insertRegistration(tx, now, { event, type, personId: person.id, details, status: pool ? 'confirmed' : 'waiting', pool, replacing: existing, importedFrom: source });
      if (!seenPeople.has(email)) {
        seenPeople.add(email);
        report.people++;
      }
      report.registrations++;
      if (!pool) report.waiting++;
      else if (checkedIn) {
        checkIn(tx, now, registration.id);
        report.checkedIn++;
      }
      return undefined;
    });
  });
  return report;
}

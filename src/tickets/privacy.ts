import { eq, lte } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { events } from '../events/events.table.ts';
import { browserSessions, people } from '../people/people.table.ts';
import type { Person } from '../people/people.ts';
import { everythingElseAbout } from '../people/personal-data.ts';
import { forgetPersonInPublic } from '../people/forget.ts';
import type { Links } from './manage-links.ts';
import { releasePlace } from './manage.ts';
import { registrationNeeds, registrations, ticketTypes } from './tickets.table.ts';
import { accessNeedsOf } from './access-needs.ts';

/** Deletes access and dietary needs whose time has come (a set number of days after the event). */
export function deleteExpiredNeeds(db: Db, now: Date): number {
  return db.delete(registrationNeeds).where(lte(registrationNeeds.deleteAfter, now.getTime())).run().changes;
}

/** Everything Campgrid keeps about a person, as they can download it from /me. */
export function personalData(db: Db, person: Person) {
  const rows = db
    .select({ registration: registrations, ticketType: ticketTypes.name, event: events.name, needs: registrationNeeds })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(events, eq(events.id, ticketTypes.eventId))
    .leftJoin(registrationNeeds, eq(registrationNeeds.registrationId, registrations.id))
    .where(eq(registrations.personId, person.id))
    .all();
  return {
    ...everythingElseAbout(db, person),
    person: { email: person.email, name: person.name, administrator: person.isAdministrator, createdAt: new Date(person.createdAt).toISOString() },
    registrations: rows.map((r) => ({
      event: r.event,
      ticketType: r.ticketType,
      status: r.registration.status,
      name: r.registration.name,
      organisation: r.registration.organisation,
      role: r.registration.role,
      firstCamp: r.registration.firstCamp,
      noPhotos: r.registration.noPhotos,
      showOnAttendeeList: r.registration.showOnAttendeeList,
      accessNeeds: r.needs?.accessNeeds ?? null,
      access: accessNeedsOf(db, r.registration.id),
      dietaryNeeds: r.needs?.dietaryNeeds ?? null,
      registeredAt: new Date(r.registration.createdAt).toISOString(),
      checkedInAt: r.registration.checkedInAt === null ? null : new Date(r.registration.checkedInAt).toISOString(),
    })),
  };
}

/**
 * "Delete my details": every place is released (offered onward), then the person and all they
 * told us are deleted. Records of the team they organised with go with them. Their name leaves
 * every published grid at once, their pitches run on by "a participant", and no link sent to
 * them signs anyone in again.
 */
export function deletePersonalDetails(db: Db, now: Date, links: Links, person: Person): void {
  const active = db.select({ id: registrations.id, status: registrations.status }).from(registrations).where(eq(registrations.personId, person.id)).all();
  for (const r of active) if (r.status !== 'cancelled') releasePlace(db, now, links, r.id);
  db.transaction((tx) => {
    forgetPersonInPublic(tx, now, person);
    tx.delete(browserSessions).where(eq(browserSessions.personId, person.id)).run();
    tx.delete(people).where(eq(people.id, person.id)).run();
  });
}

import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.ts';
import { organisationNames, organisations } from '../organisations/organisations.table.ts';
import { people } from '../people/people.table.ts';
import { registrations, ticketTypes } from '../tickets/tickets.table.ts';

/**
 * A confirmed place at a camp, with the principal council its holder came from (a town or
 * parish council counts as the council it is within; anything else is no council). A council
 * "has been to" a camp when someone from it held a confirmed place there, so an earlier year
 * imported from Eventbrite counts the same as a camp run here.
 */
export interface PlaceFromCouncil {
  eventId: number;
  personId: number;
  mailbox: string;
  councillor: boolean;
  /** What they said when they registered; null for an imported place, where nobody asked. */
  saidFirstCamp: boolean | null;
  councilId: number | null;
}

export function confirmedPlaces(db: Db, eventIds: number[]): PlaceFromCouncil[] {
  if (eventIds.length === 0) return [];
  const named = alias(organisations, 'named');
  const rows = db
    .select({
      eventId: ticketTypes.eventId,
      personId: registrations.personId,
      mailbox: people.mailbox,
      email: people.email,
      role: registrations.role,
      firstCamp: registrations.firstCamp,
      importedFrom: registrations.importedFrom,
      councilId: sql<number | null>`case ${named.kind} when 'council' then ${named.id} when 'town-or-parish-council' then ${named.parentId} end`,
    })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(people, eq(people.id, registrations.personId))
    .leftJoin(organisationNames, eq(organisationNames.key, registrations.organisationKey))
    .leftJoin(named, eq(named.id, organisationNames.organisationId))
    .where(and(inArray(ticketTypes.eventId, eventIds), eq(registrations.status, 'confirmed')))
    .orderBy(asc(registrations.id))
    .all();
  return rows.map((r) => ({
    eventId: r.eventId,
    personId: r.personId,
    mailbox: r.mailbox || r.email,
    councillor: r.role === 'councillor',
    saidFirstCamp: r.importedFrom === null ? r.firstCamp : null,
    councilId: r.councilId,
  }));
}

export interface Council {
  id: number;
  code: string;
  name: string;
  nation: string;
  region: string;
  councilType: string;
  lat: number | null;
  long: number | null;
}

/** The register's current councils, A to Z. */
export function currentCouncils(db: Db): Council[] {
  return db
    .select({ id: organisations.id, code: organisations.code, name: organisations.name, nation: organisations.nation, region: organisations.region, councilType: organisations.councilType, lat: organisations.lat, long: organisations.long })
    .from(organisations)
    .where(and(eq(organisations.kind, 'council'), sql`${organisations.endedAt} is null`))
    .orderBy(asc(organisations.name))
    .all()
    .map((c) => ({ ...c, code: c.code ?? '' }));
}

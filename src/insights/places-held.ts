import { and, asc, eq, inArray, lt, min, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.ts';
import { days, events } from '../events/events.table.ts';
import type { PlaceFacts } from '../messages/audience.ts';
import { organisationNames, organisations } from '../organisations/organisations.table.ts';
import { people } from '../people/people.table.ts';
import { registrations, ticketTypes } from '../tickets/tickets.table.ts';

/** A principal council: a town or parish council counts as the principal council it sits under. */
export interface Council {
  id: number;
  name: string;
  nation: string;
  region: string;
}

/** One registration at a camp, with what insights count it by. */
export interface PlaceHeld extends PlaceFacts {
  eventId: number;
  personId: number;
  /** The person across camps: their inbox (see people/mailbox.ts). */
  mailbox: string;
  ticketTypeId: number;
  createdAt: number;
  imported: boolean;
  council: Council | null;
}

const principal = alias(organisations, 'principal');
/** The principal council of a registration's organisation (joined as below), or null. */
const council = (column: 'id' | 'name' | 'nation' | 'region') => sql`case when ${organisations.kind} = 'council' then ${organisations[column]} else ${principal[column]} end`;

/** When each event starts (its first day), for events that have days. */
export function eventStarts(db: Db): Map<number, number> {
  const rows = db.select({ eventId: days.eventId, startsAt: min(days.startsAt) }).from(days).groupBy(days.eventId).all();
  return new Map(rows.map((r) => [r.eventId, r.startsAt!]));
}

/**
 * Every registration (released places too) at the given events, or at every event, in
 * one query: who, on which ticket, when, and the principal council their typed organisation
 * was matched to.
 */
export function placesHeldAt(db: Db, eventIds?: number[]): PlaceHeld[] {
  if (eventIds && eventIds.length === 0) return [];
  const rows = db
    .select({
      eventId: ticketTypes.eventId,
      personId: registrations.personId,
      mailbox: people.mailbox,
      ticketTypeId: registrations.ticketTypeId,
      status: registrations.status,
      checkedInAt: registrations.checkedInAt,
      firstCamp: registrations.firstCamp,
      role: registrations.role,
      createdAt: registrations.createdAt,
      importedFrom: registrations.importedFrom,
      councilId: council('id').mapWith(Number),
      councilName: council('name').mapWith(String),
      nation: council('nation').mapWith(String),
      region: council('region').mapWith(String),
    })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(people, eq(people.id, registrations.personId))
    .leftJoin(organisationNames, eq(organisationNames.key, registrations.organisationKey))
    .leftJoin(organisations, eq(organisations.id, organisationNames.organisationId))
    .leftJoin(principal, eq(principal.id, organisations.parentId))
    .where(eventIds ? inArray(ticketTypes.eventId, eventIds) : undefined)
    .orderBy(asc(registrations.id))
    .all();
  return rows.map(({ councilId, councilName, nation, region, importedFrom, mailbox, ...r }) => ({
    ...r,
    mailbox: mailbox || `person:${r.personId}`,
    imported: importedFrom !== null,
    council: councilId ? { id: councilId, name: councilName, nation, region } : null,
  }));
}

/** The events a comparison or the site-wide figures can name, by id. */
export function eventNames(db: Db, ids: number[]): Map<number, { id: number; name: string; slug: string; timeZone: string }> {
  if (ids.length === 0) return new Map();
  const rows = db.select({ id: events.id, name: events.name, slug: events.slug, timeZone: events.timeZone }).from(events).where(inArray(events.id, ids)).all();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The councils with a confirmed place at any camp that started before `startsAt` (every camp with days, for null). */
export function councilsBefore(db: Db, startsAt: number | null): Set<number> {
  const starts = db.select({ eventId: days.eventId, startsAt: min(days.startsAt).as('starts_at') }).from(days).groupBy(days.eventId).as('event_starts');
  const rows = db
    .selectDistinct({ id: council('id').mapWith(Number) })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(starts, eq(starts.eventId, ticketTypes.eventId))
    .innerJoin(organisationNames, eq(organisationNames.key, registrations.organisationKey))
    .innerJoin(organisations, eq(organisations.id, organisationNames.organisationId))
    .leftJoin(principal, eq(principal.id, organisations.parentId))
    .where(and(eq(registrations.status, 'confirmed'), startsAt === null ? undefined : lt(starts.startsAt, startsAt)))
    .all();
  return new Set(rows.map((r) => r.id).filter((id) => id !== null));
}

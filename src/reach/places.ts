import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { placesHeldAt } from '../insights/places-held.ts';
import { organisations } from '../organisations/organisations.table.ts';

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
  return placesHeldAt(db, eventIds)
    .filter((p) => p.status === 'confirmed')
    .map((p) => ({
      eventId: p.eventId,
      personId: p.personId,
      mailbox: p.mailbox,
      councillor: p.role === 'councillor',
      saidFirstCamp: p.imported ? null : p.firstCamp,
      councilId: p.council?.id ?? null,
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

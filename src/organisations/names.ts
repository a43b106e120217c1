import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import { registrations } from '../tickets/tickets.table.ts';
import { organisationKey } from './matching.ts';
import { organisationNames, organisations } from './organisations.table.ts';

export type Organisation = typeof organisations.$inferSelect;

const insertTyped = preparedQuery((db) =>
  db
    .insert(organisationNames)
    .values({ key: sql.placeholder('key'), text: sql.placeholder('text'), source: 'typed', createdAt: sql.placeholder('createdAt') })
    .onConflictDoNothing()
    .prepare(),
);

/**
 * The key a registration keeps beside the organisation as typed ('' for none). Text matching no
 * known spelling is remembered as typed, for organisers to review; the text itself is never changed.
 */
export function keyForTyped(db: Db, now: Date, typed: string): string {
  const text = typed.trim();
  if (text === '') return '';
  const key = organisationKey(text);
  insertTyped(db).run({ key, text, createdAt: now.getTime() });
  return key;
}

/** Gives registrations made before keys existed theirs, and remembers any typed text not yet known. */
export function noteTypedNames(db: Db, now: Date): void {
  const unkeyed = db.select({ id: registrations.id, organisation: registrations.organisation }).from(registrations).where(isNull(registrations.organisationKey)).all();
  // One transaction, not a commit a registration: on a camp's first start after upgrading, thousands.
  if (unkeyed.length) {
    db.transaction((tx) => {
      for (const r of unkeyed) tx.update(registrations).set({ organisationKey: keyForTyped(tx, now, r.organisation) }).where(eq(registrations.id, r.id)).run();
    });
  }
  db.run(sql`insert into organisation_names (key, text, source, created_at)
    select organisation_key, min(organisation), 'typed', ${now.getTime()} from registrations
    where organisation_key <> '' group by organisation_key
    on conflict (key) do nothing`);
}

const byKey = preparedQuery((db) =>
  db
    .select({ organisation: organisations })
    .from(organisationNames)
    .innerJoin(organisations, eq(organisations.id, organisationNames.organisationId))
    .where(eq(organisationNames.key, sql.placeholder('key')))
    .prepare(),
);

/** The organisation typed text stands for, if the register or an organiser has said. */
export function organisationFor(db: Db, typed: string): Organisation | undefined {
  return typed.trim() === '' ? undefined : byKey(db).get({ key: organisationKey(typed) })?.organisation;
}

/** The current council a name means (by any of its spellings), for choosing one in a form. */
export function councilCalled(db: Db, typed: string): Organisation | undefined {
  const found = organisationFor(db, typed);
  return found?.kind === 'council' && found.endedAt === null ? found : undefined;
}

/** The current councils' names, A to Z: the suggestions of an organisation field. */
export function councilNames(db: Db): string[] {
  return db
    .select({ name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.kind, 'council'), isNull(organisations.endedAt)))
    .orderBy(asc(organisations.name))
    .all()
    .map((r) => r.name);
}

import { and, count, desc, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.ts';
import { RuleViolation } from '../rules.ts';
import { registrations } from '../tickets/tickets.table.ts';
import { councilCalled } from './names.ts';
import { organisationNames, organisations, type OrganisationKind } from './organisations.table.ts';

/** Typed organisations that match nothing yet, most registrations first, with how many each. */
export function unmatchedOrganisations(db: Db, limit = 500) {
  return db
    .select({ key: organisationNames.key, text: organisationNames.text, registrations: count(registrations.id) })
    .from(organisationNames)
    .innerJoin(registrations, eq(registrations.organisationKey, organisationNames.key))
    .where(isNull(organisationNames.organisationId))
    .groupBy(organisationNames.key)
    .orderBy(desc(count(registrations.id)), asc(organisationNames.text))
    .limit(limit)
    .all();
}

/** What organisers have decided about typed names, newest first, so a wrong call can be made again. */
export function decidedOrganisations(db: Db, limit = 200) {
  const principal = alias(organisations, 'principal');
  return db
    .select({ key: organisationNames.key, text: organisationNames.text, organisation: organisations.name, kind: organisations.kind, within: principal.name, decidedAt: organisationNames.decidedAt })
    .from(organisationNames)
    .innerJoin(organisations, eq(organisations.id, organisationNames.organisationId))
    .leftJoin(principal, eq(principal.id, organisations.parentId))
    .where(eq(organisationNames.source, 'organiser'))
    .orderBy(desc(organisationNames.decidedAt), asc(organisationNames.text))
    .limit(limit)
    .all();
}

export const decisions = ['council', 'town-or-parish-council', 'not-a-council'] as const;
export type Decision = (typeof decisions)[number];

/**
 * Says what typed organisation names are, several at once: a council of the register, a town
 * or parish council under one, or not a council (a supplier, a charity: an organisation of its
 * own). Every registration with that name, past and future, follows, since they share its key.
 */
export function decideOrganisations(db: Db, now: Date, decidedBy: number, args: { keys: string[]; decision: Decision; council: string }): number {
  const council = args.decision === 'not-a-council' ? undefined : councilCalled(db, args.council);
  if (args.decision !== 'not-a-council' && !council) {
    throw new RuleViolation({ council: args.council.trim() === '' ? 'Enter the council, choosing one of the suggestions' : `No council in the register is called “${args.council.trim()}”. Choose one of the suggestions` });
  }
  return db.transaction((tx) => {
    const names = tx
      .select()
      .from(organisationNames)
      .where(and(inArray(organisationNames.key, args.keys), ne(organisationNames.source, 'register')))
      .all();
    if (names.length === 0) throw new RuleViolation({ keys: 'Choose at least one organisation' });
    for (const name of names) {
      const kind: OrganisationKind | null = args.decision === 'council' ? null : args.decision === 'town-or-parish-council' ? 'town-or-parish-council' : 'other';
      const organisationId =
        kind === null
          ? council!.id
          : tx.insert(organisations).values({ kind, name: name.text, parentId: council?.id ?? null, nation: council?.nation ?? '', region: council?.region ?? '', createdAt: now.getTime() }).returning({ id: organisations.id }).get().id;
      tx.update(organisationNames).set({ organisationId, source: 'organiser', decidedBy, decidedAt: now.getTime() }).where(eq(organisationNames.key, name.key)).run();
    }
    return names.length;
  });
}

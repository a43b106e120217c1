import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import { accessNeedChoices, registrationAccessNeeds, type AccessNeed } from './tickets.table.ts';

export const accessNeedLabels: Record<AccessNeed, string> = {
  'step-free': 'Step-free access (no stairs)',
  'hearing-loop': 'A hearing loop',
  quiet: 'A quiet room',
};

// Most registrations tick none: this runs for each of them, so it is built once.
const clearNeeds = preparedQuery((db) => db.delete(registrationAccessNeeds).where(eq(registrationAccessNeeds.registrationId, sql.placeholder('registrationId'))).prepare());

/** Replaces the access needs a registration ticked; none ticked leaves no row. */
export function saveAccessNeeds(db: Db, registrationId: number, needs: readonly AccessNeed[]): void {
  if (needs.length === 0) {
    clearNeeds(db).run({ registrationId });
    return;
  }
  const row = { stepFree: needs.includes('step-free'), hearingLoop: needs.includes('hearing-loop'), quietRoom: needs.includes('quiet') };
  db.insert(registrationAccessNeeds)
    .values({ registrationId, ...row })
    .onConflictDoUpdate({ target: registrationAccessNeeds.registrationId, set: row })
    .run();
}

/** The access needs a registration ticked, in the form's order. */
export function accessNeedsOf(db: Db, registrationId: number): AccessNeed[] {
  const row = db.select().from(registrationAccessNeeds).where(eq(registrationAccessNeeds.registrationId, registrationId)).get();
  if (!row) return [];
  const ticked: Record<AccessNeed, boolean> = { 'step-free': row.stepFree, 'hearing-loop': row.hearingLoop, quiet: row.quietRoom };
  return accessNeedChoices.filter((n) => ticked[n]);
}

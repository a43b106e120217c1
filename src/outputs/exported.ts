import { and, asc, eq, isNull, max } from 'drizzle-orm';
import type { CampOutputs, ExportedOutput } from '../calendar/session-outputs.ts';
import type { Db } from '../db/open.ts';
import { outputModeration, outputs } from './outputs.table.ts';

/**
 * A camp's outputs for its schedule exports and calendar events: what the public may see, by
 * session, with when each session's outputs last changed (an edit, a hiding or a restoring).
 */
export function outputsForExports(db: Db, eventId: number): CampOutputs {
  const shown = db
    .select({ id: outputs.id, pitchId: outputs.pitchId, kind: outputs.kind, title: outputs.title, url: outputs.url, owner: outputs.owner, updatedAt: outputs.updatedAt })
    .from(outputs)
    .where(and(eq(outputs.eventId, eventId), isNull(outputs.hiddenAt)))
    .orderBy(asc(outputs.createdAt), asc(outputs.id))
    .all();
  // Hiding and restoring change what a session shows without changing the output itself.
  const moderated = db
    .select({ pitchId: outputs.pitchId, at: max(outputModeration.createdAt) })
    .from(outputModeration)
    .innerJoin(outputs, eq(outputs.id, outputModeration.outputId))
    .where(eq(outputs.eventId, eventId))
    .groupBy(outputs.pitchId)
    .all();
  const bySession = new Map<number, { outputs: ExportedOutput[]; changedAt: number }>();
  const of = (pitchId: number) => bySession.get(pitchId) ?? bySession.set(pitchId, { outputs: [], changedAt: 0 }).get(pitchId)!;
  for (const { pitchId, updatedAt, ...output } of shown) {
    const session = of(pitchId);
    session.outputs.push(output);
    session.changedAt = Math.max(session.changedAt, updatedAt);
  }
  for (const { pitchId, at } of moderated) of(pitchId).changedAt = Math.max(of(pitchId).changedAt, at ?? 0);
  const changedAt = Math.max(0, ...[...bySession.values()].map((s) => s.changedAt));
  return { version: `${shown.length}.${changedAt}`, changedAt, bySession };
}

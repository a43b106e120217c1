import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { gridVersions } from './grid.table.ts';
import type { PublishedGrid, PublishedSession } from './published.ts';

/**
 * Parsed snapshots by connection and event. Public pages and feeds ask for the latest grid on
 * every request; reading and parsing a 120-session snapshot each time was most of their cost.
 * The cheap indexed lookup of the latest version's id still runs every time, so a publish (or a
 * rolled-back one) is never missed. Only the top-level database caches; a transaction reads fresh.
 */
const parsedGrids = new WeakMap<object, Map<number, { id: number; publishedAt: number; snapshot: PublishedGrid }>>();

export function latestPublished(db: Db, eventId: number): PublishedGrid | null {
  const latest = db
    .select({ id: gridVersions.id, publishedAt: gridVersions.publishedAt })
    .from(gridVersions)
    .where(eq(gridVersions.eventId, eventId))
    .orderBy(desc(gridVersions.number))
    .limit(1)
    .get();
  if (!latest) return null;
  const client = (db as { $client?: object }).$client;
  const cached = client ? parsedGrids.get(client)?.get(eventId) : undefined;
  if (cached && cached.id === latest.id && cached.publishedAt === latest.publishedAt) return cached.snapshot;
  const snapshot = db.select({ snapshot: gridVersions.snapshot }).from(gridVersions).where(eq(gridVersions.id, latest.id)).get()!.snapshot;
  if (client) {
    const byEvent = parsedGrids.get(client) ?? new Map();
    byEvent.set(eventId, { id: latest.id, publishedAt: latest.publishedAt, snapshot });
    parsedGrids.set(client, byEvent);
  }
  return snapshot;
}

export function publishedVersions(db: Db, eventId: number): PublishedGrid[] {
  return db.select({ snapshot: gridVersions.snapshot }).from(gridVersions).where(eq(gridVersions.eventId, eventId)).orderBy(desc(gridVersions.number)).all().map((r) => r.snapshot);
}

/** A pitch's session on a published grid, if it has one. */
export function publishedSessionOf(grid: PublishedGrid | null, pitchId: number): PublishedSession | null {
  return grid?.sessions.find((s) => s.pitchId === pitchId) ?? null;
}

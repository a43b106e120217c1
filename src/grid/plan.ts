import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { requireIdOfKind, roomKey, sessionKey, slotKey } from '../pitches/scheduler-ids.ts';
import { InvalidInstanceError, solve, type Instance, type Placement } from '../scheduling/index.ts';
import { RuleViolation } from '../rules.ts';
import { replacePlacements, StaleGrid } from './editor.ts';
import { gridDrafts, gridVersions, type SchedulerProposal } from './grid.table.ts';
import { loadGrid, type GridModel } from './model.ts';

/**
 * The published grid's places as the scheduler's `previous`, for the sessions still pitched. A
 * place whose room was removed or whose time no longer has a slot stays in: the scheduler takes
 * it as a forced move (docs/scheduling.md), so its metrics count what the re-plan changes.
 */
function previousPlacements(db: Db, model: GridModel): Placement[] {
  const latest = db.select().from(gridVersions).where(eq(gridVersions.eventId, model.event.id)).orderBy(desc(gridVersions.number)).limit(1).get();
  if (!latest) return [];
  const sessions = new Set(model.instance.sessions.map((s) => s.id));
  const slotByStart = new Map(model.instance.slots.map((s) => [Date.parse(s.start), s.id]));
  return latest.snapshot.sessions
    .filter((s) => !s.cancelled)
    .map((s) => ({ session: sessionKey(s.pitchId), room: roomKey(s.roomId), slot: slotByStart.get(s.startsAt) ?? `gone-${s.startsAt}` }))
    .filter((p) => sessions.has(p.session));
}

/**
 * Asks the scheduler for a grid. "replan" moves everything that is not pinned; "fill" keeps every
 * session where it is and places only those not yet on the grid. After a publish, moving a
 * published session costs, so a re-plan changes as little as it can. The proposal is kept
 * with the version it was made from; applying it is a separate, undoable edit.
 */
export function proposeGrid(db: Db, now: Date, event: CampEvent, version: number, mode: 'replan' | 'fill', options: { timeLimitMs?: number; seed?: number; iterations?: number } = {}): SchedulerProposal {
  const model = loadGrid(db, event);
  if (model.version !== version) throw new StaleGrid(model.version);
  if (model.rooms.length === 0 || model.instance.slots.length === 0) throw new RuleViolation({ mode: 'Add rooms and session slots before running the scheduler' });
  const keep = model.placements.filter((p) => p.pinned || mode === 'fill');
  const pins = new Map(keep.map((p) => [sessionKey(p.pitchId), { room: roomKey(p.roomId), slot: slotKey(p.slotId) }]));
  const instance: Instance = {
    ...model.instance,
    sessions: model.instance.sessions.map((s) => (pins.has(s.id) ? { ...s, pin: pins.get(s.id)! } : s)),
    previous: previousPlacements(db, model),
  };
  let result;
  try {
    result = solve(instance, { timeLimitMs: options.timeLimitMs ?? 1000, seed: options.seed ?? 1, ...(options.iterations ? { iterations: options.iterations } : {}) });
  } catch (error) {
    if (error instanceof InvalidInstanceError) {
      throw new RuleViolation({ mode: `The scheduler cannot run yet: ${error.message.split('\n')[0]}` });
    }
    throw error;
  }
  const proposal: SchedulerProposal = {
    basedOnVersion: version,
    mode,
    assignments: result.assignments.map((a) => ({ pitchId: requireIdOfKind('pitch', a.session), roomId: requireIdOfKind('room', a.room), slotId: requireIdOfKind('slot', a.slot) })),
    unscheduled: result.unscheduled.map((u) => ({ pitchId: requireIdOfKind('pitch', u.session), reason: u.reason })),
    metrics: result.metrics,
    elapsedMs: Math.round(result.elapsedMs),
  };
  db.insert(gridDrafts)
    .values({ eventId: event.id, version, proposal, updatedAt: now.getTime() })
    .onConflictDoUpdate({ target: gridDrafts.eventId, set: { proposal } })
    .run();
  return proposal;
}

export function currentProposal(db: Db, eventId: number): SchedulerProposal | null {
  return db.select({ proposal: gridDrafts.proposal }).from(gridDrafts).where(eq(gridDrafts.eventId, eventId)).get()?.proposal ?? null;
}

/** What a proposal would change against the draft: sessions placed, moved and taken off. */
export function proposalChanges(model: GridModel, proposal: SchedulerProposal) {
  const now = new Map(model.placements.map((p) => [p.pitchId, p]));
  const next = new Map(proposal.assignments.map((a) => [a.pitchId, a]));
  const added = proposal.assignments.filter((a) => !now.has(a.pitchId));
  const moved = proposal.assignments.filter((a) => now.has(a.pitchId) && (now.get(a.pitchId)!.roomId !== a.roomId || now.get(a.pitchId)!.slotId !== a.slotId));
  const removed = model.placements.filter((p) => !next.has(p.pitchId));
  return { added, moved, removed };
}

/** Applies the stored proposal if the grid has not changed since it was made; pins stay pinned. */
export function applyProposal(db: Db, now: Date, event: CampEvent, version: number): void {
  const proposal = currentProposal(db, event.id);
  if (!proposal) throw new RuleViolation({ proposal: 'There is no proposal to apply; run the scheduler first' });
  if (proposal.basedOnVersion !== version) throw new StaleGrid(version);
  const pinned = new Set(loadGrid(db, event).placements.filter((p) => p.pinned).map((p) => p.pitchId));
  replacePlacements(
    db,
    now,
    event,
    version,
    proposal.assignments.map((a) => ({ ...a, pinned: pinned.has(a.pitchId) })),
    'apply the scheduler’s grid',
  );
}

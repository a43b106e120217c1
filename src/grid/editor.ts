import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { RuleViolation } from '../rules.ts';
import { roomKey, sessionKey, slotKey } from '../pitches/scheduler-ids.ts';
import { scoreGrid } from '../scheduling/index.ts';
import { gridDrafts, gridPlacements, type UndoStep } from './grid.table.ts';
import { draftVersion, loadGrid, spanOf, type GridModel } from './model.ts';
import { clockTime } from '../events/local-time.ts';
import type { CampEvent } from '../events/events.ts';

/** An edit made on a version of the grid that someone else has changed since. */
export class StaleGrid extends Error {
  constructor(readonly current: number) {
    super('The grid changed while you were looking at it');
  }
}

type Snapshot = UndoStep['placements'];

function snapshot(db: Db, eventId: number): Snapshot {
  return db
    .select({ pitchId: gridPlacements.pitchId, roomId: gridPlacements.roomId, slotId: gridPlacements.slotId, pinned: gridPlacements.pinned })
    .from(gridPlacements)
    .where(eq(gridPlacements.eventId, eventId))
    .all();
}

function restore(db: Db, eventId: number, placements: Snapshot): void {
  db.delete(gridPlacements).where(eq(gridPlacements.eventId, eventId)).run();
  for (const p of placements) db.insert(gridPlacements).values({ eventId, ...p }).run();
}

/**
 * Every change to the draft goes through here: in one transaction, refuse it if the grid moved
 * on since `expectedVersion` (two organisers never overwrite each other), keep what was there
 * for undo, make the change, and move the version on.
 */
export function editGrid<T>(db: Db, now: Date, event: CampEvent, expectedVersion: number, description: string, change: (model: GridModel, tx: Db) => T): T {
  return db.transaction((tx) => {
    const current = draftVersion(tx, event.id);
    if (current !== expectedVersion) throw new StaleGrid(current);
    const before = snapshot(tx, event.id);
    const result = change(loadGrid(tx, event), tx);
    const undo: UndoStep = { description, placements: before };
    tx.insert(gridDrafts)
      .values({ eventId: event.id, version: current + 1, undo, proposal: null, updatedAt: now.getTime() })
      .onConflictDoUpdate({ target: gridDrafts.eventId, set: { version: current + 1, undo, proposal: null, updatedAt: now.getTime() } })
      .run();
    return result;
  });
}

function pitchOf(model: GridModel, pitchId: number) {
  const pitch = model.pitches.get(pitchId);
  if (!pitch) throw new RuleViolation({ pitchId: 'That pitch is not on the board (it may have been withdrawn, hidden or merged)' });
  return pitch;
}

function describePlace(model: GridModel, roomId: number, slotId: number): string {
  const room = model.rooms.find((r) => r.id === roomId)?.name ?? 'that room';
  const slot = model.slotById.get(slotId);
  const time = slot ? clockTime(slot.startsAt, model.event.timeZone) : '';
  return `${room} at ${time}`;
}

/** The cells a pitch would take at a place, or a message saying why it cannot go there. */
function cellsFor(model: GridModel, pitchId: number, roomId: number, slotId: number, ignoring: number[] = []): string[] {
  const pitch = pitchOf(model, pitchId);
  if (!model.rooms.some((r) => r.id === roomId)) throw new RuleViolation({ roomId: 'Choose a room of this event' });
  if (!model.slotById.has(slotId)) throw new RuleViolation({ slotId: 'Choose a session slot of this event' });
  const span = spanOf(model, slotId, pitch.session.length ?? 1);
  if (!span) throw new RuleViolation({ slotId: `“${pitch.title}” is a double session and needs the next slot in the same room too` });
  const cells = span.map((s) => `${roomId}:${s}`);
  const taken = occupied(model, [pitchId, ...ignoring]);
  const clash = cells.find((c) => taken.has(c));
  if (clash) {
    const other = model.pitches.get(taken.get(clash)!);
    throw new RuleViolation({ slotId: `${describePlace(model, roomId, slotId)} already has “${other?.title ?? 'another session'}”; move it first or swap them` });
  }
  return cells;
}

/** Room-and-slot cells in use, with the pitch in each. */
export function occupied(model: GridModel, except: number[] = []): Map<string, number> {
  const taken = new Map<string, number>();
  for (const p of model.placements) {
    if (except.includes(p.pitchId)) continue;
    const span = spanOf(model, p.slotId, model.pitches.get(p.pitchId)?.session.length ?? 1) ?? [p.slotId];
    for (const s of span) taken.set(`${p.roomId}:${s}`, p.pitchId);
  }
  return taken;
}

/** Puts a pitch in a room and slot, or moves it there. The place must be free. */
export function placePitch(db: Db, now: Date, event: CampEvent, version: number, args: { pitchId: number; roomId: number; slotId: number }): void {
  editGrid(db, now, event, version, 'place a session', (model, tx) => {
    cellsFor(model, args.pitchId, args.roomId, args.slotId);
    const existing = model.placements.find((p) => p.pitchId === args.pitchId);
    if (existing?.pinned) throw new RuleViolation({ pitchId: `“${model.pitches.get(args.pitchId)!.title}” is pinned; unpin it before moving it` });
    if (existing) tx.update(gridPlacements).set({ roomId: args.roomId, slotId: args.slotId }).where(eq(gridPlacements.id, existing.id)).run();
    else tx.insert(gridPlacements).values({ eventId: event.id, pitchId: args.pitchId, roomId: args.roomId, slotId: args.slotId, pinned: false }).run();
  });
}

/** Swaps the places of two placed sessions. */
export function swapPitches(db: Db, now: Date, event: CampEvent, version: number, args: { pitchId: number; otherPitchId: number }): void {
  editGrid(db, now, event, version, 'swap two sessions', (model, tx) => {
    const a = model.placements.find((p) => p.pitchId === args.pitchId);
    const b = model.placements.find((p) => p.pitchId === args.otherPitchId);
    if (!a || !b || a.pitchId === b.pitchId) throw new RuleViolation({ otherPitchId: 'Choose another session that is on the grid to swap with' });
    if (a.pinned || b.pinned) throw new RuleViolation({ otherPitchId: 'Pinned sessions stay where they are; unpin them first' });
    cellsFor(model, a.pitchId, b.roomId, b.slotId, [b.pitchId]);
    cellsFor(model, b.pitchId, a.roomId, a.slotId, [a.pitchId]);
    // One session per room and slot holds at every statement, so the two rows are replaced, not updated in turn.
    tx.delete(gridPlacements).where(inArray(gridPlacements.id, [a.id, b.id])).run();
    tx.insert(gridPlacements)
      .values([
        { eventId: event.id, pitchId: a.pitchId, roomId: b.roomId, slotId: b.slotId, pinned: false },
        { eventId: event.id, pitchId: b.pitchId, roomId: a.roomId, slotId: a.slotId, pinned: false },
      ])
      .run();
  });
}

/** Takes a session off the grid (back to the unscheduled list). */
export function unschedulePitch(db: Db, now: Date, event: CampEvent, version: number, pitchId: number): void {
  editGrid(db, now, event, version, 'take a session off the grid', (model, tx) => {
    const placement = model.placements.find((p) => p.pitchId === pitchId);
    if (!placement) throw new RuleViolation({ pitchId: 'That session is not on the grid' });
    if (placement.pinned) throw new RuleViolation({ pitchId: 'Unpin the session before taking it off the grid' });
    tx.delete(gridPlacements).where(eq(gridPlacements.id, placement.id)).run();
  });
}

/**
 * Pins a session where it is, so the scheduler never moves it; refused if the place breaks a rule
 * the scheduler holds pins to (needs, unavailability, a facilitator in two pinned places).
 */
export function setPinned(db: Db, now: Date, event: CampEvent, version: number, pitchId: number, pinned: boolean): void {
  editGrid(db, now, event, version, pinned ? 'pin a session' : 'unpin a session', (model, tx) => {
    const placement = model.placements.find((p) => p.pitchId === pitchId);
    if (!placement) throw new RuleViolation({ pitchId: 'Only a session on the grid can be pinned' });
    if (pinned) {
      const pinnedOnes = model.placements.filter((p) => p.pinned || p.pitchId === pitchId);
      const check = scoreGrid(
        model.instance,
        pinnedOnes.map((p) => ({ session: sessionKey(p.pitchId), room: roomKey(p.roomId), slot: slotKey(p.slotId) })),
      );
      const broken = check.violations.find((v) => v.ids.includes(sessionKey(pitchId)));
      if (broken) throw new RuleViolation({ pitchId: `It cannot be pinned there: ${pinMessage(broken.rule)}` });
    }
    tx.update(gridPlacements).set({ pinned }).where(and(eq(gridPlacements.id, placement.id))).run();
  });
}

function pinMessage(rule: number): string {
  if (rule === 2) return 'a facilitator is already pinned somewhere else at that time';
  if (rule === 3) return 'the room does not have what the session needs';
  if (rule === 4) return 'the facilitator said they cannot do that slot';
  return 'it breaks a scheduling rule';
}

/** The change that "Undo" would take back, if there is one. */
export function lastChange(db: Db, eventId: number): UndoStep | null {
  return db.select({ undo: gridDrafts.undo }).from(gridDrafts).where(eq(gridDrafts.eventId, eventId)).get()?.undo ?? null;
}

/** Undoes the last change, if nobody has changed the grid since. */
export function undoLastChange(db: Db, now: Date, event: CampEvent, version: number): string {
  return db.transaction((tx) => {
    const draft = tx.select().from(gridDrafts).where(eq(gridDrafts.eventId, event.id)).get();
    if ((draft?.version ?? 0) !== version) throw new StaleGrid(draft?.version ?? 0);
    if (!draft?.undo) throw new RuleViolation({ undo: 'There is nothing to undo' });
    restore(tx, event.id, draft.undo.placements);
    tx.update(gridDrafts).set({ version: version + 1, undo: null, proposal: null, updatedAt: now.getTime() }).where(eq(gridDrafts.eventId, event.id)).run();
    return draft.undo.description;
  });
}

/** Replaces the whole draft (applying the scheduler's proposal), as one undoable change. */
export function replacePlacements(db: Db, now: Date, event: CampEvent, version: number, placements: Snapshot, description: string): void {
  editGrid(db, now, event, version, description, (_model, tx) => restore(tx, event.id, placements));
}

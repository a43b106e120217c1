import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { composeMail } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { people } from '../people/people.table.ts';
import { displayName, type Person } from '../people/people.ts';
import { NotFound, RuleViolation } from '../rules.ts';
import { takeOffGridAndTell } from '../grid/take-off.ts';
import { applyPitchDetails, checkDayAndSlots, pitchAt, type Pitch } from './pitches.ts';
import { interest, pitchChanges, pitchFacilitators, pitches, type PitchFormat, type PitchNeed } from './pitches.table.ts';

/** What organisers may change on any pitch, including the scheduler's hard rules. */
export interface OrganiserEdit {
  title: string;
  description: string;
  format: PitchFormat;
  needs: PitchNeed[];
  doubleLength: boolean;
  showOfHands: number | null;
  needsBiggerRoom: boolean;
  pinnedDayId: number | null;
}

/** Every pitch of an event for the organisers: all statuses, every facilitator, counts and waiting changes. Four queries. */
export function pitchesForModeration(db: Db, eventId: number) {
  const list = db.select().from(pitches).where(eq(pitches.eventId, eventId)).orderBy(asc(pitches.id)).all();
  const inEvent = eq(pitches.eventId, eventId);
  const facilitators = db
    .select({ pitchId: pitchFacilitators.pitchId, walkInName: pitchFacilitators.walkInName, confirmed: pitchFacilitators.confirmed, name: people.name, email: people.email })
    .from(pitchFacilitators)
    .innerJoin(pitches, eq(pitches.id, pitchFacilitators.pitchId))
    .leftJoin(people, eq(people.id, pitchFacilitators.personId))
    .where(inEvent)
    .orderBy(asc(pitchFacilitators.id))
    .all();
  const counts = new Map(
    db.select({ pitchId: interest.pitchId, n: count() }).from(interest).innerJoin(pitches, eq(pitches.id, interest.pitchId)).where(inEvent).groupBy(interest.pitchId).all().map((r) => [r.pitchId, r.n]),
  );
  const changes = new Map(
    db.select({ change: pitchChanges }).from(pitchChanges).innerJoin(pitches, eq(pitches.id, pitchChanges.pitchId)).where(inEvent).all().map((r) => [r.change.pitchId, r.change]),
  );
  return list.map((pitch) => ({
    pitch,
    facilitators: facilitators
      .filter((f) => f.pitchId === pitch.id)
      .map((f) => (f.email ? displayName({ name: f.name ?? '', email: f.email }) : (f.walkInName ?? '')) + (f.confirmed ? '' : ' (invited)')),
    count: counts.get(pitch.id) ?? 0,
    change: changes.get(pitch.id),
  }));
}

/** Organisers change a pitch, pin it to a day, or mark that it needs a bigger room. */
export function editPitchAsOrganiser(db: Db, now: Date, args: { event: CampEvent; pitchId: number; edit: OrganiserEdit }): Pitch {
  return db.transaction((tx) => {
    const pitch = pitchAt(tx, args.event.id, args.pitchId);
    if (pitch.status === 'merged') throw new RuleViolation({ title: 'This pitch has been merged into another; change that one instead' });
    checkDayAndSlots(tx, args.event.id, args.edit.pinnedDayId, [], 'pinnedDay');
    return tx.update(pitches).set({ ...args.edit, updatedAt: now.getTime() }).where(eq(pitches.id, pitch.id)).returning().get();
  });
}

function confirmedPeopleOf(db: Db, pitchId: number): Person[] {
  return db
    .select({ person: people })
    .from(pitchFacilitators)
    .innerJoin(people, eq(people.id, pitchFacilitators.personId))
    .where(and(eq(pitchFacilitators.pitchId, pitchId), eq(pitchFacilitators.confirmed, true)))
    .all()
    .map((r) => r.person);
}

/** Takes a pitch off the board. The reason is shown to its facilitators and emailed to them. */
export function hidePitch(db: Db, now: Date, args: { event: CampEvent; pitchId: number; reason: string; baseUrl: string }): number {
  return db.transaction((tx) => {
    const pitch = pitchAt(tx, args.event.id, args.pitchId);
    if (pitch.status !== 'open' && pitch.status !== 'hidden') throw new RuleViolation({ reason: 'Only pitches on the board can be hidden' });
    tx.update(pitches).set({ status: 'hidden', hiddenReason: args.reason, updatedAt: now.getTime() }).where(eq(pitches.id, pitch.id)).run();
    const told = confirmedPeopleOf(tx, pitch.id);
    // Its facilitators hear why below; people who planned to go hear that it is cancelled.
    takeOffGridAndTell(tx, now, { event: args.event, pitchId: pitch.id, tell: pitch.id, except: told.map((p) => p.id), baseUrl: args.baseUrl });
    for (const person of told) {
      queueMail(tx, now, {
        to: person.email,
        ...composeMail('pitch-hidden', `Your pitch “${pitch.title}” has been taken off the board`, {
          eventName: args.event.name,
          title: pitch.title,
          reason: args.reason,
          link: `${args.baseUrl}/events/${args.event.slug}/pitches/${pitch.id}`,
        }),
      });
    }
    return told.length;
  });
}

/** Puts a hidden pitch back on the board. */
export function showPitch(db: Db, now: Date, args: { event: CampEvent; pitchId: number }): void {
  const pitch = pitchAt(db, args.event.id, args.pitchId);
  if (pitch.status !== 'hidden') return;
  db.update(pitches).set({ status: 'open', hiddenReason: null, updatedAt: now.getTime() }).where(eq(pitches.id, pitch.id)).run();
}

/**
 * Folds a duplicate into another pitch: its facilitators and interest join the other pitch
 * (someone who marked both counts once), needs and unavailable slots combine, the larger show
 * of hands stands (the same hands went up for both), and its address redirects there. It
 * leaves the draft and published grids at once, cancelled with a pointer to the other pitch.
 */
export function mergePitch(db: Db, now: Date, args: { event: CampEvent; pitchId: number; intoId: number; baseUrl: string }): Pitch {
  return db.transaction((tx) => {
    const from = pitchAt(tx, args.event.id, args.pitchId);
    const into = tx.select().from(pitches).where(and(eq(pitches.id, args.intoId), eq(pitches.eventId, args.event.id))).get();
    if (!into || into.id === from.id) throw new RuleViolation({ into: 'Choose another pitch of this camp to merge it into' });
    if (from.status === 'merged') throw new RuleViolation({ into: 'This pitch has already been merged' });
    if (into.status === 'merged' || into.status === 'withdrawn') throw new RuleViolation({ into: 'That pitch has been merged or withdrawn; choose one on the board' });
    tx.run(sql`INSERT OR IGNORE INTO pitch_facilitators (pitch_id, person_id, confirmed, created_at)
      SELECT ${into.id}, person_id, confirmed, ${now.getTime()} FROM pitch_facilitators WHERE pitch_id = ${from.id} AND person_id IS NOT NULL`);
    tx.update(pitchFacilitators).set({ pitchId: into.id }).where(and(eq(pitchFacilitators.pitchId, from.id), isNotNull(pitchFacilitators.walkInName))).run();
    tx.delete(pitchFacilitators).where(eq(pitchFacilitators.pitchId, from.id)).run();
    tx.run(sql`INSERT OR IGNORE INTO interest (pitch_id, person_id, created_at) SELECT ${into.id}, person_id, created_at FROM interest WHERE pitch_id = ${from.id}`);
    tx.delete(interest).where(eq(interest.pitchId, from.id)).run();
    const hands = [from.showOfHands, into.showOfHands].filter((n): n is number => n !== null);
    const merged = tx
      .update(pitches)
      .set({
        needs: [...new Set([...into.needs, ...from.needs])],
        doubleLength: into.doubleLength || from.doubleLength,
        needsBiggerRoom: into.needsBiggerRoom || from.needsBiggerRoom,
        unavailableSlotIds: [...new Set([...into.unavailableSlotIds, ...from.unavailableSlotIds])].sort((a, b) => a - b),
        showOfHands: hands.length ? Math.max(...hands) : null,
        pinnedDayId: into.pinnedDayId ?? from.pinnedDayId,
        updatedAt: now.getTime(),
      })
      .where(eq(pitches.id, into.id))
      .returning()
      .get();
    tx.update(pitches).set({ status: 'merged', mergedIntoId: into.id, updatedAt: now.getTime() }).where(eq(pitches.id, from.id)).run();
    // Pitches merged into this one earlier now lead straight to the survivor: one redirect, never a chain.
    tx.update(pitches).set({ mergedIntoId: into.id }).where(and(eq(pitches.mergedIntoId, from.id), eq(pitches.eventId, args.event.id))).run();
    tx.delete(pitchChanges).where(eq(pitchChanges.pitchId, from.id)).run();
    // Everyone of the surviving pitch (now including the merged one's people) hears where it runs.
    takeOffGridAndTell(tx, now, { event: args.event, pitchId: from.id, mergedInto: { pitchId: into.id, title: into.title }, tell: into.id, baseUrl: args.baseUrl });
    return merged;
  });
}

/** Organisers accept a facilitator's waiting change (it is applied now) or turn it down. */
export function decideChange(db: Db, now: Date, args: { event: CampEvent; pitchId: number; approve: boolean; organiser: Person; baseUrl: string }): void {
  db.transaction((tx) => {
    const pitch = pitchAt(tx, args.event.id, args.pitchId);
    const change = tx.select().from(pitchChanges).where(eq(pitchChanges.pitchId, pitch.id)).get();
    if (!change) throw new NotFound();
    if (args.approve) {
      const proposer = change.proposedBy === null ? undefined : tx.select().from(people).where(eq(people.id, change.proposedBy)).get();
      applyPitchDetails(tx, now, { event: args.event, pitch, details: change.proposed, actor: proposer ?? args.organiser, baseUrl: args.baseUrl });
    }
    tx.delete(pitchChanges).where(eq(pitchChanges.id, change.id)).run();
  });
}

/** Pitches another one can be merged into: the live ones of the same event. */
export function mergeTargets(db: Db, eventId: number, exceptId: number) {
  return db
    .select({ id: pitches.id, title: pitches.title })
    .from(pitches)
    .where(and(eq(pitches.eventId, eventId), inArray(pitches.status, ['open', 'hidden'])))
    .orderBy(asc(pitches.id))
    .all()
    .filter((p) => p.id !== exceptId);
}

// UnMentoring: a site-wide scheme pairing people across organisations for a conversation.
import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../db/open.ts';
import { composeMail } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { organisationKey } from '../pairing/organisations.ts';
import { pairRound } from '../pairing/pair.ts';
import { people } from '../people/people.table.ts';
import { RuleViolation } from '../rules.ts';
import { unmentoringMeetings, unmentoringMembers, unmentoringRounds, unmentoringSchedule } from './unmentoring.table.ts';

/** Nobody meets someone again within this many rounds. */
export const roundsBeforeMeetingAgain = 6;

export type Membership = typeof unmentoringMembers.$inferSelect;

export function membershipOf(db: Db, personId: number): Membership | undefined {
  return db.select().from(unmentoringMembers).where(eq(unmentoringMembers.personId, personId)).get();
}

/** Joins the scheme, or changes what they would like to talk about. */
export function joinUnmentoring(db: Db, now: Date, personId: number, details: { organisation: string; topics: string }): void {
  db.insert(unmentoringMembers)
    .values({ personId, ...details, joinedAt: now.getTime() })
    .onConflictDoUpdate({ target: unmentoringMembers.personId, set: details })
    .run();
}

/** Sits out the next round (or takes part again). */
export function skipNextRound(db: Db, personId: number, skip: boolean): void {
  const changed = db.update(unmentoringMembers).set({ skipNextRound: skip }).where(eq(unmentoringMembers.personId, personId)).run().changes;
  if (changed === 0) throw new RuleViolation({ form: 'Join UnMentoring first' });
}

/** Leaves the scheme; their past rounds stay in their partners' history. */
export function leaveUnmentoring(db: Db, personId: number): void {
  db.delete(unmentoringMembers).where(eq(unmentoringMembers.personId, personId)).run();
}

interface Met {
  personId: number;
  name: string;
  email: string;
  organisation: string;
  topics: string;
}

/**
 * Starts a round: everyone active (not sitting this one out) is paired at random, never with
 * someone from their own organisation where that can be avoided, nor with anyone they met in
 * the last six rounds; odd numbers make one trio. Each group is introduced by email.
 */
export function startRound(db: Db, now: Date, args: { startedBy: number | null; baseUrl: string; seed?: number; notify?: boolean }): { roundId: number; groups: number; unpaired: number } {
  return db.transaction((tx) => {
    const active = tx
      .select({ personId: unmentoringMembers.personId, organisation: unmentoringMembers.organisation, topics: unmentoringMembers.topics, name: people.name, email: people.email })
      .from(unmentoringMembers)
      .innerJoin(people, eq(people.id, unmentoringMembers.personId))
      .where(eq(unmentoringMembers.skipNextRound, false))
      .all();
    if (active.length < 2) throw new RuleViolation({ form: 'A round needs at least two people taking part' });
    const recentRounds = tx.select({ id: unmentoringRounds.id }).from(unmentoringRounds).orderBy(desc(unmentoringRounds.id)).limit(roundsBeforeMeetingAgain).all().map((r) => r.id);
    const recentlyMet = meetingsIn(tx, recentRounds);
    const round = tx.insert(unmentoringRounds).values({ startedAt: now.getTime(), startedBy: args.startedBy }).returning().get();
    const { groups, unpaired } = pairRound({
      members: active.map((m) => ({ id: m.personId, organisation: organisationKey(m.organisation) })),
      recentlyMet,
      seed: args.seed ?? round.id * 7919 + now.getTime(),
    });
    const byId = new Map<number, Met>(active.map((m) => [m.personId, m]));
    groups.forEach((group, k) => {
      const members = group.map((id) => byId.get(id)!);
      for (const m of members) tx.insert(unmentoringMeetings).values({ roundId: round.id, groupNumber: k + 1, personId: m.personId, organisation: m.organisation }).run();
      // Quietly (no introductions) only when seeding the demo's past rounds.
      for (const m of args.notify === false ? [] : members) {
        const partners = members.filter((p) => p !== m);
        queueMail(tx, now, {
          to: m.email,
          ...composeMail('unmentoring-introduction', `UnMentoring: meet ${partners.map((p) => p.name || p.email).join(' and ')}`, {
            name: m.name,
            partners: partners.map((p) => ({ name: p.name || p.email, email: p.email, organisation: p.organisation, topics: p.topics })),
            url: `${args.baseUrl}/unmentoring`,
          }),
        });
      }
    });
    tx.update(unmentoringMembers).set({ skipNextRound: false }).run();
    return { roundId: round.id, groups: groups.length, unpaired: unpaired.length };
  });
}

function meetingsIn(db: Db, roundIds: number[]): Array<[number, number]> {
  if (roundIds.length === 0) return [];
  const rows = db.select().from(unmentoringMeetings).where(inArray(unmentoringMeetings.roundId, roundIds)).all();
  const groups = new Map<string, number[]>();
  for (const r of rows) groups.set(`${r.roundId}:${r.groupNumber}`, [...(groups.get(`${r.roundId}:${r.groupNumber}`) ?? []), r.personId]);
  return [...groups.values()].flatMap((g) => g.flatMap((a, i) => g.slice(i + 1).map((b) => [a, b] as [number, number])));
}

/** A person's rounds, newest first, with whom they met. */
export function historyOf(db: Db, personId: number): Array<{ roundId: number; startedAt: number; met: Array<{ name: string; organisation: string }> }> {
  const mine = db
    .select({ roundId: unmentoringMeetings.roundId, groupNumber: unmentoringMeetings.groupNumber, startedAt: unmentoringRounds.startedAt })
    .from(unmentoringMeetings)
    .innerJoin(unmentoringRounds, eq(unmentoringRounds.id, unmentoringMeetings.roundId))
    .where(eq(unmentoringMeetings.personId, personId))
    .orderBy(desc(unmentoringMeetings.roundId))
    .all();
  return mine.map((m) => ({
    roundId: m.roundId,
    startedAt: m.startedAt,
    met: db
      .select({ personId: unmentoringMeetings.personId, name: people.name, organisation: unmentoringMeetings.organisation })
      .from(unmentoringMeetings)
      .innerJoin(people, eq(people.id, unmentoringMeetings.personId))
      .where(and(eq(unmentoringMeetings.roundId, m.roundId), eq(unmentoringMeetings.groupNumber, m.groupNumber)))
      .all()
      .filter((p) => p.personId !== personId)
      .map(({ name, organisation }) => ({ name, organisation })),
  }));
}

/** What administrators see: figures only, never who met whom. */
export function unmentoringFigures(db: Db): { active: number; skipping: number; rounds: Array<{ id: number; startedAt: number; pairs: number; organisations: number }> } {
  const members = db.select({ skip: unmentoringMembers.skipNextRound }).from(unmentoringMembers).all();
  const rounds = db.select().from(unmentoringRounds).orderBy(desc(unmentoringRounds.id)).all();
  const meetings = db.select().from(unmentoringMeetings).all();
  return {
    active: members.filter((m) => !m.skip).length,
    skipping: members.filter((m) => m.skip).length,
    rounds: rounds.map((r) => {
      const mine = meetings.filter((m) => m.roundId === r.id);
      const groups = new Set(mine.map((m) => m.groupNumber));
      const organisations = new Set(mine.map((m) => organisationKey(m.organisation)).filter((o) => o !== ''));
      return { id: r.id, startedAt: r.startedAt, pairs: groups.size, organisations: organisations.size };
    }),
  };
}

/** Rounds are scheduled in UK time: "day 1" is the 1st in London. */
const scheduleZone = 'Europe/London';

/** The day of the month rounds start by themselves, or null for never. */
export function roundSchedule(db: Db): number | null {
  return db.select().from(unmentoringSchedule).where(eq(unmentoringSchedule.id, 1)).get()?.dayOfMonth ?? null;
}

export function setRoundSchedule(db: Db, dayOfMonth: number | null): void {
  db.insert(unmentoringSchedule).values({ id: 1, dayOfMonth }).onConflictDoUpdate({ target: unmentoringSchedule.id, set: { dayOfMonth } }).run();
}

function startedThisMonth(db: Db, now: Date): boolean {
  const monthStart = DateTime.fromJSDate(now, { zone: scheduleZone }).startOf('month').toMillis();
  return db.select({ id: unmentoringRounds.id }).from(unmentoringRounds).where(gte(unmentoringRounds.startedAt, monthStart)).limit(1).get() !== undefined;
}

/**
 * When the next automatic round is due: day N of this month if no round has started this
 * month (which may already have passed, so it starts on the next run), else day N of next month.
 */
export function nextScheduledRound(db: Db, now: Date): Date | null {
  const day = roundSchedule(db);
  if (day === null) return null;
  const month = DateTime.fromJSDate(now, { zone: scheduleZone }).startOf('month');
  return (startedThisMonth(db, now) ? month.plus({ months: 1 }) : month).set({ day }).toJSDate();
}

/** The same as a UK date (YYYY-MM-DD) for the page; today's when it is overdue. */
export function nextScheduledRoundOn(db: Db, now: Date): string | null {
  const due = nextScheduledRound(db, now);
  if (due === null) return null;
  return DateTime.fromJSDate(new Date(Math.max(due.getTime(), now.getTime())), { zone: scheduleZone }).toISODate();
}

/**
 * Timed work: starts the month's round once it is due, the administrators' button and this
 * counting alike, so a second run, a restart or a round started by hand never adds another.
 * Too few people taking part means no round; it is tried again on the next run.
 */
export function startScheduledRound(db: Db, now: Date, baseUrl: string): { roundId: number } | null {
  return db.transaction((tx) => {
    const due = nextScheduledRound(tx, now);
    if (due === null || due.getTime() > now.getTime()) return null;
    try {
      return { roundId: startRound(tx, now, { startedBy: null, baseUrl }).roundId };
    } catch (error) {
      if (error instanceof RuleViolation) return null;
      throw error;
    }
  });
}

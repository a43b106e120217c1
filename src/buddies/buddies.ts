// First-timer buddies: who asked, who offered, who is paired with whom, and the introductions.
import { and, eq, inArray, min, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import { days, events } from '../events/events.table.ts';
import type { CampEvent } from '../events/events.ts';
import { dateAndTime } from '../events/local-time.ts';
import { composeMail } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { alias } from 'drizzle-orm/sqlite-core';
import { organisationKey as matchingKey } from '../organisations/matching.ts';
import { organisationNames, organisations } from '../organisations/organisations.table.ts';
import { organisationKey } from '../pairing/organisations.ts';
import { pairBuddies } from '../pairing/pair.ts';
import { people } from '../people/people.table.ts';
import { RuleViolation } from '../rules.ts';
import type { Links } from '../tickets/manage-links.ts';
import { registrations, ticketTypes } from '../tickets/tickets.table.ts';
import { buddyChoices, buddyPairs, type BuddyRole } from './buddies.table.ts';

const dayMs = 86_400_000;
/** First-timers one buddy looks after at most. */
export const firstTimersPerBuddy = 2;

// Most registrations neither ask for a buddy nor offer to be one: this runs for each of them.
const clearChoice = preparedQuery((db) =>
  db
    .delete(buddyChoices)
    .where(and(eq(buddyChoices.eventId, sql.placeholder('eventId')), eq(buddyChoices.personId, sql.placeholder('personId'))))
    .prepare(),
);

/** Records (or clears) what a person chose at registration, in the caller's transaction. */
export function recordBuddyChoice(tx: Db, now: Date, args: { eventId: number; personId: number; role: BuddyRole | null; shareEmail: boolean }): void {
  if (args.role === null) {
    clearChoice(tx).run({ eventId: args.eventId, personId: args.personId });
    return;
  }
  const values = { role: args.role, shareEmail: args.shareEmail };
  tx.insert(buddyChoices)
    .values({ eventId: args.eventId, personId: args.personId, createdAt: now.getTime(), ...values })
    .onConflictDoUpdate({ target: [buddyChoices.eventId, buddyChoices.personId], set: values })
    .run();
}

export interface BuddyPerson {
  personId: number;
  name: string;
  organisation: string;
  email: string;
  shareEmail: boolean;
}

/** Everyone at a camp who asked for or offered a buddy and still has a place there. */
function choicesWithPlaces(db: Db, eventId: number, role: BuddyRole): BuddyPerson[] {
  return db
    .select({ personId: buddyChoices.personId, name: sql<string>`min(${registrations.name})`, organisation: sql<string>`min(${registrations.organisation})`, email: people.email, shareEmail: buddyChoices.shareEmail })
    .from(buddyChoices)
    .innerJoin(people, eq(people.id, buddyChoices.personId))
    .innerJoin(registrations, eq(registrations.personId, buddyChoices.personId))
    .innerJoin(ticketTypes, and(eq(ticketTypes.id, registrations.ticketTypeId), eq(ticketTypes.eventId, eventId)))
    .where(and(eq(buddyChoices.eventId, eventId), eq(buddyChoices.role, role), eq(registrations.status, 'confirmed')))
    .groupBy(buddyChoices.personId)
    .orderBy(buddyChoices.personId)
    .all();
}

export interface BuddyOverview {
  pairs: Array<{ firstTimer: BuddyPerson; buddy: BuddyPerson }>;
  waiting: BuddyPerson[];
  buddies: Array<BuddyPerson & { load: number }>;
}

/** Who is paired with whom at a camp, who is still waiting, and each buddy's load. */
export function buddyOverview(db: Db, eventId: number): BuddyOverview {
  const firstTimers = new Map(choicesWithPlaces(db, eventId, 'wants').map((p) => [p.personId, p]));
  const offers = new Map(choicesWithPlaces(db, eventId, 'offers').map((p) => [p.personId, { ...p, load: 0 }]));
  const pairs: BuddyOverview['pairs'] = [];
  for (const pair of db.select().from(buddyPairs).where(eq(buddyPairs.eventId, eventId)).orderBy(buddyPairs.id).all()) {
    const firstTimer = firstTimers.get(pair.firstTimerId);
    const buddy = offers.get(pair.buddyId);
    if (!firstTimer || !buddy) continue;
    buddy.load++;
    pairs.push({ firstTimer, buddy });
  }
  const paired = new Set(pairs.map((p) => p.firstTimer.personId));
  return { pairs, waiting: [...firstTimers.values()].filter((f) => !paired.has(f.personId)), buddies: [...offers.values()] };
}

function firstDayStart(db: Db, eventId: number): number | null {
  return db.select({ start: min(days.startsAt) }).from(days).where(eq(days.eventId, eventId)).get()?.start ?? null;
}

function introduce(tx: Db, now: Date, links: Links, event: CampEvent, firstTimer: BuddyPerson, buddy: BuddyPerson): void {
  tx.insert(buddyPairs).values({ eventId: event.id, firstTimerId: firstTimer.personId, buddyId: buddy.personId, createdAt: now.getTime() }).run();
  const start = firstDayStart(tx, event.id);
  const bothAgreed = firstTimer.shareEmail && buddy.shareEmail;
  const common = {
    eventName: event.name,
    eventUrl: `${links.baseUrl}/events/${event.slug}`,
    venue: event.venueName,
    start: start === null ? null : dateAndTime(start, event.timeZone, false),
  };
  const send = (to: BuddyPerson, partner: BuddyPerson, asBuddy: boolean) =>
    queueMail(tx, now, {
      to: to.email,
      ...composeMail('buddy-introduction', `Your ${asBuddy ? 'first-timer' : 'buddy'} at ${event.name}`, {
        ...common,
        asBuddy,
        name: to.name,
        partnerName: partner.name,
        partnerOrganisation: partner.organisation,
        partnerEmail: bothAgreed ? partner.email : null,
      }),
    });
  send(firstTimer, buddy, false);
  send(buddy, firstTimer, true);
}

/** Pairs that lost a side (a released place, a deleted person): the first-timer is paired again. */
function dropBrokenPairs(tx: Db, eventId: number, overview: BuddyOverview): void {
  const whole = new Set(overview.pairs.map((p) => p.firstTimer.personId));
  const all = tx.select({ id: buddyPairs.id, firstTimerId: buddyPairs.firstTimerId }).from(buddyPairs).where(eq(buddyPairs.eventId, eventId)).all();
  const broken = all.filter((p) => !whole.has(p.firstTimerId)).map((p) => p.id);
  if (broken.length > 0) tx.delete(buddyPairs).where(inArray(buddyPairs.id, broken)).run();
}

const principal = alias(organisations, 'principal');

/**
 * The nation or region of the council each typed organisation is known to be (a town or parish
 * council: its principal council's), by the typed text; absent where nobody has said which it is.
 */
function regionsOf(db: Db, typed: string[]): Map<string, string> {
  const keys = new Map(typed.map((t) => [matchingKey(t), t]));
  if (!keys.size) return new Map();
  const rows = db
    .select({ key: organisationNames.key, region: organisations.region, nation: organisations.nation, principalRegion: principal.region, principalNation: principal.nation })
    .from(organisationNames)
    .innerJoin(organisations, eq(organisations.id, organisationNames.organisationId))
    .leftJoin(principal, eq(principal.id, organisations.parentId))
    .where(inArray(organisationNames.key, [...keys.keys()]))
    .all();
  const regions = new Map<string, string>();
  for (const r of rows) {
    // England's councils have a region; Scotland's, Wales's and Northern Ireland's, the nation.
    const region = r.region || r.nation || r.principalRegion || r.principalNation;
    if (region) regions.set(keys.get(r.key)!, region);
  }
  return regions;
}

/**
 * From the camp's set number of days before its first day until it starts, gives every
 * first-timer who asked and has no buddy one from another organisation (from the same nation or
 * region where the councils are known and such a buddy is free), and introduces them.
 * Run again and again, it pairs only those still waiting: later registrations, and anyone whose
 * buddy released their place.
 */
export function pairDueBuddies(db: Db, now: Date, links: Links): number {
  let made = 0;
  const t = now.getTime();
  const camps = db
    .select({ event: events, start: min(days.startsAt).as('start') })
    .from(events)
    .innerJoin(days, eq(days.eventId, events.id))
    .where(eq(events.status, 'published'))
    .groupBy(events.id)
    .having(sql`min(${days.startsAt}) - ${events.buddiesPairedDaysBefore} * ${dayMs} <= ${t} and min(${days.startsAt}) > ${t}`)
    .all();
  for (const { event } of camps) {
    made += db.transaction((tx) => {
      dropBrokenPairs(tx, event.id, buddyOverview(tx, event.id));
      const { waiting, buddies } = buddyOverview(tx, event.id);
      if (waiting.length === 0 || buddies.length === 0) return 0;
      const regions = regionsOf(tx, [...waiting, ...buddies].map((p) => p.organisation));
      const regionOf = (p: BuddyPerson) => regions.get(p.organisation) ?? null;
      const { pairs } = pairBuddies({
        firstTimers: waiting.map((f) => ({ id: f.personId, organisation: organisationKey(f.organisation), region: regionOf(f) })),
        buddies: buddies.map((b) => ({ id: b.personId, organisation: organisationKey(b.organisation), region: regionOf(b), load: b.load })),
        perBuddy: firstTimersPerBuddy,
        seed: event.id,
      });
      for (const pair of pairs) introduce(tx, now, links, event, waiting.find((f) => f.personId === pair.firstTimer)!, buddies.find((b) => b.personId === pair.buddy)!);
      return pairs.length;
    });
  }
  return made;
}

/** An organiser gives a first-timer another buddy (or their first); both are introduced. */
export function chooseBuddy(db: Db, now: Date, links: Links, event: CampEvent, firstTimerId: number, buddyId: number): void {
  db.transaction((tx) => {
    const overview = buddyOverview(tx, event.id);
    const firstTimer = [...overview.waiting, ...overview.pairs.map((p) => p.firstTimer)].find((f) => f.personId === firstTimerId);
    const buddy = overview.buddies.find((b) => b.personId === buddyId);
    if (!firstTimer) throw new RuleViolation({ firstTimer: 'Choose a first-timer who asked for a buddy' });
    if (!buddy) throw new RuleViolation({ buddy: 'Choose someone who offered to be a buddy' });
    const current = overview.pairs.find((p) => p.firstTimer.personId === firstTimerId);
    if (current?.buddy.personId === buddyId) return;
    if (buddy.load >= firstTimersPerBuddy) throw new RuleViolation({ buddy: `${buddy.name} already looks after ${firstTimersPerBuddy} first-timers` });
    tx.delete(buddyPairs).where(and(eq(buddyPairs.eventId, event.id), eq(buddyPairs.firstTimerId, firstTimerId))).run();
    introduce(tx, now, links, event, firstTimer, buddy);
  });
}

/** Sets how many days before its first day a camp's first-timers are given their buddies. */
export function setBuddyTiming(db: Db, now: Date, eventId: number, daysBefore: number): void {
  db.update(events).set({ buddiesPairedDaysBefore: daysBefore, updatedAt: now.getTime() }).where(eq(events.id, eventId)).run();
}

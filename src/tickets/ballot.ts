import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { organisationDomainOf } from '../people/mailbox.ts';
import { plainText } from '../organisations/matching.ts';
import { people } from '../people/people.table.ts';
import type { Links } from './manage-links.ts';
import { eligibilityOf, placeCount, poolFor, take } from './places.ts';
import type { TicketType } from './registrations.ts';
import { campIsOver, releasedPlaces, wavesOf } from './ticket-types.ts';
import { registrations, ticketTypes, type PlacePool } from './tickets.table.ts';
import { tell, waitingPosition } from './waiting-list.ts';

export interface BallotEntry {
  id: number;
  organisation: string;
  /** The entrant's address: its domain says where they work, whatever they typed. */
  email?: string;
  firstCamp: boolean;
  role: string;
}

export interface BallotResult {
  /** Entry ids in draw order. */
  order: number[];
  winners: Array<{ id: number; pool: PlacePool }>;
  /** Everyone else, in draw order: the waiting list. */
  waiting: number[];
}

/** A generator of numbers in [0, 1) that anyone can reproduce from the seed (SHA-256 in counter mode). */
export function seededRandom(seed: string): () => number {
  let counter = 0;
  let buffer = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 6 > buffer.length) {
      buffer = createHash('sha256').update(`${seed}:${counter++}`).digest();
      offset = 0;
    }
    const value = buffer.readUIntBE(offset, 6) / 2 ** 48;
    offset += 6;
    return value;
  };
}

/** Words that make one organisation's name look like another's. */
const fillerWords = new Set(['the', 'ltd', 'limited', 'plc', 'llp', 'inc', 'co', 'cic', 'and']);

/**
 * An organisation's name as a key for the cap, so typing it differently does not make another
 * organisation: case, accents, punctuation, spacing, "&" and words like "The" and "Ltd" are ignored.
 */
export function organisationKey(name: string): string {
  return plainText(name)
    .split(' ')
    .filter((word) => word !== '' && !fillerWords.has(word))
    .join(' ');
}

/** What an entry counts against for the cap: its organisation as typed, and its address's domain. */
const capKeys = (entry: BallotEntry): string[] => {
  const domain = entry.email ? organisationDomainOf(entry.email) : null;
  return [organisationKey(entry.organisation), domain ? `@${domain}` : ''].filter((key) => key !== '');
};

/**
 * Draws a ballot. Entries are shuffled (Fisher–Yates, from the seed) after sorting by id, so the
 * same entries and seed always give the same draw. Places go in draw order: reserved shares to
 * eligible entrants while they last, then to anyone; no organisation gets more than its cap.
 */
export function drawBallot(
  entries: BallotEntry[],
  seed: string,
  rules: { type: TicketType; released: number; now: Date },
): BallotResult {
  const order = [...entries].sort((a, b) => a.id - b.id);
  const random = seededRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const places = placeCount(rules.type, rules.released, { general: 0, 'first-timers': 0, councillors: 0 }, rules.now);
  const cap = rules.type.perOrganisationCap;
  const perOrganisation = new Map<string, number>();
  const winners: BallotResult['winners'] = [];
  const won = new Set<number>();
  const capped = (entry: BallotEntry): boolean => cap !== null && capKeys(entry).some((key) => (perOrganisation.get(key) ?? 0) >= cap);
  const award = (entry: BallotEntry, pool: PlacePool): void => {
    take(places, pool);
    winners.push({ id: entry.id, pool });
    won.add(entry.id);
    for (const key of capKeys(entry)) perOrganisation.set(key, (perOrganisation.get(key) ?? 0) + 1);
  };
  // Reserved shares first, so eligible entrants late in the draw still get the places held for them.
  if (places.reservedActive) {
    for (const entry of order) {
      if (places.totalHeld >= places.released || capped(entry)) continue;
      const who = eligibilityOf(entry);
      const pool: PlacePool | null =
        who.firstTimer && places.reservedLeft['first-timers'] > 0 ? 'first-timers' : who.councillor && places.reservedLeft.councillors > 0 ? 'councillors' : null;
      if (pool) award(entry, pool);
    }
  }
  for (const entry of order) {
    if (won.has(entry.id) || capped(entry)) continue;
    const pool = poolFor(places, eligibilityOf(entry));
    if (pool) award(entry, pool);
  }
  return { order: order.map((e) => e.id), winners, waiting: order.filter((e) => !won.has(e.id)).map((e) => e.id) };
}

/**
 * Runs the draw of every ballot whose time has come: records a fresh random seed and the
 * summary, confirms the winners, turns everyone else into the waiting list in draw order, and
 * emails each entrant their result.
 */
export function runDueDraws(db: Db, now: Date, links: Links, seedFor: () => string = () => randomBytes(16).toString('hex')): number {
  const due = db
    .select()
    .from(ticketTypes)
    .where(and(eq(ticketTypes.allocation, 'ballot'), isNull(ticketTypes.drawnAt), lte(ticketTypes.drawAt, now.getTime())))
    .all()
    .filter((type) => !campIsOver(db, type, now));
  for (const type of due) {
    db.transaction((tx) => {
      const entries = tx
        .select({ id: registrations.id, organisation: registrations.organisation, firstCamp: registrations.firstCamp, role: registrations.role, email: people.email })
        .from(registrations)
        .innerJoin(people, eq(people.id, registrations.personId))
        .where(and(eq(registrations.ticketTypeId, type.id), eq(registrations.status, 'entered')))
        .orderBy(asc(registrations.id))
        .all();
      const seed = seedFor();
      const released = releasedPlaces(type, wavesOf(tx, type.id), now);
      const result = drawBallot(entries, seed, { type, released, now });
      const position = new Map(result.order.map((id, i) => [id, i + 1]));
      for (const w of result.winners) {
        tx.update(registrations).set({ status: 'confirmed', pool: w.pool, queueOrder: position.get(w.id)!, updatedAt: now.getTime() }).where(eq(registrations.id, w.id)).run();
      }
      for (const id of result.waiting) {
        tx.update(registrations).set({ status: 'waiting', queueOrder: position.get(id)!, updatedAt: now.getTime() }).where(eq(registrations.id, id)).run();
      }
      const summary = {
        entries: entries.length,
        places: released,
        confirmed: result.winners.length,
        firstTimers: result.winners.filter((w) => w.pool === 'first-timers').length,
        councillors: result.winners.filter((w) => w.pool === 'councillors').length,
        waiting: result.waiting.length,
      };
      tx.update(ticketTypes).set({ drawSeed: seed, drawnAt: now.getTime(), drawSummary: summary }).where(eq(ticketTypes.id, type.id)).run();
      for (const w of result.winners) tell(tx, now, links, w.id, { kind: 'ballot-won' });
      for (const id of result.waiting) {
        const registration = tx.select().from(registrations).where(eq(registrations.id, id)).get()!;
        tell(tx, now, links, id, { kind: 'ballot-waiting', position: waitingPosition(tx, registration) });
      }
    });
  }
  return due.length;
}

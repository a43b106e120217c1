import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import { groupCommit } from '../../src/db/group-commit.ts';
import type { Db } from '../../src/db/open.ts';
import type { CampEvent } from '../../src/events/events.ts';
import { RuleViolation } from '../../src/rules.ts';
import { registerForTickets } from '../../src/tickets/register.ts';
import type { TicketType } from '../../src/tickets/registrations.ts';
import { freshDatabase } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { attendee, links, publishedCamp, ticketType } from '../helpers/tickets.ts';

// Registrations that arrive together are written in one transaction (src/db/group-commit.ts),
// each checked and answered on its own, none answered before it is committed.
describe('registrations that arrive together', () => {
  let fresh: ReturnType<typeof freshDatabase>;
  let clock: FixedClock;
  let event: CampEvent;
  let type: TicketType;
  beforeEach(() => {
    fresh = freshDatabase();
    clock = new FixedClock(new Date('2027-03-01T10:00:00Z'));
    event = publishedCamp(fresh.db, clock.now()).event;
    type = ticketType(fresh.db, clock.now(), event, { capacity: 2 });
  });
  afterEach(() => fresh.db.$client.close());

  const registration = (email: string, types = [type]) => (tx: Db) =>
    registerForTickets(tx, clock.now(), links, { event, types, details: attendee({ email, name: email }) });

  /** What another process reading the file sees: only what has been committed. */
  const committedEmails = (): string[] => {
    const reader = new SQLite(fresh.path, { readonly: true });
    try {
      return (reader.prepare('SELECT p.email FROM registrations r JOIN people p ON p.id = r.person_id ORDER BY r.id').all() as Array<{ email: string }>).map((r) => r.email);
    } finally {
      reader.close();
    }
  };

  it('keeps every good registration of a batch when one in it fails, and each gets its own answer', async () => {
    const together = groupCommit(fresh.db);
    const closed = ticketType(fresh.db, clock.now(), event, { name: 'Closed day', closesAt: Date.parse('2027-02-01T12:00:00Z') });
    // One that fails after it has written (its own savepoint is rolled back, nothing else).
    const writesThenFails = (tx: Db) => {
      registration('half@example.org')(tx);
      throw new Error('the disk said no');
    };
    const answers = await Promise.allSettled([
      together(registration('ada@example.org')),
      together(registration('late@example.org', [closed])),
      together(writesThenFails),
      together(registration('bo@example.org')),
      together(registration('cy@example.org')),
    ]);

    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
    expect((answers[1] as PromiseRejectedResult).reason).toBeInstanceOf(RuleViolation);
    const kinds = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value[0]!.outcome.kind] : []));
    // Places go in the order the batch arrived, checked one by one as if each were alone.
    expect(kinds).toEqual(['confirmed', 'confirmed', 'waiting']);
    expect(committedEmails()).toEqual(['ada@example.org', 'bo@example.org', 'cy@example.org']);
    expect(outboxMessages(fresh.db).map((m) => m.toAddress)).toEqual(['ada@example.org', 'bo@example.org', 'cy@example.org']);
  });

  it('answers no registration before it is committed, so an answer survives a crash', async () => {
    const together = groupCommit(fresh.db);
    const seenWhenAnswered: string[][] = [];
    await Promise.all(
      ['ada@example.org', 'bo@example.org', 'cy@example.org'].map((email) => together(registration(email)).then(() => seenWhenAnswered.push(committedEmails()))),
    );
    // Read by another connection at the moment each answer came: every one was already on disk.
    for (const seen of seenWhenAnswered) expect(seen).toEqual(['ada@example.org', 'bo@example.org', 'cy@example.org']);
  });

  it('commits together registrations that arrive in different turns of the event loop, a few milliseconds apart', async () => {
    // A busy server reads one registration per turn: a batch that closed with the turn held one.
    const together = groupCommit(fresh.db);
    let turn = 0;
    const ranInTurn: number[] = [];
    const first = together(() => ranInTurn.push(turn));
    await new Promise((resolve) => setImmediate(resolve));
    turn++;
    const second = together(() => ranInTurn.push(turn));
    await Promise.all([first, second]);
    // Both ran in the one drain after the second arrived.
    expect(ranInTurn).toEqual([1, 1]);
  });

  it('never gives more places than there are, however many arrive in one batch', async () => {
    const together = groupCommit(fresh.db, 500);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => together(registration(`person${i}@example.org`))));
    const kinds = answers.map((a) => a[0]!.outcome.kind);
    expect(kinds.filter((k) => k === 'confirmed')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'waiting')).toHaveLength(38);
    expect(outboxMessages(fresh.db)).toHaveLength(40);
  });
});

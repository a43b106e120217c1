import { rmSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/open.ts';
import { preparedQuery } from '../../src/db/prepared.ts';
import { people } from '../../src/people/people.table.ts';
import { findOrCreatePerson, findPersonByEmail } from '../../src/people/people.ts';
import { queueMail } from '../../src/mail/outbox.ts';
import { outbox } from '../../src/mail/mail.table.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';

describe('preparedQuery', () => {
  const opened: Array<{ db: Database; dir: string }> = [];
  const open = () => {
    const fresh = freshDatabase();
    opened.push(fresh);
    return fresh.db;
  };
  afterEach(() => {
    for (const { db, dir } of opened.splice(0)) {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds a query once per connection, and the same one serves its transactions', () => {
    let builds = 0;
    const byEmail = preparedQuery((db) => {
      builds++;
      return db
        .select()
        .from(people)
        .where(eq(people.email, sql.placeholder('email')))
        .prepare();
    });
    const db = open();
    findOrCreatePerson(db, testNow, 'ada@example.org', 'Ada');
    expect(byEmail(db).get({ email: 'ada@example.org' })?.name).toBe('Ada');
    db.transaction((tx) => {
      findOrCreatePerson(tx, testNow, 'grace@example.org', 'Grace');
      // Inside the transaction, it sees the transaction's own writes.
      expect(byEmail(tx).get({ email: 'grace@example.org' })?.name).toBe('Grace');
      tx.transaction((inner) => expect(byEmail(inner).get({ email: 'ada@example.org' })?.name).toBe('Ada'));
    });
    expect(builds).toBe(1);

    // Another database gets its own query, reading its own rows.
    const other = open();
    expect(byEmail(other).get({ email: 'ada@example.org' })).toBeUndefined();
    expect(builds).toBe(2);
  });

  it('leaves a rolled-back transaction’s writes out, as an ordinary query would', () => {
    const db = open();
    expect(() =>
      db.transaction((tx) => {
        findOrCreatePerson(tx, testNow, 'ada@example.org', 'Ada');
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(findPersonByEmail(db, 'ada@example.org')).toBeUndefined();
  });

  it('stores a missing calendar part as NULL and a present one as JSON', () => {
    const db = open();
    const plain = queueMail(db, testNow, { to: 'ada@example.org', subject: 'Hello', text: 'Hi\n', html: '<p>Hi</p>' });
    const invitation = queueMail(db, testNow, { to: 'ada@example.org', subject: 'Invite', text: 'Hi\n', html: '<p>Hi</p>', calendar: { method: 'REQUEST', content: 'BEGIN:VCALENDAR' } });
    expect(plain.calendar).toBeNull();
    expect(invitation.calendar).toEqual({ method: 'REQUEST', content: 'BEGIN:VCALENDAR' });
    const stored = db.$client.prepare('SELECT id, typeof(calendar) AS type, calendar FROM outbox ORDER BY id').all();
    expect(stored).toEqual([
      { id: plain.id, type: 'null', calendar: null },
      { id: invitation.id, type: 'text', calendar: JSON.stringify({ method: 'REQUEST', content: 'BEGIN:VCALENDAR' }) },
    ]);
    expect(db.select().from(outbox).where(eq(outbox.id, plain.id)).get()).toEqual(plain);
  });
});

import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { preparedQuery } from '../db/prepared.ts';
import { mailboxOf } from './mailbox.ts';
import { people } from './people.table.ts';

export type Person = typeof people.$inferSelect;

declare module '../web/context.ts' {
  // The person the session cookie names is a whole Person to every area's routes.
  interface SignedInPerson extends Person {}
}

/** Email addresses are compared case-insensitively: one person per mailbox. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const personByEmail = preparedQuery((db) =>
  db
    .select()
    .from(people)
    .where(eq(people.email, sql.placeholder('email')))
    .prepare(),
);

export function findPersonByEmail(db: Db, email: string): Person | undefined {
  return personByEmail(db).get({ email: normaliseEmail(email) });
}

export function findPerson(db: Db, id: number): Person | undefined {
  return db.select().from(people).where(eq(people.id, id)).get();
}

const insertPerson = preparedQuery((db) =>
  db
    .insert(people)
    .values({ email: sql.placeholder('email'), mailbox: sql.placeholder('mailbox'), name: sql.placeholder('name'), createdAt: sql.placeholder('createdAt') })
    .returning()
    .prepare(),
);

/** Finds the person with this address, creating them if this is their first visit. */
export function findOrCreatePerson(db: Db, now: Date, email: string, name = ''): Person {
  const existing = findPersonByEmail(db, email);
  if (existing) return existing;
  return insertPerson(db).get({ email: normaliseEmail(email), mailbox: mailboxOf(email), name: name.trim(), createdAt: now.getTime() })!;
}

export function updatePersonName(db: Db, id: number, name: string): void {
  db.update(people).set({ name: name.trim() }).where(eq(people.id, id)).run();
}

export function countAdministrators(db: Db): number {
  return db.select({ n: count() }).from(people).where(eq(people.isAdministrator, true)).get()?.n ?? 0;
}

/** How a person is shown to others: their name, or the part of the address before the @. */
export function displayName(person: Pick<Person, 'name' | 'email'>): string {
  return person.name || person.email.split('@')[0] || person.email;
}

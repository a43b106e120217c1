import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { projectRoot } from '../paths.ts';
import { prepareOrganisations } from '../organisations/register.ts';

/** What domain functions take: the database or a transaction inside it. */
export type Db = BaseSQLiteDatabase<'sync', SQLite.RunResult>;

/** The open database itself, which also owns the connection. */
export type Database = BetterSQLite3Database & { $client: SQLite.Database };

export const migrationsFolder = join(projectRoot, 'migrations');

/** Opens (creating if needed) the database, sets the pragmas once, and applies every migration. */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable for committed transactions under WAL except on power loss of the OS.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Savepoints (a registration inside a batch of them, docs in db/group-commit.ts) journal the
  // pages they change; on the default temporary file that was a write syscall per page, and
  // about an eighth of a registration's CPU. In memory, the journal lasts only as long as its
  // transaction and is as durable as it needs to be: a crash rolls the transaction back anyway.
  sqlite.pragma('temp_store = MEMORY');
  cacheStatements(sqlite);
  // No schema for drizzle: it is only for its relational queries (db.query.…), which Campgrid
  // does not use, and with one every transaction and savepoint built a query builder per table
  // (in a profile, 45 µs of the 650 a registration then cost). Queries name their tables.
  const db = drizzle(sqlite) as Database;
  migrate(db, { migrationsFolder });
  prepareOrganisations(db, new Date());
  return db;
}

/**
 * drizzle asks the driver to prepare every query afresh, so SQLite parses and plans the same SQL
 * on every request; under a registration rush that was the largest single cost. The driver's
 * `prepare` is wrapped to keep the most recent statements, keyed by their SQL text (values are
 * bound separately, so one query shape is one statement). A cached statement is handed out in
 * its default (non-raw) mode, as a fresh one would be. Nothing in Campgrid iterates a
 * statement, which would keep it busy.
 */
export function cacheStatements(sqlite: SQLite.Database, size = 500): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
      if (statement.reader) statement.raw(false);
    } else {
      statement = prepare(source);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

const trivialQueries = new WeakMap<SQLite.Database, SQLite.Statement>();

/**
 * Throws unless the database answers a trivial query (the health check). Its statement is kept
 * per connection: the health check is the app's cheapest request, polled all day, and looking
 * the statement up in the cache cost as much as running it. A closed connection still throws.
 */
export function checkDatabaseAnswers(db: Database): void {
  let statement = trivialQueries.get(db.$client);
  // Plucked: the value alone, no row object made for an answer nobody reads (390 → 93 ns).
  if (!statement) trivialQueries.set(db.$client, (statement = db.$client.prepare('SELECT 1').pluck()));
  statement.get();
}

export function closeDatabase(db: Database): void {
  if (db.$client.open) db.$client.close();
}

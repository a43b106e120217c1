import type SQLite from 'better-sqlite3';
import type { Database } from '../../src/db/open.ts';

const executions = ['run', 'get', 'all', 'iterate'] as const;
/** What better-sqlite3 itself runs around `db.transaction` (lib/methods/transaction.js). */
const transactionControl = new Set(['BEGIN', 'BEGIN DEFERRED', 'BEGIN IMMEDIATE', 'BEGIN EXCLUSIVE', 'COMMIT', 'ROLLBACK', 'SAVEPOINT `\t_bs3.\t`', 'RELEASE `\t_bs3.\t`', 'ROLLBACK TO `\t_bs3.\t`']);

/**
 * Watches every statement this connection executes, by wrapping the statement methods that run
 * SQL (run, get, all, iterate), until the returned function is called. Counting executions
 * rather than `prepare` calls also counts queries that are prepared once and run many times
 * (src/db/prepared.ts). better-sqlite3's own BEGIN and COMMIT around a transaction are not
 * counted: they are not queries anyone wrote.
 */
function watchStatements(db: Database, sql: string[]): () => void {
  const client = db.$client;
  const statement = Object.getPrototypeOf(client.prepare('select 1')) as Record<(typeof executions)[number], (...args: unknown[]) => unknown>;
  const originals = executions.map((name) => [name, statement[name]] as const);
  for (const [name, original] of originals) {
    statement[name] = function (this: SQLite.Statement, ...args: unknown[]) {
      if (this.database === client && !transactionControl.has(this.source)) sql.push(this.source);
      return original.apply(this, args);
    };
  }
  return () => {
    for (const [name, original] of originals) statement[name] = original;
  };
}

/** Counts the SQL statements run while `fn` runs. For query-count guards on list pages. */
export function countQueries<T>(db: Database, fn: () => T): { result: T; queries: number; sql: string[] } {
  const sql: string[] = [];
  const stop = watchStatements(db, sql);
  try {
    const result = fn();
    return { result, queries: sql.length, sql };
  } finally {
    stop();
  }
}

/** The same for an async piece of work, such as a request to the app. */
export async function countQueriesAsync<T>(db: Database, fn: () => Promise<T>): Promise<{ result: T; queries: number; sql: string[] }> {
  const sql: string[] = [];
  const stop = watchStatements(db, sql);
  try {
    const result = await fn();
    return { result, queries: sql.length, sql };
  } finally {
    stop();
  }
}

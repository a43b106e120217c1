import type { Database } from '../../src/db/open.ts';

/**
 * Counts the SQL statements run while `fn` runs, by watching the connection prepare them
 * (drizzle prepares every statement it runs). For query-count guards on list pages.
 */
export function countQueries<T>(db: Database, fn: () => T): { result: T; queries: number; sql: string[] } {
  const client = db.$client;
  const prepare = client.prepare.bind(client);
  const sql: string[] = [];
  client.prepare = ((source: string) => {
    sql.push(source);
    return prepare(source);
  }) as typeof client.prepare;
  try {
    return { result: fn(), queries: sql.length, sql };
  } finally {
    client.prepare = prepare;
  }
}

/** The same for an async piece of work, such as a request to the app. */
export async function countQueriesAsync<T>(db: Database, fn: () => Promise<T>): Promise<{ result: T; queries: number; sql: string[] }> {
  const client = db.$client;
  const prepare = client.prepare.bind(client);
  const sql: string[] = [];
  client.prepare = ((source: string) => {
    sql.push(source);
    return prepare(source);
  }) as typeof client.prepare;
  try {
    return { result: await fn(), queries: sql.length, sql };
  } finally {
    client.prepare = prepare;
  }
}

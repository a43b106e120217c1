import type { Db } from './open.ts';

/**
 * drizzle builds a query's SQL afresh on every call, walking the schema's tables and columns
 * (for a select of a whole table, every column, every time); under a registration rush that
 * building cost more than SQLite running the queries. A query defined with `preparedQuery` is
 * built once per database connection, with `sql.placeholder(...)` where the values go, and
 * then only executed: the same SQL, the same values bound, the same rows mapped back.
 *
 *     const byEmail = preparedQuery((db) =>
 *       db.select().from(people).where(eq(people.email, sql.placeholder('email'))).prepare());
 *     byEmail(db).get({ email });
 *
 * It works in or out of a transaction: a transaction runs on the same connection (drizzle's
 * transaction objects share their database's session), so the query is built once for both.
 * Only the values may vary: a query whose shape depends on its arguments (an `inArray` of a
 * list, an optional condition) stays an ordinary query. Beware that drizzle encodes a
 * placeholder's value with its column's mapping even when it is null (a JSON column would
 * store the text `null`), so nullable JSON values are better left out of prepared queries.
 */
export function preparedQuery<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<object, Q>();
  return (db) => {
    const connection = connectionOf(db);
    let query = built.get(connection);
    if (query === undefined) {
      query = build(db);
      built.set(connection, query);
    }
    return query;
  };
}

/** The drizzle session a database and its transactions share (one per connection). */
function connectionOf(db: Db): object {
  const session = (db as unknown as { session?: object }).session;
  if (!session) throw new Error('preparedQuery needs a drizzle database or transaction');
  return session;
}

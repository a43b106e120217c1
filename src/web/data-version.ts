import type SQLite from 'better-sqlite3';

/**
 * A number that changes whenever anything in the database may have changed, for keys of
 * rendered pages: every write through this connection (SQLite's total_changes(), which the
 * domain code moves without knowing about caches, so a new kind of write invalidates too), and,
 * checked at most once a second since it costs a read lock, any commit by another process
 * (PRAGMA data_version: `npm run admin`, a restore). Writes that change nothing public make
 * pages render again once; they never leave a page showing old data.
 */
export function dataVersionOf(sqlite: SQLite.Database): () => string {
  const changes = sqlite.prepare('SELECT total_changes()').pluck();
  const elsewhere = sqlite.prepare('PRAGMA data_version').pluck();
  let outside = elsewhere.get() as number;
  let checkedAt = performance.now();
  return () => {
    const now = performance.now();
    if (now - checkedAt >= 1000) {
      outside = elsewhere.get() as number;
      checkedAt = now;
    }
    return `${outside}.${changes.get() as number}`;
  };
}

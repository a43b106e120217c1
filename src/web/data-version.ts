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

/**
 * What `read` answered for each key, kept until the data version moves. Reads repeated between
 * two writes (every registration in a rush reads the same event and ticket type) are made
 * once; after any write they are made afresh, as the next request would have made them. The
 * answers are shared, so callers must not change them.
 */
export function readOncePerVersion<K, V>(version: () => string, read: (key: K) => V, size = 100): (key: K) => V {
  let keptAt: string | undefined;
  const kept = new Map<K, V>();
  return (key) => {
    const now = version();
    if (now !== keptAt) {
      kept.clear();
      keptAt = now;
    }
    if (kept.has(key)) return kept.get(key)!;
    const value = read(key);
    // Keys come from addresses people type: only so many are kept between two writes.
    if (kept.size < size) kept.set(key, value);
    return value;
  };
}

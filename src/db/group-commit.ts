import type { Db } from './open.ts';

interface Waiting {
  work: (tx: Db) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes that arrive together committed together: each piece of work runs on its own, in its own
 * savepoint (so one that throws is rolled back alone and the others are kept), and all of them
 * in one transaction, drained `windowMs` after the first of them arrived. A commit is a large part
 * of what a small write costs, and every commit moves the data version, so pages kept per
 * version (the register page) are rendered again after each: a burst pays both once a batch
 * rather than once each; a batch of one is simply its own transaction. No promise settles before
 * the commit: whoever awaits a result may answer at once, and what they answer survives a crash.
 * If the commit itself fails, every piece of that batch gets its error and none was written.
 *
 * The window is 20 ms, nothing beside a page load, and it is what makes batches at all: a server
 * busy with a rush reads one registration per turn of the event loop, so draining at the end of
 * the turn (as this first did) committed every registration alone. In npm run bench:rush a 5 ms
 * window made batches of about nine; 20 ms cost the server about 12% less CPU per registration
 * again, and 50 ms no less than 20.
 */
export function groupCommit(db: Db, maxBatch = 100, windowMs = 20): <T>(work: (tx: Db) => T) => Promise<T> {
  const queue: Waiting[] = [];

  const drain = () => {
    // A batch waits for its commit as a whole, so it is kept small enough that the first in it
    // are not kept waiting long by the last; the rest go in the next turn, after any I/O.
    const batch = queue.splice(0, maxBatch);
    if (queue.length > 0) setImmediate(drain);
    if (batch.length === 1) {
      const { work, resolve, reject } = batch[0]!;
      try {
        resolve(db.transaction((tx) => work(tx)));
      } catch (error) {
        reject(error);
      }
      return;
    }
    const settled: Array<() => void> = [];
    try {
      db.transaction((tx) => {
        for (const { work, resolve, reject } of batch) {
          try {
            const value = tx.transaction((savepoint) => work(savepoint));
            settled.push(() => resolve(value));
          } catch (error) {
            settled.push(() => reject(error));
          }
        }
      });
    } catch (error) {
      for (const { reject } of batch) reject(error);
      return;
    }
    for (const settle of settled) settle();
  };

  return <T>(work: (tx: Db) => T) =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setTimeout(drain, windowMs);
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
}

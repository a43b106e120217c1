import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/open.ts';
import { peopleToTell } from '../../src/grid/change-emails.ts';
import { freshDatabase } from '../helpers/app.ts';
import { campV2 } from '../helpers/published-grid.ts';

describe('who a publish tells about its changes', () => {
  let db: Database;
  beforeEach(() => {
    db = freshDatabase().db;
  });
  afterEach(() => db.$client.close());

  it('tells each facilitator and each person who wants a changed session, once per change, and nobody else', () => {
    const v2 = campV2();
    const [moved, cancelled] = v2.changes;
    const told = peopleToTell(db, v2, [
      { id: 'u9', wants: ['p102', 'p103'] },
      { id: 'u8', wants: ['p103'] },
      { id: 'u2', wants: ['p102'] },
      { id: 'u7', wants: ['not-an-id', 'p104'] },
      { id: 'w5', wants: ['p102'] },
    ]);
    expect(Object.fromEntries(told)).toEqual({
      // Bo facilitates the session that moved (and wants it too: one line, not two); Cy is a walk-in with no address.
      2: [moved],
      4: [cancelled],
      9: [moved],
      7: [cancelled],
    });
  });

  it('tells nobody when nothing changed', () => {
    expect(peopleToTell(db, { ...campV2(), changes: [] }, [{ id: 'u9', wants: ['p102'] }]).size).toBe(0);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/open.ts';
import type { CampEvent } from '../../src/events/events.ts';
import { findPersonByEmail } from '../../src/people/people.ts';
import { campHistoryOf, firstCampFacts } from '../../src/people/history.ts';
import { setCheckedIn } from '../../src/tickets/manage.ts';
import { freshDatabase } from '../helpers/app.ts';
import { campOf, importedYear as importedFrom, registerFor as register } from '../helpers/history.ts';

const now = new Date('2027-03-01T10:00:00Z');

describe('people across camps', () => {
  let db: Database;
  beforeEach(() => (db = freshDatabase().db));
  afterEach(() => db.$client.close());

  const camp = (year: number) => campOf(db, now, year);
  const importedYear = (year: number, rows: Array<[string, string]>) => importedFrom(db, now, year, rows);
  const registerFor = (event: CampEvent, email: string, firstCamp: boolean) => register(db, now, event, email, firstCamp);

  it('where the site has no earlier camps, only what people said exists', () => {
    const only = camp(2027);
    const r = registerFor(only, 'new@example.org', true);
    expect(firstCampFacts(db, only.id, [r.personId])(r.personId, true)).toEqual({ said: true, known: false, earlier: [], firstHere: null, disagrees: false });
  });

  it('makes first camp a fact from check-ins at earlier camps, imported or not, and shows where it disagrees', () => {
    importedYear(2025, [['returner@example.org', 'Checked In'], ['no-show@example.org', 'Attending']]);
    const y2026 = camp(2026);
    setCheckedIn(db, now, registerFor(y2026, 'Returner+2026@example.org', false).id, true);
    const y2027 = camp(2027);
    const regs = [registerFor(y2027, 'returner@example.org', true), registerFor(y2027, 'no-show@example.org', false), registerFor(y2027, 'new@example.org', true)];
    const facts = firstCampFacts(db, y2027.id, regs.map((r) => r.personId));
    const [returner, noShow, fresh] = regs.map((r) => facts(r.personId, r.firstCamp));
    // The same inbox under another address (+2026) is the same person.
    expect(returner).toEqual({ said: true, known: true, earlier: [{ name: 'LocalGovCamp 2025', slug: 'localgovcamp-2025' }, { name: 'LocalGovCamp 2026', slug: 'localgovcamp-2026' }], firstHere: false, disagrees: true });
    // Registered in 2025 but never checked in: never came, so never been, whatever they said.
    expect(noShow).toMatchObject({ said: false, known: true, earlier: [], firstHere: true, disagrees: true });
    expect(fresh).toMatchObject({ said: true, firstHere: true, disagrees: false });
  });

  it('lists a person’s camps, registered and attended, imported ones included, earliest first', () => {
    importedYear(2025, [['returner@example.org', 'Checked In']]);
    const y2027 = camp(2027);
    registerFor(y2027, 'returner@example.org', true);
    const history = campHistoryOf(db, findPersonByEmail(db, 'returner@example.org')!);
    expect(history.map((c) => [c.event.name, c.attended, c.imported, c.tickets.map((t) => t.status)])).toEqual([
      ['LocalGovCamp 2025', true, true, ['confirmed']],
      ['LocalGovCamp 2027', false, false, ['confirmed']],
    ]);
    expect(history[0]!.firstCamp).toMatchObject({ said: null, known: false, firstHere: null, disagrees: false });
    expect(history[1]!.firstCamp).toMatchObject({ said: true, firstHere: false, disagrees: true, earlier: [{ name: 'LocalGovCamp 2025' }] });
  });
});

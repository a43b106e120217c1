import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/csv.ts';
import { councilsCsv, councilsWithCamps, filterCouncils, filterOptions, readCouncilFilter } from '../../src/reach/never-reached.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { importedYear } from '../helpers/history.ts';
import { campOfTwelve } from './camp.ts';

describe('councils reached and never reached', () => {
  let t: TestApp;
  beforeEach(async () => (t = await makeApp()));
  afterEach(async () => t.close());

  it('lists every council of the register with the camps it has been to, 0 for never', () => {
    importedYear(t.db, testNow, 2026, [['a@example.org', 'Checked In']]);
    campOfTwelve(t.db, testNow);
    const councils = councilsWithCamps(t.db);
    expect(councils).toHaveLength(397);
    const camps = (name: string) => councils.find((c) => c.name === name)!.camps.map((c) => c.name);
    // The imported year's people all came from Bristol.
    expect(camps('Bristol City Council')).toEqual(['LocalGovCamp 2027', 'LocalGovCamp 2026']);
    expect(camps('London Borough of Camden')).toEqual(['LocalGovCamp 2027']);
    expect(camps('Aberdeen City Council')).toEqual([]);
    expect(councils.filter((c) => c.camps.length > 0)).toHaveLength(3);
  });

  it('filters by nation, region, type and never reached', () => {
    campOfTwelve(t.db, testNow);
    const all = councilsWithCamps(t.db);
    const options = filterOptions(all);
    const pick = (query: Record<string, string>) => filterCouncils(all, readCouncilFilter(query, options).filter);
    expect(pick({ nation: 'Wales' })).toHaveLength(22);
    expect(pick({ nation: 'Wales', reach: 'never' })).toHaveLength(21);
    expect(pick({ nation: 'Wales', reach: 'reached' }).map((c) => c.name)).toEqual(['City of Cardiff Council']);
    expect(pick({ region: 'London', type: 'London borough', reach: 'never' })).toHaveLength(31);
    expect(pick({ reach: 'never' })).toHaveLength(394);
  });

  it('names what is wrong in a filter the form does not offer, and filters by the rest', () => {
    const all = councilsWithCamps(t.db);
    const { filter, errors } = readCouncilFilter({ nation: 'Narnia', reach: 'sometimes', region: 'London' }, filterOptions(all));
    expect(errors).toEqual({ nation: '“Narnia” is not a nation in the register. Choose one from the list', reach: 'Choose all councils, never reached or reached' });
    expect(filter).toEqual({ nation: '', region: 'London', type: '', reach: 'all' });
  });

  it('exports the list for outreach, a council a row', () => {
    campOfTwelve(t.db, testNow);
    const all = councilsWithCamps(t.db);
    const rows = parseCsv(councilsCsv(filterCouncils(all, { nation: 'Wales', region: '', type: '', reach: 'all' })));
    expect(rows[0]).toEqual(['Council', 'Code', 'Nation', 'Region', 'Type', 'Camps been to', 'Camps']);
    expect(rows).toHaveLength(23);
    expect(rows.find((r) => r[1] === 'CRF')).toEqual(['City of Cardiff Council', 'CRF', 'Wales', 'Wales', 'Welsh unitary authority', '1', 'LocalGovCamp 2027']);
    expect(rows.find((r) => r[0] === 'Isle of Anglesey County Council')?.[5]).toBe('0');
  });
});

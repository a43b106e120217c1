import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { parseCsv } from '../csv.ts';
import { projectRoot } from '../paths.ts';
import { organisationKey } from './matching.ts';
import { noteTypedNames } from './names.ts';
import { organisationNames, organisations } from './organisations.table.ts';

/** The councils register shipped with Campgrid (mySociety, CC BY 4.0: see registers/README.md). */
export const bundledRegisterPath = join(projectRoot, 'registers', 'uk-local-authorities.csv');

export interface CouncilRow {
  code: string;
  name: string;
  shortName: string;
  gssCode: string;
  nation: string;
  region: string;
  councilType: string;
  countyCode: string;
  altNames: string[];
  lat: number | null;
  long: number | null;
  govUkSlug: string;
  startDate: string;
}

export interface RegisterProblem {
  line: number;
  reason: string;
}

export const nations = ['England', 'Scotland', 'Wales', 'Northern Ireland'] as const;

const columns = {
  code: 'local-authority-code',
  name: 'official-name',
  shortName: 'nice-name',
  gssCode: 'gss-code',
  nation: 'nation',
  region: 'region',
  councilType: 'local-authority-type-name',
  countyCode: 'county-la',
  altNames: 'alt-names',
  lat: 'lat',
  long: 'long',
  govUkSlug: 'gov-uk-slug',
  startDate: 'start-date',
} as const;
const required = ['code', 'name', 'nation'] as const;

/**
 * Reads a register in mySociety's columns (found by header, in any order). Every row is checked
 * and every problem listed with its line, so one reading tells the operator all that is wrong.
 */
export function readRegister(csv: string): { councils: CouncilRow[]; problems: RegisterProblem[] } {
  const rows = parseCsv(csv).filter((row) => row.some((cell) => cell.trim() !== ''));
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const at = Object.fromEntries(Object.entries(columns).map(([field, name]) => [field, header.indexOf(name)])) as Record<keyof typeof columns, number>;
  const missing = required.filter((field) => at[field] < 0).map((field) => columns[field]);
  if (missing.length > 0) return { councils: [], problems: [{ line: 1, reason: `The first row must name the columns; missing: ${missing.join(', ')}` }] };
  if (rows.length < 2) return { councils: [], problems: [{ line: 1, reason: 'The file has no councils in it' }] };

  const problems: RegisterProblem[] = [];
  const councils: Array<CouncilRow & { line: number }> = [];
  const lineOfCode = new Map<string, number>();
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const get = (field: keyof typeof columns) => (at[field] >= 0 ? (row[at[field]] ?? '').trim() : '');
    const wrong: string[] = [];
    if (row.length !== header.length) wrong.push(`it has ${row.length} columns where the first row has ${header.length}`);
    const code = get('code');
    if (!/^[A-Z0-9]{2,6}$/.test(code)) wrong.push(`“${code}” is not a local-authority code (2 to 6 capital letters or digits)`);
    else if (lineOfCode.has(code)) wrong.push(`the code ${code} is also on line ${lineOfCode.get(code)}`);
    else lineOfCode.set(code, line);
    const name = get('name');
    if (name === '' || name.length > 200) wrong.push('the official name is missing or longer than 200 characters');
    const nation = get('nation');
    if (!(nations as readonly string[]).includes(nation)) wrong.push(`“${nation}” is not a UK nation (${nations.join(', ')})`);
    const coordinate = (field: 'lat' | 'long', limit: number) => {
      const raw = get(field);
      if (raw === '') return null;
      const n = Number(raw);
      if (!Number.isFinite(n) || Math.abs(n) > limit) wrong.push(`${columns[field]} “${raw}” is not a number between -${limit} and ${limit}`);
      return n;
    };
    const lat = coordinate('lat', 90);
    const long = coordinate('long', 180);
    const startDate = get('startDate');
    if (startDate !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(startDate)) wrong.push(`start-date “${startDate}” is not a date like 2021-04-01`);
    if (wrong.length > 0) return problems.push({ line, reason: wrong.join('; ') });
    const altNames = [...new Set(get('altNames').split(',').map((n) => n.trim()).filter((n) => n !== '' && n.length <= 200))];
    councils.push({ line, code, name, shortName: get('shortName'), gssCode: get('gssCode'), nation, region: get('region'), councilType: get('councilType'), countyCode: get('countyCode'), altNames, lat, long, govUkSlug: get('govUkSlug'), startDate });
    return undefined;
  });
  for (const council of councils) {
    if (council.countyCode !== '' && !lineOfCode.has(council.countyCode)) problems.push({ line: council.line, reason: `county-la ${council.countyCode} is not a code in this file` });
  }
  problems.sort((a, b) => a.line - b.line);
  return { councils: councils.map(({ line: _line, ...council }) => council), problems };
}

export type RegisterImport =
  | { ok: true; added: number; updated: number; ended: number; names: number }
  | { ok: false; problems: RegisterProblem[] };

/**
 * Brings the councils up to date with a register: new councils added, known ones (by code)
 * updated, councils no longer in it marked ended (kept, since camps they came to stay true).
 * All or nothing: a file with any bad row changes nothing. Organisers' decisions about typed
 * names are kept; the register's own spellings are rebuilt.
 */
export function importRegister(db: Db, now: Date, csv: string | ReturnType<typeof readRegister>): RegisterImport {
  const { councils, problems } = typeof csv === 'string' ? readRegister(csv) : csv;
  if (problems.length > 0) return { ok: false, problems };
  return db.transaction((tx) => {
    const known = new Map(tx.select({ id: organisations.id, code: organisations.code }).from(organisations).where(eq(organisations.kind, 'council')).all().map((c) => [c.code, c.id]));
    // One statement for all new councils (a first start adds the whole register), the rows as one
    // JSON value: building a query per row, or binding thousands of values, costs more than running it.
    const added = councils.filter((c) => !known.has(c.code));
    if (added.length > 0) {
      tx.run(sql`insert into organisations (kind, name, code, short_name, gss_code, nation, region, council_type, county_code, alt_names, lat, long, gov_uk_slug, start_date, created_at)
        select 'council', c.value ->> 'name', c.value ->> 'code', c.value ->> 'shortName', c.value ->> 'gssCode', c.value ->> 'nation', c.value ->> 'region', c.value ->> 'councilType',
          c.value ->> 'countyCode', json(c.value -> 'altNames'), c.value ->> 'lat', c.value ->> 'long', c.value ->> 'govUkSlug', c.value ->> 'startDate', ${now.getTime()}
        from json_each(${JSON.stringify(added)}) c`);
    }
    const updated = councils.filter((c) => known.has(c.code));
    for (const council of updated) tx.update(organisations).set({ ...council, kind: 'council', endedAt: null }).where(eq(organisations.id, known.get(council.code)!)).run();
    const codes = councils.map((c) => c.code);
    const ended = tx
      .update(organisations)
      .set({ endedAt: now.getTime() })
      .where(and(eq(organisations.kind, 'council'), isNull(organisations.endedAt), notInArray(organisations.code, codes)))
      .run().changes;
    const names = rebuildRegisterNames(tx, now);
    return { ok: true, added: added.length, updated: updated.length, ended, names };
  });
}

/**
 * The register's spellings as matching keys. Official and short names claim a key before the
 * alternative spellings, current councils before ended ones; a key two councils claim at the
 * same rank is left out, for an organiser to decide, rather than guessed.
 */
function rebuildRegisterNames(db: Db, now: Date): number {
  db.delete(organisationNames).where(eq(organisationNames.source, 'register')).run();
  const councils = db.select().from(organisations).where(eq(organisations.kind, 'council')).all();
  const ranks = [
    councils.filter((c) => c.endedAt === null).map((c) => ({ id: c.id, names: [c.name, c.shortName] })),
    councils.filter((c) => c.endedAt === null).map((c) => ({ id: c.id, names: c.altNames })),
    councils.filter((c) => c.endedAt !== null).map((c) => ({ id: c.id, names: [c.name, c.shortName, ...c.altNames] })),
  ];
  const claimed = new Map<string, { id: number; text: string }>();
  for (const rank of ranks) {
    const here = new Map<string, { id: number; text: string } | null>();
    for (const { id, names } of rank) {
      for (const text of names) {
        const key = registerKey(text);
        if (key === '' || claimed.has(key)) continue;
        const other = here.get(key);
        if (other === undefined) here.set(key, { id, text });
        else if (other !== null && other.id !== id) here.set(key, null);
      }
    }
    for (const [key, claim] of here) if (claim) claimed.set(key, claim);
  }
  const rows = [...claimed].map(([key, { id, text }]) => ({ key, text, id }));
  // What people typed becomes the register's; what organisers decided stays decided.
  db.run(sql`insert into organisation_names (key, text, organisation_id, source, created_at)
    select n.value ->> 'key', n.value ->> 'text', n.value ->> 'id', 'register', ${now.getTime()} from json_each(${JSON.stringify(rows)}) n where true
    on conflict (key) do update set organisation_id = excluded.organisation_id, source = 'register', text = excluded.text
    where organisation_names.source = 'typed'`);
  noteTypedNames(db, now);
  return claimed.size;
}

// Every database a process opens (each test's, say) loads the same bundled register: read it and
// work out its keys once.
let bundled: ReturnType<typeof readRegister> | undefined;
const keys = new Map<string, string>();
function registerKey(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    if (keys.size > 20_000) keys.clear();
    key = organisationKey(text);
    keys.set(text, key);
  }
  return key;
}

/** On first start, the bundled register; afterwards, anything typed before keys existed gets one. */
export function prepareOrganisations(db: Db, now: Date): void {
  const any = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'council')).limit(1).get();
  if (!any) {
    bundled ??= readRegister(readFileSync(bundledRegisterPath, 'utf8'));
    const result = importRegister(db, now, bundled);
    if (!result.ok) throw new Error(`The bundled councils register has bad rows: ${result.problems.map((p) => `line ${p.line}: ${p.reason}`).join('; ')}`);
  }
  noteTypedNames(db, now);
}

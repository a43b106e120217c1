import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { organisationFor } from '../../src/organisations/names.ts';
import { organisations } from '../../src/organisations/organisations.table.ts';
import { bundledRegisterPath, importRegister } from '../../src/organisations/register.ts';
import { openDatabase } from '../../src/db/open.ts';
import { freshDatabase } from '../helpers/app.ts';

const now = new Date('2027-04-01T09:00:00Z');
const bundled = readFileSync(bundledRegisterPath, 'utf8');
const [header, ...rows] = bundled.trimEnd().split('\n');

/** The register as it might be after a reorganisation: Adur merged away, a new "Anyshire Council" made. */
const reorganised = [header, ...rows.filter((r) => !r.startsWith('ADU,')), 'ANY,Anyshire Council,Anyshire,E06000999,England,South East,Unitary authority,,"Anyshire,any shire",51.0,-1.0,anyshire,2027-04-01'].join('\n');
const withBadRows = [header, ...rows.slice(0, 5), 'ANY,Anyshire Council,Anyshire,E06000999,Atlantis,South East,Unitary authority,,Anyshire,51.0,-1.0,anyshire,', ...rows.slice(5), 'ABE,,Aberdeen again,S1,Scotland,Scotland,x,,,north,-2,,'].join('\n');

describe('updating the councils register when councils reorganise', () => {
  let fresh: ReturnType<typeof freshDatabase>;
  beforeEach(() => (fresh = freshDatabase()));
  afterEach(() => fresh.db.$client.close());

  it('adds new councils, updates known ones by code and keeps the ones gone as ended', () => {
    const result = importRegister(fresh.db, now, reorganised);
    expect(result).toMatchObject({ ok: true, added: 1, updated: 396, ended: 1 });
    expect(organisationFor(fresh.db, 'any shire')?.name).toBe('Anyshire Council');
    const adur = fresh.db.select().from(organisations).where(eq(organisations.code, 'ADU')).get()!;
    expect(adur.endedAt).toBe(now.getTime());
    // Camps Adur came to stay true: its name still matches.
    expect(organisationFor(fresh.db, 'Adur District Council')?.code).toBe('ADU');
  });

  it('lists every bad row with its line and imports nothing', () => {
    const before = fresh.db.select().from(organisations).all();
    const result = importRegister(fresh.db, now, withBadRows);
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 7, reason: '“Atlantis” is not a UK nation (England, Scotland, Wales, Northern Ireland)' },
        { line: 400, reason: 'the code ABE is also on line 2; the official name is missing or longer than 200 characters; lat “north” is not a number between -90 and 90' },
      ],
    });
    expect(fresh.db.select().from(organisations).all()).toEqual(before);
  });

  it('refuses a file without the register’s columns', () => {
    expect(importRegister(fresh.db, now, 'name,region\nAnytown,South\n')).toEqual({ ok: false, problems: [{ line: 1, reason: 'The first row must name the columns; missing: local-authority-code, official-name, nation' }] });
  });
});

/** Runs `npm run councils:import -- FILE` as an operator would (tsx, straight from node). */
function importCommand(file: string, databasePath: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/commands/councils-import.ts', file], { env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath, NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run councils:import FILE', () => {
  let fresh: ReturnType<typeof freshDatabase>;
  beforeEach(() => {
    fresh = freshDatabase();
    fresh.db.$client.close();
  });

  it('says what changed', async () => {
    writeFileSync(join(fresh.dir, 'register.csv'), reorganised);
    const run = await importCommand(join(fresh.dir, 'register.csv'), fresh.path);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Councils register imported: 1 added, 396 updated, 1 no longer in the register \(kept as ended\), \d+ spellings to match\.\n$/);
  }, 30_000);

  it('lists the bad rows by line, exits 1 and changes nothing', async () => {
    writeFileSync(join(fresh.dir, 'register.csv'), withBadRows);
    const run = await importCommand(join(fresh.dir, 'register.csv'), fresh.path);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Nothing was imported: 2 rows are not right.');
    expect(run.stderr).toContain('  line 7: “Atlantis” is not a UK nation');
    expect(run.stderr).toContain('  line 400: the code ABE is also on line 2');
    const db = openDatabase(fresh.path);
    expect(db.select().from(organisations).where(eq(organisations.code, 'ANY')).get()).toBeUndefined();
    db.$client.close();
  }, 30_000);
});

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegisterPage, rushAgent, submitRegistration, type CsrfPair } from '../../bench/support/registration-client.ts';
import { seedRushCamp, type RushCamp } from '../../bench/support/rush-camp.ts';
import { startServerProcess, type ServerProcess } from '../../bench/support/server-process.ts';

/** Runs `npm run <script> -- FILE` as an operator would (tsx, straight from node). */
function runScript(script: 'backup' | 'restore', file: string, databasePath: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/commands/${script}.ts`, file], {
      env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function registeredEmails(path: string): string[] {
  const db = new SQLite(path, { readonly: true });
  try {
    return (db.prepare('SELECT p.email FROM registrations r JOIN people p ON p.id = r.person_id').all() as Array<{ email: string }>).map((r) => r.email);
  } finally {
    db.close();
  }
}

// Each test starts processes (the commands, the site) that take seconds each on a loaded machine.
describe('backing up and restoring the database', { timeout: 120_000 }, () => {
  let dir: string;
  let databasePath: string;
  let camp: RushCamp;
  let server: ServerProcess | undefined;
  let csrf: CsrfPair;
  const env = { REGISTRATIONS_PER_IP_PER_MINUTE: '100000', JOB_SECONDS: '3600', LOG_LEVEL: 'fatal' };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'campgrid-backup-'));
    databasePath = join(dir, 'live', 'campgrid.db');
    camp = seedRushCamp(databasePath, { capacity: 100 });
  });
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the site on the live database, for the tests that need it running (a start costs seconds). */
  const serve = async (): Promise<void> => {
    server = await startServerProcess({ databasePath, env });
    csrf = await openRegisterPage(server.baseUrl, camp.slug);
  };

  const register = async (emails: string[]): Promise<string[]> => {
    const agent = rushAgent(emails.length);
    const answers = await Promise.all(emails.map((email) => submitRegistration(agent, server!.baseUrl, { slug: camp.slug, ticketTypeId: camp.ticketTypeId, csrf }, { name: email, email })));
    agent.destroy();
    return answers.filter((a) => a.status === 303).map((a) => a.email);
  };

  it('takes a sound, consistent copy while registrations are being written, holding everything committed before it began', async () => {
    await serve();
    const acknowledged: string[] = [];
    let stop = false;
    let batch = 0;
    const load = (async () => {
      while (!stop) {
        const n = batch++;
        acknowledged.push(...(await register(Array.from({ length: 10 }, (_, i) => `load${n}-${i}@example.org`))));
      }
    })();
    while (acknowledged.length < 50) await new Promise((r) => setTimeout(r, 20));

    const beforeBackup = [...acknowledged];
    const copy = join(dir, 'backups', 'campgrid-copy.db');
    mkdirSync(join(dir, 'backups'));
    const result = await runScript('backup', copy, databasePath);
    const duringOrAfter = acknowledged.length - beforeBackup.length;
    stop = true;
    await load;

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Backed up .* registrations, .* It passed SQLite's integrity and foreign-key checks\.\n$/);
    // The site kept taking registrations while the copy was made.
    expect(duringOrAfter).toBeGreaterThan(0);
    // Nothing half-made is left beside the backup, and it is one self-contained file.
    expect(readdirSync(join(dir, 'backups'))).toEqual(['campgrid-copy.db']);
    const db = new SQLite(copy, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    const held = (db.prepare('SELECT p.email FROM registrations r JOIN people p ON p.id = r.person_id').all() as Array<{ email: string }>).map((r) => r.email);
    const confirmed = (db.prepare("SELECT count(*) AS n FROM registrations WHERE status = 'confirmed'").get() as { n: number }).n;
    db.close();
    expect(beforeBackup.filter((email) => !held.includes(email))).toEqual([]);
    expect(confirmed).toBeLessThanOrEqual(100);
  });

  it('refuses to overwrite an existing file', async () => {
    const file = join(dir, 'taken.db');
    writeFileSync(file, 'last week’s backup');
    const result = await runScript('backup', file, databasePath);
    expect(result).toMatchObject({ code: 1, stderr: `backup: ${file} already exists; choose a new file name\n` });
  });

  it('answers a backup into, or a restore into, a folder that does not exist with one line, not a stack trace', async () => {
    const backup = await runScript('backup', '/missing/dir/x.db', databasePath);
    expect(backup).toMatchObject({ code: 1, stderr: 'backup: the folder /missing/dir does not exist; create it first, or choose another\n' });
    const copy = join(dir, 'copy.db');
    expect((await runScript('backup', copy, databasePath)).code).toBe(0);
    const restore = await runScript('restore', copy, join(dir, 'nowhere', 'campgrid.db'));
    expect(restore).toMatchObject({ code: 1, stderr: `restore: the folder ${join(dir, 'nowhere')} for the database does not exist; create it first, or set DATABASE_PATH\n` });
  });

  it('backs up the uploaded sponsor logos beside the database and restores them with it', async () => {
    const uploads = join(dir, 'live', 'uploads');
    mkdirSync(uploads, { recursive: true });
    writeFileSync(join(uploads, 'a'.repeat(64) + '.png'), 'a logo');
    const copy = join(dir, 'copy.db');
    const backup = await runScript('backup', copy, databasePath);
    expect(backup.stdout).toContain(`Copied 1 uploaded files (sponsor logos) to ${copy}.uploads`);
    expect(readdirSync(`${copy}.uploads`)).toEqual(['a'.repeat(64) + '.png']);

    rmSync(uploads, { recursive: true });
    const restored = await runScript('restore', copy, databasePath);
    expect(restored.code).toBe(0);
    expect(readdirSync(uploads)).toEqual(['a'.repeat(64) + '.png']);
  });

  it('refuses a file that is not a Campgrid database, and leaves the database alone', async () => {
    await serve();
    await register(['ada@example.org']);
    await server!.stop('SIGTERM');
    const notes = join(dir, 'notes.db');
    writeFileSync(notes, 'these are not the tables you are looking for\n'.repeat(200));
    const other = join(dir, 'other.db');
    const otherDb = new SQLite(other);
    otherDb.exec('CREATE TABLE recipes (name TEXT)');
    otherDb.close();

    const notSqlite = await runScript('restore', notes, databasePath);
    expect(notSqlite.code).toBe(1);
    expect(notSqlite.stderr).toMatch(/^restore: .*notes\.db is not a valid SQLite database/);
    const notCampgrid = await runScript('restore', other, databasePath);
    expect(notCampgrid).toMatchObject({ code: 1, stderr: `restore: ${other} is not a Campgrid database: it has no __drizzle_migrations, people, events, registrations, outbox tables\n` });
    expect(registeredEmails(databasePath)).toEqual(['ada@example.org']);
  });

  it('refuses while the server has the database open, then restores once it is stopped', async () => {
    await serve();
    await register(['ada@example.org', 'ben@example.org']);
    const copy = join(dir, 'copy.db');
    expect((await runScript('backup', copy, databasePath)).code).toBe(0);
    await register(['after-the-backup@example.org']);

    const refused = await runScript('restore', copy, databasePath);
    expect(refused).toMatchObject({ code: 1, stderr: `restore: ${databasePath} is in use: stop the Campgrid server first (for example \`systemctl stop campgrid\`), then restore\n` });
    expect((await fetch(`${server!.baseUrl}/healthz`)).status).toBe(200);

    await server!.stop('SIGTERM');
    const restored = await runScript('restore', copy, databasePath);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('2 registrations');
    const kept = readdirSync(join(dir, 'live')).filter((f) => f.includes('.before-restore-'));
    expect(kept).toHaveLength(1);
    expect(registeredEmails(join(dir, 'live', kept[0]!)).sort()).toEqual(['ada@example.org', 'after-the-backup@example.org', 'ben@example.org']);
    expect(existsSync(`${databasePath}-wal`)).toBe(false);

    // The server starts on the restored database and carries on from there.
    await serve();
    expect(await register(['cy@example.org'])).toEqual(['cy@example.org']);
    await server!.stop('SIGTERM');
    expect(registeredEmails(databasePath).sort()).toEqual(['ada@example.org', 'ben@example.org', 'cy@example.org']);
  });
});

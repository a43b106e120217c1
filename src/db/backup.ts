import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { migrationsFolder } from './open.ts';

/** A backup or restore that was refused, with a message for the operator. */
export class BackupRefused extends Error {}

export interface DatabaseSummary {
  bytes: number;
  migrations: number;
  events: number;
  people: number;
  registrations: number;
  queuedEmails: number;
}

/** Tables every Campgrid database has; a file without them is something else. */
const campgridTables = ['__drizzle_migrations', 'people', 'events', 'registrations', 'outbox'];

function knownMigrations(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/**
 * Checks that a file is a sound Campgrid database this version can run: SQLite's integrity and
 * foreign-key checks pass, Campgrid's tables and migrations table are there, and it has no
 * migrations this code does not know (a backup from a newer Campgrid). Returns what it holds.
 */
export function checkCampgridDatabase(path: string): DatabaseSummary {
  if (!existsSync(path)) throw new BackupRefused(`${path} does not exist`);
  let db: SQLite.Database;
  try {
    db = new SQLite(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupRefused(`${path} cannot be opened as an SQLite database: ${(error as Error).message}`);
  }
  try {
    let integrity: unknown[];
    try {
      integrity = db.pragma('integrity_check', { simple: false }) as unknown[];
    } catch (error) {
      throw new BackupRefused(`${path} is not a valid SQLite database: ${(error as Error).message}`);
    }
    const problems = integrity.map((row) => Object.values(row as object)[0]).filter((v) => v !== 'ok');
    if (problems.length) throw new BackupRefused(`${path} fails SQLite's integrity check: ${problems.slice(0, 5).join('; ')}`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
    const missing = campgridTables.filter((t) => !tables.has(t));
    if (missing.length) throw new BackupRefused(`${path} is not a Campgrid database: it has no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}`);
    const foreignKeys = db.pragma('foreign_key_check') as unknown[];
    if (foreignKeys.length) throw new BackupRefused(`${path} fails the foreign-key check (${foreignKeys.length} rows point at nothing)`);
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    const migrations = count('SELECT count(*) AS n FROM __drizzle_migrations');
    if (migrations > knownMigrations()) {
      throw new BackupRefused(`${path} comes from a newer Campgrid (${migrations} migrations; this version knows ${knownMigrations()}): upgrade first`);
    }
    return {
      bytes: statSync(path).size,
      migrations,
      events: count('SELECT count(*) AS n FROM events'),
      people: count('SELECT count(*) AS n FROM people'),
      registrations: count('SELECT count(*) AS n FROM registrations'),
      queuedEmails: count("SELECT count(*) AS n FROM outbox WHERE status = 'queued'"),
    };
  } finally {
    db.close();
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Takes a consistent copy of a live database with SQLite's online backup API, while the server
 * goes on serving. The copy is made in one step, inside one read transaction: under WAL that
 * does not block the server's writes, and the copy is exactly the database as it stood when the
 * step began (a copy in many small steps would restart whenever the server wrote). The copy is
 * written beside its destination, checked, turned into a single self-contained file (no WAL),
 * and only then renamed into place, so a half-made backup never looks like a backup.
 */
export async function backupDatabase(sourcePath: string, destination: string): Promise<DatabaseSummary & { ms: number }> {
  if (!existsSync(sourcePath)) throw new BackupRefused(`there is no database at ${sourcePath}`);
  if (existsSync(destination)) throw new BackupRefused(`${destination} already exists; choose a new file name`);
  if (!existsSync(dirname(destination))) throw new BackupRefused(`the folder ${dirname(destination)} does not exist; create it first, or choose another`);
  const began = performance.now();
  const partial = join(dirname(destination), `.${basename(destination)}.partial-${process.pid}`);
  const source = new SQLite(sourcePath, { fileMustExist: true, timeout: 5000 });
  try {
    await source.backup(partial, { progress: () => 1_000_000_000 });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  try {
    const copy = new SQLite(partial, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    copy.close();
    fsyncPath(partial);
    const summary = checkCampgridDatabase(partial);
    renameSync(partial, destination);
    fsyncPath(dirname(destination));
    return { ...summary, ms: Math.round(performance.now() - began) };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Puts a backup in place of the database at `targetPath`. Refuses a file that is not a sound
 * Campgrid database, and refuses while any process has the database open: swapping the file
 * under a running server would leave it writing to the old one. The database being replaced is
 * kept beside it (`<name>.before-restore-<time>`), and the backup is copied to a temporary file
 * and renamed into place, so the target is never half-written.
 */
export function restoreDatabase(backupPath: string, targetPath: string, now = new Date()): { summary: DatabaseSummary; keptAs: string | null } {
  const summary = checkCampgridDatabase(backupPath);
  if (!existsSync(dirname(targetPath))) throw new BackupRefused(`the folder ${dirname(targetPath)} for the database does not exist; create it first, or set DATABASE_PATH`);
  let lock: SQLite.Database | undefined;
  let keptAs: string | null = null;
  const staging = join(dirname(targetPath), `.${basename(targetPath)}.restoring-${process.pid}`);
  try {
    if (existsSync(targetPath)) {
      lock = new SQLite(targetPath, { fileMustExist: true, timeout: 0 });
      try {
        // Leaving WAL mode needs the only connection to the database; while a server has it open
        // this fails at once. Success also folds the WAL into the file, so nothing is left beside it.
        lock.pragma('journal_mode = DELETE');
        // Hold the database so no server can start on it while the files are swapped.
        lock.exec('BEGIN EXCLUSIVE');
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') {
          throw new BackupRefused(`${targetPath} is in use: stop the Campgrid server first (for example \`systemctl stop campgrid\`), then restore`);
        }
        throw error;
      }
    }
    copyFileSync(backupPath, staging);
    fsyncPath(staging);
    if (lock) {
      keptAs = `${targetPath}.before-restore-${now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}`;
      renameSync(targetPath, keptAs);
    }
    renameSync(staging, targetPath);
    fsyncPath(dirname(targetPath));
    for (const leftover of [`${targetPath}-wal`, `${targetPath}-shm`]) rmSync(leftover, { force: true });
    return { summary, keptAs };
  } finally {
    lock?.close();
    rmSync(staging, { force: true });
  }
}

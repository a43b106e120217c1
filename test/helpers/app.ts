import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/open.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  clock: FixedClock;
  config: Config;
  dir: string;
  close(): Promise<void>;
}

/** A fresh temporary directory with a database built by the real migrations. */
export function freshDatabase(): { db: Database; dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'campgrid-test-'));
  const path = join(dir, 'campgrid.db');
  return { db: openDatabase(path), dir, path };
}

export const testNow = new Date('2027-03-01T10:00:00Z');

/** The real app on a fresh database, a fixed clock and (unless given) file-delivered mail. */
export async function makeApp(env: Record<string, string> = {}, options: { startMail?: boolean; clock?: FixedClock } = {}): Promise<TestApp> {
  const { db, dir, path } = freshDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: path, LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.test', ...env });
  const clock = options.clock ?? new FixedClock(testNow);
  const app = await buildApp(config, { db, clock, startMail: options.startMail ?? false, logger: false });
  await app.ready();
  return {
    app,
    db,
    clock,
    config,
    dir,
    async close() {
      await app.close();
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

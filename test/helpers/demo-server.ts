import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/open.ts';
import { seedDemoCamp } from '../../src/demo/seed.ts';
import type { Person } from '../../src/people/people.ts';
import { testNow } from './app.ts';
import { signInBrowser } from './browser.ts';

let template: string | undefined;

/**
 * A folder holding a freshly seeded demo camp (its database and its sponsors' logos). Seeding
 * takes seconds (the demo's grid comes from 40,000 scheduler steps), so a test file seeds one
 * folder once and each server gets a copy of it.
 */
function seededFolder(): string {
  if (!template) {
    const folder = mkdtempSync(join(tmpdir(), 'campgrid-demo-template-'));
    const db = openDatabase(join(folder, 'c.db'));
    seedDemoCamp(db, testNow, 'http://campgrid.test', folder);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.close();
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    template = folder;
  }
  const dir = mkdtempSync(join(tmpdir(), 'campgrid-demo-server-'));
  cpSync(template, dir, { recursive: true });
  return dir;
}

/**
 * The demo camp served on a real port for a browser, on its own database and folder (so its
 * sponsor logos are served). `morning` starts from before any grid: pitches and interest only.
 * With SMTP_URL in `env`, mail is delivered. The demo's own seeding mail counts as sent, so a
 * journey reads only the mail it causes.
 */
export async function demoServer(options: { morning?: boolean; env?: Record<string, string> } = {}) {
  const env = options.env ?? {};
  const dir = seededFolder();
  const db = openDatabase(join(dir, 'c.db'));
  if (options.morning) db.$client.exec('delete from grid_versions; delete from grid_drafts; delete from grid_placements;');
  db.$client.exec("update outbox set status = 'sent'");
  const clock = new FixedClock(testNow);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: join(dir, 'c.db'), LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.test', ...env });
  const app = await buildApp(config, { db, clock, startMail: 'SMTP_URL' in env, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  /** Signs a browser context in as someone, as their sign-in link would. */
  const signIn = (context: BrowserContext, who: Person) => signInBrowser(context, app, address, who);
  const close = async () => {
    await app.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db, clock, app, address, signIn, close };
}

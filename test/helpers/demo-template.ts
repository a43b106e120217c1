import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoCamp } from '../../src/demo/seed.ts';
import { freshDatabase, testNow } from './app.ts';

/**
 * Seeding the demo camp takes a second or two, so grid tests seed it once and copy the file.
 * The demo ships with a published grid; these tests start from the morning, with none.
 */
export function demoWithoutGrid(): string {
  const { db, path } = freshDatabase();
  seedDemoCamp(db, testNow, 'http://campgrid.test', mkdtempSync(join(tmpdir(), 'campgrid-logos-')));
  db.$client.exec('delete from grid_versions; delete from grid_drafts; delete from grid_placements; delete from pitch_settings;');
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  return path;
}

/** A fresh copy of a template database, in its own folder. */
export function copyOf(template: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'campgrid-copy-')), 'c.db');
  copyFileSync(template, path);
  return path;
}

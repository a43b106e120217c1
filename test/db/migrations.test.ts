import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api';
import { afterEach, describe, expect, it } from 'vitest';
import * as schema from '../../src/db/schema.ts';
import { migrationsFolder } from '../../src/db/open.ts';
import { freshDatabase } from '../helpers/app.ts';

type Snapshot = Parameters<typeof generateSQLiteMigration>[0];

function latestSnapshot(): Snapshot {
  const snapshots = readdirSync(join(migrationsFolder, 'meta')).filter((f) => f.endsWith('_snapshot.json')).sort();
  return JSON.parse(readFileSync(join(migrationsFolder, 'meta', snapshots.at(-1)!), 'utf8')) as Snapshot;
}

describe('migrations', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('leave nothing for drizzle-kit to generate: the committed migrations describe the current schema', async () => {
    const current = await generateSQLiteDrizzleJson(schema as unknown as Record<string, unknown>);
    const pending = await generateSQLiteMigration(latestSnapshot(), current as unknown as Snapshot);
    expect(pending).toEqual([]);
  });

  it('build, in a new database, exactly the tables, columns and indexes the schema describes', () => {
    const { db } = freshDatabase();
    close = () => db.$client.close();
    const snapshot = latestSnapshot() as unknown as {
      tables: Record<string, { columns: Record<string, { name: string; type: string; notNull: boolean; primaryKey: boolean }>; indexes: Record<string, { columns: string[]; isUnique: boolean }> }>;
    };
    // Full-text indexes are hand-written (custom migrations): a virtual table and its shadow tables.
    const fullText = (db.$client.prepare("select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'").all() as Array<{ name: string }>).map((t) => t.name);
    const tables = (
      db.$client
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name")
        .all() as Array<{ name: string }>
    ).filter((t) => !fullText.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
    expect(tables.map((t) => t.name)).toEqual(Object.keys(snapshot.tables).sort());
    for (const [name, table] of Object.entries(snapshot.tables)) {
      const columns = db.$client.prepare(`pragma table_info(${JSON.stringify(name)})`).all() as Array<{ name: string; type: string; notnull: number; pk: number }>;
      // Added columns come last in SQLite; order is not part of the schema, so compare by name.
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(columns.map((c) => ({ name: c.name, type: c.type.toLowerCase(), notNull: c.notnull === 1 || c.pk === 1 })).sort(byName)).toEqual(
        Object.values(table.columns).map((c) => ({ name: c.name, type: c.type.toLowerCase(), notNull: c.notNull || c.primaryKey })).sort(byName),
      );
      const indexes = (db.$client.prepare(`pragma index_list(${JSON.stringify(name)})`).all() as Array<{ name: string; unique: number; origin: string }>)
        .filter((i) => i.origin === 'c')
        .map((i) => i.name)
        .sort();
      expect(indexes).toEqual(Object.keys(table.indexes).sort());
    }
  });

  it('turn on WAL, foreign keys and a busy timeout', () => {
    const { db } = freshDatabase();
    close = () => db.$client.close();
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});

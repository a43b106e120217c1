import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.ts';

const src = join(projectRoot, 'src');
const routeFiles = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.routes.ts'))
  .map((f) => join(src, f));

/**
 * What a query looks like in our code: a drizzle call on the database or a transaction, raw SQL,
 * or the driver itself. A `.update(` on anything else (a hash) is not a query.
 */
const queryShapes: Array<[string, RegExp]> = [
  ['a drizzle import', /from\s+['"]drizzle-orm/],
  ['a query on db or tx', /\b(db|tx)\s*\.\s*(select|selectDistinct|insert|update|delete|run|all|get|values|query)\s*\(/],
  ['raw SQL', /\bsql\s*`|\bsql\.raw\(/],
  ['the driver', /\$client/],
  ['a drizzle chain', /\.(select|insert|update|delete)\([^)]*\)\s*\.\s*(from|values|set|where)\(/],
];

/** Which query shapes a piece of source holds. */
const queriesIn = (source: string): string[] => queryShapes.filter(([, shape]) => shape.test(source)).map(([name]) => name);

describe('route files', () => {
  it('are found (the walk is not looking in the wrong place)', () => {
    expect(routeFiles.length).toBeGreaterThan(20);
  });

  it('hold no queries: routes parse, call a domain function, then render or redirect', () => {
    const offenders = routeFiles.flatMap((file) => queriesIn(readFileSync(file, 'utf8')).map((shape) => `${relative(projectRoot, file)}: ${shape}`));
    expect(offenders).toEqual([]);
  });

  it('the check sees each shape of query a route might slip in, and lets a hash be', () => {
    expect(queriesIn("const owner = db.select({ slug: events.slug }).from(events).get();")).toContain('a query on db or tx');
    expect(queriesIn("app.campgrid.db.select().from(rooms).all()")).toContain('a query on db or tx');
    expect(queriesIn('tx.update(gridDrafts).set({ undo: null }).run();')).toContain('a query on db or tx');
    expect(queriesIn("import { eq } from 'drizzle-orm';")).toEqual(['a drizzle import']);
    expect(queriesIn('db.run(sql`DELETE FROM rooms`)')).toEqual(expect.arrayContaining(['raw SQL', 'a query on db or tx']));
    expect(queriesIn("db.$client.prepare('SELECT 1').get()")).toContain('the driver');
    expect(queriesIn("createHash('sha256').update(JSON.stringify(value)).digest('base64url')")).toEqual([]);
    expect(queriesIn('seen.delete(key);')).toEqual([]);
  });
});

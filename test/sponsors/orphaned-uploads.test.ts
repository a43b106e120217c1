import { mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/open.ts';
import { removeOrphanedUploads } from '../../src/housekeeping.ts';
import { solidPng, storeLogo, uploadsDir } from '../../src/sponsors/logos.ts';
import { signUpSponsor } from '../../src/sponsors/sponsors.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { person } from '../helpers/people.ts';
import { acme, offer, publishedCamp } from './factories.ts';

describe('uploaded files no record points to', () => {
  let db: Database;
  let dir: string;
  beforeEach(() => ({ db, dir } = freshDatabase()));
  afterEach(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are removed once they are an hour old; a sponsor’s logo and a file just written stay', () => {
    const event = publishedCamp(db, person(db, 'dee@example.org'));
    const logo = storeLogo(dir, solidPng(64, 64, [1, 2, 3]), { type: 'png', width: 64, height: 64 });
    signUpSponsor(db, testNow, { event, packageId: offer(db, event).id, details: acme(), logo, baseUrl: '' });
    const folder = uploadsDir(dir);
    mkdirSync(folder, { recursive: true });
    const hourAgo = new Date(testNow.getTime() - 61 * 60_000);
    for (const name of [logo.file, `${'a'.repeat(64)}.png`, `${'b'.repeat(64)}.png.123.partial`]) {
      if (name !== logo.file) writeFileSync(join(folder, name), 'x'.repeat(1_000));
      utimesSync(join(folder, name), hourAgo, hourAgo);
    }
    writeFileSync(join(folder, `${'c'.repeat(64)}.png`), 'being written with its form');
    utimesSync(join(folder, `${'c'.repeat(64)}.png`), testNow, testNow);

    expect(removeOrphanedUploads(db, dir, testNow)).toBe(2);
    expect(readdirSync(folder).sort()).toEqual([logo.file, `${'c'.repeat(64)}.png`].sort());
  });
});

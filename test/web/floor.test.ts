import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * web/ is the floor every area stands on: sessions, CSRF, views, guards, errors. It must not
 * reach up into an area, or a change to one camp feature ripples through every request. The
 * areas hand it what it needs (their view helpers, the person behind a session, the organiser
 * context) where app.ts composes them. Read from the source itself, so a new import is caught.
 */
const src = resolve(import.meta.dirname, '../../src');

/** Every folder of src/ but the floor (web/) and the database underneath it is an area or above one. */
const aboveTheFloor = readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory() && !['web', 'db'].includes(name));

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );

/** The modules a file names: imports and re-exports (type-only too), dynamic imports, and augmentations. */
function modulesNamedBy(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const patterns = [/\b(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /\bdeclare\s+module\s+['"]([^'"]+)['"]/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]!));
}

/** Where a relative module lands, as a path under src/ ('events/events.ts'), or null for a package. */
const landing = (file: string, module: string) => (module.startsWith('.') ? relative(src, resolve(dirname(file), module)) : null);

/** The area a path under src/ belongs to: its folder, or for a top-level file the areas it imports. */
function areasReachedBy(path: string): string[] {
  const [first] = path.split(sep);
  if (aboveTheFloor.includes(first!)) return [first!];
  if (path.includes(sep)) return [];
  // A file directly in src/ (config.ts, rules.ts…) is floor unless it composes areas (app.ts, jobs.ts).
  return modulesNamedBy(join(src, path)).flatMap((module) => {
    const lands = landing(join(src, path), module);
    return lands && aboveTheFloor.includes(lands.split(sep)[0]!) ? [`${lands.split(sep)[0]} (through ${path})`] : [];
  });
}

describe('web/, the floor', () => {
  it('knows which folders are areas', () => {
    expect(aboveTheFloor).toEqual(expect.arrayContaining(['events', 'people', 'tickets', 'pitches', 'grid', 'calendar', 'sponsors', 'mail', 'scheduling', 'demo']));
  });

  it('imports nothing from any area, not even a type', () => {
    const files = sourceFiles(join(src, 'web'));
    expect(files.length).toBeGreaterThan(15);
    const upward = files.flatMap((file) =>
      modulesNamedBy(file).flatMap((module) => {
        const lands = landing(file, module);
        return lands ? areasReachedBy(lands).map((area) => `${relative(src, file)} imports ${module}: ${area}`) : [];
      }),
    );
    expect(upward).toEqual([]);
  });
});

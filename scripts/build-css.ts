import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as sass from 'sass';
import { buildDir, projectRoot as root } from '../src/paths.ts';

/** Compiles static/styles/campgrid.scss (GOV.UK Frontend with system fonts) to static/build/campgrid.css. */
export async function buildCss(): Promise<string> {
  const result = await sass.compileAsync(join(root, 'static/styles/campgrid.scss'), {
    loadPaths: [join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  const out = join(buildDir, 'campgrid.css');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, result.css);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const out = await buildCss();
  console.log(`built ${out} in ${Date.now() - started} ms`);
}

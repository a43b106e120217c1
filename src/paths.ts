import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's own folder, the one holding package.json: found by walking up from this file,
 * so it is the same whether the code runs from src/ under tsx or compiled into dist/.
 * Every path to views, static files, built assets and migrations starts here.
 */
export const projectRoot = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
})();

export const viewsDir = join(projectRoot, 'views');
export const staticDir = join(projectRoot, 'static');
/** What `npm run build:css` writes: the stylesheet, the fingerprinted assets and their manifest. */
export const buildDir = join(staticDir, 'build');
export const govukFrontendDir = join(projectRoot, 'node_modules/govuk-frontend/dist/govuk');

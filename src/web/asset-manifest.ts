import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir } from '../paths.ts';

/** Logical address (as in the source, e.g. /static/js/campgrid.js) → fingerprinted address. */
export type AssetManifest = Record<string, string>;

/** Fingerprinted files are served from here, and kept by browsers for a year. */
export const assetsPrefix = '/assets/';
export const assetsFolder = join(buildDir, 'assets');
export const manifestFile = join(buildDir, 'manifest.json');

/** The manifest `npm run build:css` wrote, or an empty one when assets were never built. */
export function readAssetManifest(): AssetManifest {
  return existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as AssetManifest) : {};
}

/**
 * A page's link to an asset: its fingerprinted address when there is one, otherwise the logical
 * address itself (served without long caching), so a checkout without a build still works.
 */
export function assetUrl(manifest: AssetManifest, logical: string): string {
  return manifest[logical] ?? logical;
}

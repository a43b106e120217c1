import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildDir, govukFrontendDir, staticDir } from '../src/paths.ts';
import { assetsFolder, assetsPrefix, manifestFile, type AssetManifest } from '../src/web/asset-manifest.ts';
import { buildCss } from './build-css.ts';

/** Types worth compressing; fonts and PNGs are compressed already. */
const compressible = new Set(['.css', '.js', '.svg', '.ico', '.json']);

/**
 * Every file a page links to, by the address pages use when there is no build (the logical
 * name), in the order they must be fingerprinted: what is referred to before what refers to it.
 */
function sources(): Array<{ logical: string; file: string }> {
  const govukAssets = ['images', 'fonts'].flatMap((folder) =>
    readdirSync(join(govukFrontendDir, 'assets', folder)).map((name) => ({ logical: `/static/govuk/assets/${folder}/${name}`, file: join(govukFrontendDir, 'assets', folder, name) })),
  );
  const scripts = readdirSync(join(staticDir, 'js'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ logical: `/static/js/${name}`, file: join(staticDir, 'js', name) }));
  const icons = ['favicon.ico', 'favicon.svg'].map((name) => ({ logical: `/static/${name}`, file: join(staticDir, name) }));
  return [
    ...govukAssets,
    ...icons,
    { logical: '/static/govuk/govuk-frontend.min.js', file: join(govukFrontendDir, 'govuk-frontend.min.js') },
    ...scripts,
    { logical: '/static/build/campgrid.css', file: join(buildDir, 'campgrid.css') },
  ];
}

/**
 * Builds the stylesheet, then copies every asset to static/build/assets/ under a name with a
 * hash of its content (so a browser may keep it for a year: a change makes a new name), with
 * brotli and gzip copies beside the ones worth compressing, and writes the manifest that maps
 * each logical name to its fingerprinted address. References between assets (the stylesheet's
 * images, a script's imports) are rewritten to the fingerprinted names first, so a changed
 * image also changes the stylesheet's name.
 */
export async function buildAssets(): Promise<AssetManifest> {
  await buildCss();
  rmSync(assetsFolder, { recursive: true, force: true });
  mkdirSync(assetsFolder, { recursive: true });
  const manifest: AssetManifest = {};
  for (const { logical, file } of sources()) {
    const ext = extname(file);
    let content = readFileSync(file);
    if (ext === '.css' || ext === '.js') {
      let text = content.toString('utf8');
      for (const [from, to] of Object.entries(manifest)) text = text.split(from).join(to);
      // A source map named relative to the old file name would not be found: leave it out.
      text = text.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
      content = Buffer.from(text, 'utf8');
    }
    const hash = createHash('sha256').update(content).digest('base64url').replace(/[-_]/g, '').slice(0, 12);
    const name = `${basename(file, ext)}.${hash}${ext}`;
    writeFileSync(join(assetsFolder, name), content);
    if (compressible.has(ext)) writeCompressed(join(assetsFolder, name), content);
    manifest[logical] = `${assetsPrefix}${name}`;
  }
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The brotli (best quality: it is done once, at build) and gzip copies, each only if smaller. */
function writeCompressed(path: string, content: Buffer): void {
  const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
  if (br.length < content.length) writeFileSync(`${path}.br`, br);
  const gz = gzipSync(content, { level: constants.Z_BEST_COMPRESSION });
  if (gz.length < content.length) writeFileSync(`${path}.gz`, gz);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const manifest = await buildAssets();
  console.log(`built ${Object.keys(manifest).length} fingerprinted assets and ${manifestFile} in ${Date.now() - started} ms`);
}

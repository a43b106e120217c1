import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAssetManifest } from '../../src/web/asset-manifest.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';

const year = 'public, max-age=31536000, immutable';

describe('assets (stylesheet, scripts, images, fonts)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

  it('are linked from pages by fingerprinted names: a hash of the content in the name', async () => {
    const html = (await get('/')).body;
    const css = html.match(/<link rel="stylesheet" href="([^"]+)">/)![1]!;
    const js = html.match(/<script type="module" src="([^"]+)">/)![1]!;
    for (const url of [css, js]) {
      expect(url).toMatch(/^\/assets\/campgrid\.[A-Za-z0-9]{12}\.(css|js)$/);
      const bytes = (await get(url)).rawPayload;
      const hash = createHash('sha256').update(bytes).digest('base64url').replace(/[-_]/g, '').slice(0, 12);
      expect(url, 'the name changes whenever the content does').toContain(`.${hash}.`);
    }
  });

  it('refer to each other by fingerprinted names too, so a changed image renames the stylesheet', async () => {
    const manifest = readAssetManifest();
    const css = (await get(manifest['/static/build/campgrid.css']!)).body;
    expect(css).toContain(`url("${manifest['/static/govuk/assets/images/govuk-crest.svg']}")`);
    expect(css).not.toContain('/static/govuk/assets/');
    const js = (await get(manifest['/static/js/campgrid.js']!)).body;
    expect(js).toContain(`from '${manifest['/static/govuk/govuk-frontend.min.js']}'`);
    expect((await get(manifest['/static/govuk/govuk-frontend.min.js']!)).statusCode).toBe(200);
  });

  it('are cached for a year, sent as the brotli or gzip copy built ahead when the browser accepts it', async () => {
    const url = readAssetManifest()['/static/build/campgrid.css']!;
    const plain = await get(url);
    expect(plain.headers['cache-control']).toBe(year);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('accept-encoding');

    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe(year);
    expect(br.headers['content-type']).toContain('text/css');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);

    const gzip = await get(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('still answer at their logical addresses, without the year-long caching', async () => {
    const response = await get('/static/build/campgrid.css');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).not.toContain('immutable');
    expect((await get('/assets/no-such-file.abcdefabcdef.css')).statusCode).toBe(404);
  });
});

describe('pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('are compressed when the browser asks and they are large enough to be worth it', async () => {
    const plain = await t.app.inject({ url: '/privacy' });
    const br = await t.app.inject({ url: '/privacy', headers: { 'accept-encoding': 'br' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    const tiny = await t.app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br' } });
    expect(tiny.headers['content-encoding']).toBeUndefined();
  });
});

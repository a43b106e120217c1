import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { govukFrontendDir, staticDir } from '../paths.ts';
import { assetsFolder, assetsPrefix } from './asset-manifest.ts';

/**
 * Static files and compression. Fingerprinted assets (/assets/…, built by `npm run build:css`)
 * are sent with a year's immutable caching, as the brotli or gzip copy built beside each when
 * the browser accepts it. The logical addresses (/static/…) still answer, briefly cached, for a
 * checkout without a build and for anything that links to them by name. Pages, feeds and
 * exports over a kilobyte are compressed as they are sent when the browser asks (pages served
 * from the page cache arrive here already compressed and are left alone).
 */
export const assets = fp(
  async (app: FastifyInstance) => {
    const production = app.campgrid.config.env === 'production';
    await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
    await app.register(fastifyStatic, {
      root: assetsFolder,
      prefix: assetsPrefix,
      preCompressed: true,
      index: false,
      // @fastify/send writes this as `public, max-age=31536000, immutable`.
      maxAge: 31_536_000_000,
      immutable: true,
    });
    const logical = [
      { root: staticDir, prefix: '/static/', maxAge: '1h' },
      // Of GOV.UK Frontend, only its assets and its one script: nothing else in its folder.
      { root: govukFrontendDir, prefix: '/static/govuk/', maxAge: '1d', allowedPath: (path: string) => path.startsWith('/assets/') || path === '/govuk-frontend.min.js' },
    ];
    for (const { maxAge, ...where } of logical) await app.register(fastifyStatic, { ...where, decorateReply: false, index: false, maxAge: production ? maxAge : 0 });
    // Pages link their icon, but some browsers and feed readers ask here without looking.
    app.get('/favicon.ico', (_request, reply) => reply.sendFile('favicon.ico', staticDir));
  },
  { name: 'campgrid-assets' },
);

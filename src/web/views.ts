import fastifyView from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { viewsDir } from '../paths.ts';
import { assetUrl, readAssetManifest } from './asset-manifest.ts';
import { withAreaHelpers, type ViewHelpers } from './view-helpers.ts';

export interface ViewOptions {
  /** Each area's helpers for `it.h` (its labels, its wording), handed in where app.ts composes the areas. */
  areaHelpers: ViewHelpers[];
  /** What areas add to every page's `it`, per request; values that cost a query should be functions asked lazily. */
  areaLocals: Array<(request: FastifyRequest) => Record<string, unknown>>;
}

/**
 * Eta pages (escaped by default) with what every page needs in `it`: the signed-in person,
 * a CSRF token for its forms, the view helpers, and `it.asset(logical)`, the address to link
 * an asset by: its fingerprinted name from the build's manifest, or in development (where the
 * files are edited between builds) its logical one.
 */
export const views = fp(
  async (app: FastifyInstance, { areaHelpers, areaLocals }: ViewOptions) => {
    const { config } = app.campgrid;
    // Made when a page is rendered, not for every request: most answers (kept pages, feeds,
    // redirects, health checks) render nothing. Decorating `locals` first keeps @fastify/view
    // from adding its own hook that makes an empty object per request.
    const made = Symbol('locals');
    type WithLocals = FastifyReply & { [made]?: Record<string, unknown> };
    app.decorateReply('locals', {
      getter(this: WithLocals) {
        return (this[made] ??= localsFor(this));
      },
      setter(this: WithLocals, value: Record<string, unknown>) {
        this[made] = value;
      },
    });
    function localsFor(reply: FastifyReply): Record<string, unknown> {
      const { request } = reply;
      const locals: Record<string, unknown> = { person: request.person, currentPath: request.url.split('?')[0], errors: {}, values: {} };
      for (const more of areaLocals) Object.assign(locals, more(request));
      // Only pages that print a token (a form) make one, and set the cookie that goes with it:
      // a page without a form stays the same for every visitor, so it can be cached. The view
      // copies `locals` into each page's data, which would run a getter for every page; a value
      // that makes its token when printed does not.
      let token: string | undefined;
      locals.csrfToken = { toString: () => (token ??= reply.generateCsrf()) };
      return locals;
    }
    const production = config.env === 'production';
    const manifest = config.env === 'development' ? {} : readAssetManifest();
    await app.register(fastifyView, {
      engine: { eta: new Eta({ views: viewsDir, cache: production, autoEscape: true, autoTrim: false }) },
      templates: viewsDir,
      production,
      defaultContext: { h: withAreaHelpers(areaHelpers), serviceName: 'Campgrid', asset: (logical: string) => assetUrl(manifest, logical) },
    });
  },
  { name: 'campgrid-views', dependencies: ['campgrid-sessions', 'campgrid-security'] },
);

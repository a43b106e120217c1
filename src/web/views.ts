import fastifyView from '@fastify/view';
import { count, eq } from 'drizzle-orm';
import { Eta } from 'eta';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { eventOrganisers } from '../events/events.table.ts';
import { viewsDir } from '../paths.ts';
import { assetUrl, readAssetManifest } from './asset-manifest.ts';
import { helpers } from './view-helpers.ts';

/**
 * Eta pages (escaped by default) with what every page needs in `it`: the signed-in person,
 * a CSRF token for its forms, the view helpers, and `it.asset(logical)`, the address to link
 * an asset by: its fingerprinted name from the build's manifest, or in development (where the
 * files are edited between builds) its logical one.
 */
export const views = fp(
  async (app: FastifyInstance) => {
    const { config, db } = app.campgrid;
    const production = config.env === 'production';
    const manifest = config.env === 'development' ? {} : readAssetManifest();
    await app.register(fastifyView, {
      engine: { eta: new Eta({ views: viewsDir, cache: production, autoEscape: true, autoTrim: false }) },
      templates: viewsDir,
      production,
      defaultContext: { h: helpers, serviceName: 'Campgrid', asset: (logical: string) => assetUrl(manifest, logical) },
    });
    app.addHook('onRequest', (request, reply, done) => {
      const person = request.person;
      const organises =
        !!person &&
        (person.isAdministrator ||
          (db.select({ n: count() }).from(eventOrganisers).where(eq(eventOrganisers.personId, person.id)).get()?.n ?? 0) > 0);
      const locals: Record<string, unknown> = { person, organises, currentPath: request.url.split('?')[0], errors: {}, values: {} };
      // Only pages that print a token (a form) make one, and set the cookie that goes with it:
      // a page without a form stays the same for every visitor, so it can be cached. The view
      // copies `locals` into each page's data, which would run a getter for every page; a value
      // that makes its token when printed does not.
      let token: string | undefined;
      locals.csrfToken = { toString: () => (token ??= reply.generateCsrf()) };
      reply.locals = locals;
      done();
    });
  },
  { name: 'campgrid-views', dependencies: ['campgrid-sessions', 'campgrid-security'] },
);

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { count, eq } from 'drizzle-orm';
import { Eta } from 'eta';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { eventOrganisers } from '../events/events.table.ts';
import { helpers } from './view-helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Eta pages (escaped by default) with what every page needs in `it`: the signed-in person,
 * a CSRF token for its forms, and the view helpers. Also serves the stylesheet and scripts.
 */
export const views = fp(
  async (app: FastifyInstance) => {
    const { config, db } = app.campgrid;
    const production = config.env === 'production';
    await app.register(fastifyView, {
      engine: { eta: new Eta({ views: join(root, 'views'), cache: production, autoEscape: true, autoTrim: false }) },
      templates: join(root, 'views'),
      production,
      defaultContext: { h: helpers, serviceName: 'Campgrid' },
    });
    app.addHook('onRequest', async (request, reply) => {
      const person = request.person;
      const organises =
        !!person &&
        (person.isAdministrator ||
          (db.select({ n: count() }).from(eventOrganisers).where(eq(eventOrganisers.personId, person.id)).get()?.n ?? 0) > 0);
      const locals: Record<string, unknown> = { person, organises, currentPath: request.url.split('?')[0], errors: {}, values: {} };
      // Only pages that render a form pay for a token (and the cookie that goes with it).
      Object.defineProperty(locals, 'csrfToken', { enumerable: true, get: () => reply.generateCsrf() });
      reply.locals = locals;
    });
    await app.register(fastifyStatic, {
      root: join(root, 'static'),
      prefix: '/static/',
      maxAge: production ? '1h' : 0,
      index: false,
    });
    await app.register(fastifyStatic, {
      root: join(root, 'node_modules/govuk-frontend/dist/govuk'),
      prefix: '/static/govuk/',
      decorateReply: false,
      maxAge: production ? '1d' : 0,
      index: false,
      allowedPath: (path) => path.startsWith('/assets/') || path === '/govuk-frontend.min.js',
    });
    // Pages link their icon, but some browsers and feed readers ask here without looking.
    app.get('/favicon.ico', (_request, reply) => reply.sendFile('favicon.ico'));
  },
  { name: 'campgrid-views', dependencies: ['campgrid-sessions', 'campgrid-security'] },
);

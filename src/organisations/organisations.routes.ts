import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { organisesAnyEvent } from '../events/organisers.ts';
import { Forbidden } from '../rules.ts';
import { formBody, submitForm } from '../web/forms.ts';
import { requireSignedIn } from '../web/guards.ts';
import type { TypedApp } from '../web/input.ts';
import { councilNames } from './names.ts';
import { decisionLabels, reviewForm } from './organisation.forms.ts';
import { decidedOrganisations, decideOrganisations, unmatchedOrganisations } from './review.ts';

/** How many names the last decision covered, for its banner. */
const pageQuery = z.object({ decided: z.coerce.number().int().min(0).max(500).optional() });

/** Organisations are the site's, not one camp's: those who run camps here (owners, organisers, administrators) see them; helpers only work the door. */
export async function requireCampOrganiser(request: FastifyRequest): Promise<void> {
  if (!request.person || !organisesAnyEvent(request.server.campgrid.db, request.person)) throw new Forbidden();
}

/** /organise/organisations: what people typed that matches no council, decided in bulk. */
export async function organisationRoutes(app: TypedApp): Promise<void> {
  const { db, clock } = app.campgrid;
  app.addHook('onRequest', requireSignedIn);
  app.addHook('onRequest', requireCampOrganiser);

  const page = () => ({
    title: 'Organisations to review',
    unmatched: unmatchedOrganisations(db),
    decided: decidedOrganisations(db),
    councils: councilNames(db),
    decisionLabels,
    backLink: '/organise',
  });

  app.get('/', { schema: { querystring: pageQuery } }, async (request, reply) =>
    reply.view('organisations/review.eta', { ...page(), values: {}, decidedCount: request.query.decided }));

  app.post('/', async (request, reply) =>
    submitForm(reply, {
      schema: reviewForm,
      body: formBody(request.body),
      view: 'organisations/review.eta',
      viewData: page(),
      act: (choice) => `/organise/organisations?decided=${decideOrganisations(db, clock.now(), request.person!.id, choice)}`,
    }),
  );
}

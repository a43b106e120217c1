import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { organisesAnyEvent } from '../events/organisers.ts';
import { Forbidden } from '../rules.ts';
import { formBody, submitForm } from '../web/forms.ts';
import { requireSignedIn } from '../web/guards.ts';
import { councilNames } from './names.ts';
import { decisionLabels, reviewForm } from './organisation.forms.ts';
import { decidedOrganisations, decideOrganisations, unmatchedOrganisations } from './review.ts';

const pageQuery = z.object({ decided: z.coerce.number().int().min(0).max(500).optional().catch(undefined) });

/** Organisations are the site's, not one camp's: those who run camps here review them. */
async function requireCampOrganiser(request: FastifyRequest): Promise<void> {
  if (!request.person || !organisesAnyEvent(request.server.campgrid.db, request.person)) throw new Forbidden();
}

/** /organise/organisations: what people typed that matches no council, decided in bulk. */
export async function organisationRoutes(app: FastifyInstance): Promise<void> {
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

  app.get('/', async (request, reply) => {
    const query = pageQuery.safeParse(request.query);
    return reply.view('organisations/review.eta', { ...page(), values: {}, decidedCount: query.success ? query.data.decided : undefined });
  });

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

import { z } from 'zod';
import type { CampEvent } from '../events/events.ts';
import { formBody, radio, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { doneBanner, doneQuery, type TypedApp } from '../web/input.ts';
import { chooseReachPublication, publicationLabels, reachIsPublic, reachPublicationOf } from './publication.ts';
import { reachPublications } from './reach.table.ts';

const done = { saved: 'Saved: the reach figures go public as you chose' } as const;

const publicationForm = z.object({ publication: radio(reachPublications, 'Choose when the reach figures go public') });

/** /organise/events/:slug/reach: when this camp's reach figures go public (owners and organisers). */
export async function reachSettingRoutes(app: TypedApp): Promise<void> {
  const { db, clock } = app.campgrid;
  const view = (event: CampEvent) => ({
    title: `Reach figures: ${event.name}`,
    event,
    labels: publicationLabels,
    isPublic: reachIsPublic(db, event, clock.now()),
    backLink: `/organise/events/${event.slug}`,
  });

  app.get('/reach', { schema: { querystring: doneQuery } }, async (request, reply) => {
    const { event } = organising(request);
    return reply.view('reach/setting.eta', { ...view(event), values: { publication: reachPublicationOf(db, event.id) }, done: doneBanner(done, request.query.done) });
  });

  app.post('/reach', async (request, reply) => {
    const { event } = organising(request);
    return submitForm(reply, {
      schema: publicationForm,
      body: formBody(request.body),
      view: 'reach/setting.eta',
      viewData: view(event),
      act: ({ publication }) => {
        chooseReachPublication(db, clock.now(), event.id, publication, request.person!.id);
        return `/organise/events/${event.slug}/reach?done=saved`;
      },
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { formBody, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { copyEvent } from './copy.ts';
import { suggestedCopy } from './copy-suggestion.ts';
import { copyForm } from './event.forms.ts';
import { daysOf, type CampEvent } from './events.ts';

/** "Copy this camp": next year's camp in two clicks, for owners and organisers. */
export async function copyRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock } = app.campgrid;
  const copyView = (event: CampEvent) => ({
    title: `Copy ${event.name}`,
    event,
    days: daysOf(db, event.id),
    backLink: `/organise/events/${event.slug}`,
  });

  app.get('/copy', async (request, reply) => {
    const { event } = organising(request);
    const view = copyView(event);
    const suggestion = suggestedCopy(event, view.days[0]?.date);
    return reply.view('organise/copy.eta', { ...view, values: { ...suggestion, weeks: String(suggestion.weeks) } });
  });

  app.post('/copy', async (request, reply) => {
    const { event } = organising(request);
    return submitForm(reply, {
      schema: copyForm,
      body: formBody(request.body),
      view: 'organise/copy.eta',
      viewData: copyView(event),
      act: (details) => `/organise/events/${copyEvent(db, clock.now(), event, details, request.person!.id).slug}?done=copied`,
    });
  });
}

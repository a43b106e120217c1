import { slugParams, type TypedApp } from '../web/input.ts';
import { visibleEvent } from '../events/visibility.ts';
import { whoIsComing } from './who-is-coming.ts';

/** /events/:slug/attendees: the public list of who is coming, of those who chose to be on it. */
export async function whoIsComingRoutes(app: TypedApp): Promise<void> {
  const { db } = app.campgrid;
  app.get('/events/:slug/attendees', { schema: { params: slugParams } }, async (request, reply) => {
    const event = visibleEvent(db, request.params.slug, request.person);
    return reply.view('tickets/who-is-coming.eta', { title: `Who is coming to ${event.name}`, event, ...whoIsComing(db, event.id), backLink: `/events/${event.slug}` });
  });
}

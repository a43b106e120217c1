import { z } from 'zod';
import { visibleEvent } from '../events/visibility.ts';
import { oneValue, slugParams, type TypedApp } from '../web/input.ts';
import { campsWithOutputs, findOutputs } from './finding.ts';
import { outputsAtomFeed } from './outputs-atom.ts';

const perPage = 50;
const searchQuerystring = z.object({ q: oneValue, camp: oneValue, page: z.string().regex(/^\d{1,4}$/).transform(Number).optional() });

/** Finding what the camps made: search across camps, one camp's outputs, a feed, a printable digest. */
export async function outputFindingRoutes(app: TypedApp): Promise<void> {
  const { db, config } = app.campgrid;

  app.get('/outputs', { schema: { querystring: searchQuerystring } }, async (request, reply) => {
    const q = (request.query.q ?? '').trim().slice(0, 200);
    const camps = campsWithOutputs(db);
    const camp = camps.find((c) => c.slug === request.query.camp);
    const page = Math.max(1, request.query.page ?? 1);
    const found = findOutputs(db, { q, eventId: camp?.id, limit: perPage, offset: (page - 1) * perPage });
    return reply.view('outputs/search.eta', {
      title: q ? `Outputs matching “${q}”` : 'Outputs from the camps',
      q,
      camps,
      camp: camp?.slug ?? '',
      found,
      page,
      pages: Math.max(1, Math.ceil(found.total / perPage)),
      feedLinks: [{ type: 'application/atom+xml', title: 'New outputs from the camps', href: '/outputs.atom' }],
    });
  });

  app.get('/outputs.atom', async (_request, reply) => {
    const feed = outputsAtomFeed(findOutputs(db, { limit: 50 }).outputs, config.baseUrl);
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(feed);
  });

  app.get('/events/:slug/outputs', { schema: { params: slugParams } }, async (request, reply) => {
    const event = visibleEvent(db, request.params.slug, request.person);
    // Grouped by session, oldest session first, so the page reads as the camp's record and prints as its digest.
    const all = findOutputs(db, { eventId: event.id, limit: 10_000 }).outputs.reverse();
    const sessions = [...new Set(all.map((o) => o.pitchId))].map((pitchId) => {
      const of = all.filter((o) => o.pitchId === pitchId);
      return { pitchId, title: of[0]!.sessionTitle, outputs: of };
    });
    return reply.view('outputs/camp.eta', { title: `What ${event.name} made`, event, sessions, count: all.length, backLink: `/events/${event.slug}` });
  });
}

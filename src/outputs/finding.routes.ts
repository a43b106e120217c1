import { z } from 'zod';
import { visibleEvent } from '../events/visibility.ts';
import { oneValue, slugParams, type TypedApp } from '../web/input.ts';
import { campsWithOutputs, findOutputs } from './finding.ts';
import { councilsWithOutputs, themesWithOutputs } from './finding-filters.ts';
import { outputsAtomFeed } from './outputs-atom.ts';

const perPage = 50;
const searchQuerystring = z.object({ q: oneValue, camp: oneValue, theme: oneValue, council: oneValue, page: z.string().regex(/^\d{1,4}$/).transform(Number).optional() });

/** Finding what the camps made: search across camps, one camp's outputs, a feed, a printable digest. */
export async function outputFindingRoutes(app: TypedApp): Promise<void> {
  const { db, config } = app.campgrid;

  app.get('/outputs', { schema: { querystring: searchQuerystring } }, async (request, reply) => {
    const query = request.query;
    const q = (query.q ?? '').trim().slice(0, 200);
    const camps = campsWithOutputs(db);
    const themes = themesWithOutputs(db);
    const councils = councilsWithOutputs(db);
    // A value that matches no option (an old link, a typo) is set aside with a word, never an error.
    const camp = camps.find((c) => c.slug === query.camp);
    const theme = themes.find((th) => th.key === (query.theme ?? '').toLowerCase());
    const council = councils.find((c) => String(c.id) === query.council);
    const ignored = [
      query.camp && !camp ? 'camp' : '',
      query.theme && !theme ? 'theme' : '',
      query.council && !council ? 'council' : '',
    ].filter(Boolean);
    const page = Math.max(1, query.page ?? 1);
    const found = findOutputs(db, { q, eventId: camp?.id, themeKey: theme?.key, councilId: council?.id, limit: perPage, offset: (page - 1) * perPage });
    const filters = { q, camp: camp?.slug ?? '', theme: theme?.key ?? '', council: council ? String(council.id) : '' };
    const pageLink = (n: number) => `/outputs?${new URLSearchParams({ ...filters, page: String(n) }).toString()}`;
    return reply.view('outputs/search.eta', {
      title: q ? `Outputs matching “${q}”` : 'Outputs from the camps',
      ...filters,
      camps,
      themes,
      councils,
      ignored,
      filtered: !!(q || camp || theme || council),
      found,
      page,
      pages: Math.max(1, Math.ceil(found.total / perPage)),
      pageLink,
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

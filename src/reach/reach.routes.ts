import type { FastifyReply } from 'fastify';
import type { CampEvent } from '../events/events.ts';
import { slugParams, type TypedApp } from '../web/input.ts';
import { campReachCsv, campReachJson, reachLicence, siteReachCsv, siteReachJson } from './exports.ts';
import { campReach, siteReach, type Reach } from './figures.ts';
import { councilsMap } from './maps.ts';
import { currentCouncils } from './places.ts';
import { campsWithPublicReach, reachVisibleTo } from './publication.ts';
import { withDates } from '../events/events.ts';

/**
 * The open figures: /reach for the site's public camps together, /events/:slug/reach for one
 * camp once its organisers have made it public, each as a page, JSON and CSV under CC BY 4.0.
 * Before then a camp's reach is not there for visitors (404); its organisers may preview it.
 */
export async function reachRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config } = app.campgrid;
  const attribution = `Campgrid at ${config.baseUrl}`;

  /** A preview is for the team alone: no copy of it kept anywhere on the way. */
  const privateIfPreview = (reply: FastifyReply, isPublic: boolean) => (isPublic ? reply : reply.header('cache-control', 'private, no-store'));

  const campOf = (slug: string, person: Parameters<typeof reachVisibleTo>[2]) => {
    const { event, isPublic } = reachVisibleTo(db, slug, person, clock.now());
    return { event, isPublic, dates: withDates(db, [event])[0]!.dates, reach: campReach(db, event) };
  };
  const mapOf = (reach: Reach | { councils: Array<{ code: string }> }, id: string, what: string) => {
    const reached = new Set(reach.councils.map((c) => c.code));
    return councilsMap(currentCouncils(db).map((c) => ({ ...c, reached: reached.has(c.code) })), id, what);
  };
  const campUrl = (event: CampEvent) => `${config.baseUrl}/events/${event.slug}/reach`;

  app.get('/events/:slug/reach', { schema: { params: slugParams } }, async (request, reply) => {
    const { event, isPublic, dates, reach } = campOf(request.params.slug, request.person);
    return privateIfPreview(reply, isPublic).view('reach/camp.eta', {
      title: `Who ${event.name} reached`,
      event,
      dates,
      isPublic,
      reach,
      licence: reachLicence,
      map: mapOf(reach, 'reach-map', `councils ${event.name} reached`),
      backLink: `/events/${event.slug}`,
    });
  });

  app.get('/events/:slug/reach.json', { schema: { params: slugParams } }, async (request, reply) => {
    const { event, isPublic, dates, reach } = campOf(request.params.slug, request.person);
    return privateIfPreview(reply, isPublic).header('access-control-allow-origin', '*').send(campReachJson({ name: event.name, slug: event.slug, url: campUrl(event), dates }, reach, attribution));
  });

  app.get('/events/:slug/reach.csv', { schema: { params: slugParams } }, async (request, reply) => {
    const { event, isPublic, reach } = campOf(request.params.slug, request.person);
    return privateIfPreview(reply, isPublic)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${event.slug.replace(/[^A-Za-z0-9-]/g, '')}-reach.csv"`)
      .send(campReachCsv(event.name, reach, attribution));
  });

  const site = () => siteReach(db, campsWithPublicReach(db, clock.now()));

  app.get('/reach', async (_request, reply) => {
    const figures = site();
    return reply.view('reach/site.eta', { title: 'Who the camps reached', ...figures, licence: reachLicence, map: mapOf(figures.overall, 'reach-map', 'councils the camps reached') });
  });

  app.get('/reach.json', async (_request, reply) => reply.header('access-control-allow-origin', '*').send(siteReachJson(`${config.baseUrl}/reach`, site(), attribution)));

  app.get('/reach.csv', async (_request, reply) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="reach.csv"').send(siteReachCsv(site(), attribution)),
  );
}

import { z } from 'zod';
import { id, oneValue, slugParams, type TypedApp } from '../web/input.ts';
import { visibleEvent } from '../events/visibility.ts';
import { daysOf } from '../events/events.ts';
import { roomsOf } from '../events/rooms.ts';
import { localDate } from '../events/local-time.ts';
import { NotFound } from '../rules.ts';
import { qrCodeSvg } from '../web/qr-codes.ts';
import { atomFeed } from './atom.ts';
import { eventFeedUrl, roomFeedUrl } from '../calendar/links.ts';
import { datesOf, layoutDay, nowAndNext } from './public-grid.ts';
import { latestPublished, publishedVersions } from './published-versions.ts';

/**
 * The public grid, its change log (and Atom feed), and now & next. For visitors who are not
 * signed in, web/page-cache.ts keeps each answer until the data or the minute changes.
 */
export async function publicGridRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, cache } = app.campgrid;
  const roomQuery = { room: id.optional() };

  app.get('/events/:slug/grid', { schema: { params: slugParams, querystring: z.object({ ...roomQuery, day: oneValue }) } }, async (request, reply) => {
    const event = visibleEvent(db, request.params.slug, request.person);
    const grid = latestPublished(db, event.id);
    const query = request.query;
    const now = clock.now().getTime();
    const dates = grid ? datesOf(grid) : [];
    const today = localDate(now, event.timeZone);
    const date = query.day !== undefined && dates.includes(query.day) ? query.day : dates.includes(today) ? today : dates[0];
    const room = query.room ?? null;
    // An unknown room is a page that does not exist, not a new entry in the cache.
    if (room !== null && !grid?.sessions.some((s) => s.roomId === room)) throw new NotFound();
    const roomOrder = grid ? roomsOf(db, event.id).map((r) => r.id) : [];
    return reply.view('grid/public.eta', {
      title: `Grid: ${event.name}`,
      event,
      grid,
      dates,
      date,
      room,
      allRooms: grid ? layoutDay(grid, date ?? '', roomOrder, null).rooms : [],
      day: grid && date ? layoutDay(grid, date, roomOrder, room) : null,
      now,
      siteUrl: config.baseUrl,
      feedUrl: eventFeedUrl(config.baseUrl, event.slug),
      roomFeed: room !== null ? { url: roomFeedUrl(config.baseUrl, event.slug, room), name: grid?.sessions.find((s) => s.roomId === room)?.roomName ?? 'this room' } : null,
      qr: await qrCodeSvg(cache, `${config.baseUrl}/events/${event.slug}/grid`),
      feedLinks: [{ type: 'application/atom+xml', title: `Changes to the grid of ${event.name}`, href: `/events/${event.slug}/grid/changes.atom` }],
    });
  });

  app.get('/events/:slug/grid/changes', { schema: { params: slugParams } }, async (request, reply) => {
    const event = visibleEvent(db, request.params.slug, request.person);
    const versions = publishedVersions(db, event.id);
    return reply.view('grid/changes.eta', {
      title: `Changes to the grid: ${event.name}`,
      event,
      versions,
      backLink: `/events/${event.slug}/grid`,
      feedLinks: [{ type: 'application/atom+xml', title: `Changes to the grid of ${event.name}`, href: `/events/${event.slug}/grid/changes.atom` }],
    });
  });

  app.get('/events/:slug/grid/changes.atom', { schema: { params: slugParams } }, async (request, reply) => {
    const event = visibleEvent(db, request.params.slug, null);
    const xml = atomFeed(event, publishedVersions(db, event.id), config.baseUrl);
    return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(xml);
  });

  const nowQuery = z.object({ ...roomQuery, refresh: oneValue, screen: oneValue });
  app.get('/events/:slug/now', { schema: { params: slugParams, querystring: nowQuery } }, async (request, reply) => {
    const event = visibleEvent(db, request.params.slug, request.person);
    const grid = latestPublished(db, event.id);
    const query = request.query;
    const room = query.room ?? null;
    const refreshing = query.refresh !== 'off';
    // A screen by the stairs or a TV: the rooms alone, in large type, without the site's menus.
    const tv = query.screen === 'tv';
    const now = clock.now().getTime();
    const date = localDate(now, event.timeZone);
    // When there is nothing on now: the day that opens next, if any (before the camp, or overnight).
    const campDays = daysOf(db, event.id);
    const nextDay = campDays.find((d) => d.startsAt > now && d.date !== date) ?? null;
    const campOver = !nextDay && !campDays.some((d) => d.date >= date);
    const begun = campDays.some((d) => d.startsAt <= now);
    const campDayToday = campDays.some((d) => d.date === date);
    if (room !== null && grid && !grid.sessions.some((s) => s.roomId === room)) throw new NotFound();
    // A screen by the stairs refreshes itself every 30 seconds, so a publish shows within a minute.
    // Anyone reading it can stop that (WCAG 2.2.1), with a plain link, no JavaScript needed.
    if (refreshing) reply.header('refresh', '30');
    const kept = [room !== null ? `room=${room}` : '', tv ? 'screen=tv' : ''].filter(Boolean).join('&');
    const here = `/events/${event.slug}/now?${kept ? `${kept}&` : ''}`;
    return reply.view('grid/now.eta', {
      title: `Now and next: ${event.name}`,
      event,
      grid,
      rooms: grid ? nowAndNext(grid, now, date, room) : [],
      nextDay,
      campOver,
      begun,
      campDayToday,
      screen: tv,
      tvLink: `/events/${event.slug}/now?${room !== null ? `room=${room}&` : ''}screen=tv`,
      refreshing,
      toggleRefresh: refreshing ? `${here}refresh=off` : here.replace(/[?&]$/, ''),
    });
  });
}

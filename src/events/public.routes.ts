import { slugParams, type TypedApp } from '../web/input.ts';
import { listPublicEvents } from './events.ts';
import { roleAt } from './organisers.ts';
import { roomsOf } from './rooms.ts';
import { timetableOf } from './timetable.ts';
import { visibleEvent } from './visibility.ts';
import { ticketTypesOf } from '../tickets/ticket-types.ts';
import { latestPublished } from '../grid/published-versions.ts';
import { eventFeedUrl } from '../calendar/links.ts';
import { packagesOf } from '../sponsors/packages.ts';
import { recognitionOf } from '../sponsors/sponsors.ts';
import { reachIsPublic } from '../reach/publication.ts';

/** The public face: the list of camps and each camp's page. */
export async function publicEventRoutes(app: TypedApp): Promise<void> {
  const { db, clock } = app.campgrid;

  app.get('/', async (_request, reply) => {
    const { upcoming, past } = listPublicEvents(db, clock.now());
    return reply.view('events/home.eta', { title: 'Camps', upcoming, past });
  });

  app.get('/events/:slug', { schema: { params: slugParams } }, async (request, reply) => {
    const event = visibleEvent(db, request.params.slug, request.person);
    const timetable = timetableOf(db, event.id);
    const canOrganise = request.person ? roleAt(db, request.person, event.id) !== null : false;
    const grid = latestPublished(db, event.id);
    const rooms = roomsOf(db, event.id);
    // Once the grid is published, each session slot of the timetable lists its sessions, room by room.
    const roomRank = new Map(rooms.map((r, i) => [r.id, i]));
    const sessionsAt = new Map<number, NonNullable<typeof grid>['sessions']>();
    for (const s of [...(grid?.sessions ?? [])].filter((s) => !s.cancelled).sort((a, b) => (roomRank.get(a.roomId) ?? 1e6) - (roomRank.get(b.roomId) ?? 1e6))) {
      sessionsAt.set(s.startsAt, [...(sessionsAt.get(s.startsAt) ?? []), s]);
    }
    return reply.view('events/show.eta', {
      title: event.name,
      event,
      timetable,
      rooms,
      sessionsAt,
      dates: timetable.map((t) => t.day.date),
      canOrganise,
      hasTickets: ticketTypesOf(db, event.id).some((t) => t.visibility === 'public'),
      gridPublished: grid !== null,
      feedUrl: eventFeedUrl(app.campgrid.config.baseUrl, event.slug),
      sponsorGroups: recognitionOf(db, event.id),
      offersSponsorship: event.status === 'published' && packagesOf(db, event.id).length > 0,
      reachIsPublic: reachIsPublic(db, event, clock.now()),
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { daysOf } from '../events/events.ts';
import { publicEventById, publicEventBySlug } from '../events/visibility.ts';
import { roomsOf } from '../events/rooms.ts';
import { agendaPitchIds } from '../grid/agenda.ts';
import { latestPublished } from '../grid/published-versions.ts';
import type { PublishedGrid } from '../grid/published.ts';
import { findPerson, displayName } from '../people/people.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { ownerOfFeedToken } from './personal-feeds.ts';
import type { CampEvent } from '../events/events.ts';
import { outputsForExports } from '../outputs/exported.ts';
import type { GridWithOutputs } from './session-outputs.ts';

/** Before the first publish a public event still has feeds: empty ones, so calendar apps accept the address. */
function emptyGrid(event: CampEvent): PublishedGrid {
  return {
    event: { id: event.id, slug: event.slug, name: event.name, summary: event.summary, timeZone: event.timeZone, venueName: event.venueName, venueAddress: event.venueAddress },
    version: 0,
    publishedAt: event.updatedAt,
    note: '',
    sessions: [],
    changes: [],
  };
}

/** Connects the calendar feeds and exports to the database: published grids, rooms and days, agenda tokens. */
export async function calendarArea(app: FastifyInstance): Promise<void> {
  const { db, config, cache } = app.campgrid;
  const publicEvent = (slug: string) => publicEventBySlug(db, slug);
  // The latest grid with what its sessions made, for the exports' links and the events' descriptions.
  const gridOf = (event: CampEvent): GridWithOutputs => ({ ...(latestPublished(db, event.id) ?? emptyGrid(event)), outputs: outputsForExports(db, event.id) });
  await app.register(calendarRoutes, {
    baseUrl: config.baseUrl,
    cache,
    loadPublishedGrid: (slug) => {
      const event = publicEvent(slug);
      return event ? gridOf(event) : null;
    },
    loadCampLayout: (slug) => {
      const event = publicEvent(slug);
      if (!event) return null;
      return {
        rooms: roomsOf(db, event.id).map((r) => ({ id: r.id, name: r.name })),
        days: daysOf(db, event.id).map((d) => ({ date: d.date, startsAt: d.startsAt, endsAt: d.endsAt })),
      };
    },
    sessionsForFeedToken: (token) => {
      const owner = ownerOfFeedToken(db, config.sessionSecret, token);
      const person = owner ? findPerson(db, owner.personId) : undefined;
      const event = owner ? publicEventById(db, owner.eventId) : null;
      if (!owner || !person || !event) return null;
      const mine = agendaPitchIds(db, person.id).get(event.id);
      return {
        grid: gridOf(event),
        pitchIds: mine ? [...new Set([...mine.wanted, ...mine.facilitating])] : [],
        personName: displayName(person),
      };
    },
  });
}

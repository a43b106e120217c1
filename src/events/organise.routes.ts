import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { formBody, submitForm } from '../web/forms.ts';
import { organising, requireAdministrator, requireSignedIn } from '../web/guards.ts';
import { eventForm, statusForm } from './event.forms.ts';
import { changeEventStatus, createEvent, eventDetailsOf, updateEvent, type CampEvent } from './events.ts';
import { enterOrganiserContext } from './organiser-context.ts';
import { eventsOrganisedBy, hasRole, teamOf } from './organisers.ts';
import { roomsOf } from './rooms.ts';
import { sponsorTotals } from '../sponsors/sponsors.ts';
import { timetableOf } from './timetable.ts';

/** The event form's values: its details, with numbers as typed. */
const detailsOf = (e: CampEvent) => ({
  ...eventDetailsOf(e),
  reconfirmDaysBefore: e.reconfirmDaysBefore === null ? '' : String(e.reconfirmDaysBefore),
  needsKeptForDays: String(e.needsKeptForDays),
});

export interface OrganiseOptions {
  /** Each area's organiser routes, registered inside the one /organise/events/:slug context (see app.ts). */
  eventAreas: FastifyPluginAsync[];
}

/**
 * Everything under /organise: signed-in people only, and per event only its team. The event's
 * own pages are here; the other areas' organiser routes are handed in and registered inside
 * the same context, so the guard is written once.
 */
export async function organiseRoutes(app: FastifyInstance, { eventAreas }: OrganiseOptions): Promise<void> {
  const ctx = app.campgrid;
  const { db, clock } = ctx;
  app.addHook('onRequest', requireSignedIn);

  app.get('/', async (request, reply) =>
    reply.view('organise/dashboard.eta', { title: 'Organise', organised: eventsOrganisedBy(db, request.person!) }),
  );

  const newEventView = { title: 'Create an event', mode: 'new', backLink: '/organise' };
  app.get('/events/new', { preHandler: requireAdministrator }, async (_request, reply) =>
    reply.view('organise/event-form.eta', { ...newEventView, values: { timeZone: 'Europe/London', needsKeptForDays: '30' } }),
  );
  app.post('/events/new', { preHandler: requireAdministrator }, async (request, reply) =>
    submitForm(reply, {
      schema: eventForm,
      body: formBody(request.body),
      view: 'organise/event-form.eta',
      viewData: newEventView,
      act: (details) => `/organise/events/${createEvent(db, clock.now(), details, request.person!.id).slug}?done=created`,
    }),
  );

  app.register(
    async (eventApp) => {
      enterOrganiserContext(eventApp);

      eventApp.get('/', { config: { minimumRole: 'helper' } }, async (request, reply) => {
        const { event, role } = organising(request);
        return reply.view('organise/event.eta', {
          title: event.name,
          event,
          role,
          canEdit: hasRole(role, 'organiser'),
          isOwner: hasRole(role, 'owner'),
          timetable: timetableOf(db, event.id),
          rooms: roomsOf(db, event.id),
          team: teamOf(db, event.id),
          // Money is the organisers' business; helpers see the event without it.
          sponsorTotals: hasRole(role, 'organiser') ? sponsorTotals(db, event.id) : null,
          done: (request.query as Record<string, unknown>).done,
        });
      });

      const editView = (event: CampEvent) => ({ title: `Edit ${event.name}`, mode: 'edit', event, backLink: `/organise/events/${event.slug}` });
      eventApp.get('/edit', async (request, reply) => {
        const { event } = organising(request);
        return reply.view('organise/event-form.eta', { ...editView(event), values: detailsOf(event) });
      });
      eventApp.post('/edit', async (request, reply) => {
        const { event } = organising(request);
        return submitForm(reply, {
          schema: eventForm,
          body: formBody(request.body),
          view: 'organise/event-form.eta',
          viewData: editView(event),
          act: (details) => `/organise/events/${updateEvent(db, clock.now(), event.id, details).slug}?done=saved`,
        });
      });

      eventApp.post('/status', async (request, reply) => {
        const { event, role } = organising(request);
        return submitForm(reply, {
          schema: statusForm,
          body: formBody(request.body),
          view: 'organise/event.eta',
          viewData: {
            title: event.name,
            event,
            role,
            canEdit: true,
            isOwner: hasRole(role, 'owner'),
            timetable: timetableOf(db, event.id),
            rooms: roomsOf(db, event.id),
            team: teamOf(db, event.id),
            sponsorTotals: sponsorTotals(db, event.id),
          },
          act: ({ status }) => `/organise/events/${changeEventStatus(db, clock.now(), event.id, status).slug}?done=${status}`,
        });
      });

      for (const area of eventAreas) await eventApp.register(area);
    },
    { prefix: '/events/:slug' },
  );
}

import { latestPublished, publishedSessionOf } from '../grid/published-versions.ts';
import { mayAddOutputs, outputsOfSession } from '../outputs/outputs.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { daysOf, findEventById, type CampEvent } from '../events/events.ts';
import type { Person } from '../people/people.ts';
import { roleAt } from '../events/organisers.ts';
import { visibleEvent } from '../events/visibility.ts';
import { NotFound } from '../rules.ts';
import { isRegisteredFor } from '../tickets/registrations.ts';
import { formBody, parseForm } from '../web/forms.ts';
import { doneBanner, id, oneValue, slugParams, type TypedApp } from '../web/input.ts';
import { pitchDone } from './done-messages.ts';
import { pitchBoard, type BoardFilters } from './board.ts';
import { pendingInvitations } from './facilitators.ts';
import { InterestRefused, interestCount, markInterest, wantsToGo } from './interest.ts';
import { interestForm } from './pitch.forms.ts';
import { backTo, pitchViewBase } from './pitch-views.ts';
import { facilitates, facilitatorsOf, findPitch, pendingChangeOf, pitchAt, resolveMerged } from './pitches.ts';
import { pitchFormats, type PitchFormat } from './pitches.table.ts';
import { themesOf, themesOfPitch, type Theme } from '../themes/themes.ts';
import { countsVisible, interestState, pitchSettingsOf } from './settings.ts';

const wantsJson = (request: FastifyRequest) => (request.headers.accept ?? '').includes('application/json');

/** Interest is per person, not per address: a whole camp shares the venue's Wi-Fi. */
export const perPerson = (request: FastifyRequest) => (request.person ? `person-${request.person.id}` : request.ip);

/** The pitch board, each pitch's page, its short printable address, and "I'd go". */
export async function pitchRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config } = app.campgrid;

  // Values that match nothing (an old link, a theme since removed) are ignored: the board shows unfiltered.
  const filtersFrom = (query: Record<string, unknown>, eventDays: Array<{ id: number; date: string }>, campThemes: Theme[]): BoardFilters => {
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const day = eventDays.find((d) => d.date === text(query.day));
    const format = pitchFormats.find((f) => f === text(query.format)) as PitchFormat | undefined;
    const theme = campThemes.find((t) => String(t.id) === text(query.theme));
    return { dayId: day?.id, format, themeId: theme?.id, words: text(query.q).slice(0, 200) };
  };

  const boardQuery = z.object({ day: oneValue, format: oneValue, theme: oneValue, q: oneValue, order: oneValue, done: oneValue });
  app.get('/events/:slug/pitches', { schema: { params: slugParams, querystring: boardQuery } }, async (request, reply) => {
    const event = visibleEvent(db, request.params.slug, request.person);
    const query = request.query;
    const eventDays = daysOf(db, event.id);
    const campThemes = themesOf(db, event.id);
    const settings = pitchSettingsOf(db, event.id);
    const now = clock.now();
    const countsShown = countsVisible(settings, now);
    // Most wanted first only where the numbers are shown: the order would give hidden counts away.
    const filters = { ...filtersFrom(query, eventDays, campThemes), order: countsShown && query.order === 'wanted' ? ('wanted' as const) : ('pitched' as const) };
    const person = request.person;
    const registered = person ? isRegisteredFor(db, event.id, person.id) : false;
    return reply.view('pitches/board.eta', {
      ...pitchViewBase(event),
      title: `Pitches: ${event.name}`,
      days: eventDays,
      themes: campThemes,
      filters: { day: eventDays.find((d) => d.id === filters.dayId)?.date ?? '', format: filters.format ?? '', theme: filters.themeId === undefined ? '' : String(filters.themeId), q: filters.words ?? '', order: filters.order },
      filtered: filters.dayId !== undefined || !!filters.format || filters.themeId !== undefined || !!filters.words,
      pitches: pitchBoard(db, event.id, person?.id ?? null, filters),
      state: interestState(settings, now),
      settings,
      countsShown,
      registered,
      invitations: person ? pendingInvitations(db, event.id, person.id).length : 0,
      here: request.url,
      done: doneBanner(pitchDone, query.done),
    });
  });

  const pitchParams = slugParams.extend({ pitchId: id });
  app.get('/events/:slug/pitches/:pitchId', { schema: { params: pitchParams, querystring: z.object({ done: oneValue }) } }, async (request, reply) => {
    const event = visibleEvent(db, request.params.slug, request.person);
    const pitch = pitchAt(db, event.id, request.params.pitchId);
    if (pitch.status === 'merged') {
      const survivor = resolveMerged(db, pitch);
      return reply.redirect(`/events/${event.slug}/pitches/${survivor.id}`, 301);
    }
    const person = request.person;
    const isOrganiser = !!person && roleAt(db, person, event.id) !== null;
    const isFacilitator = !!person && facilitates(db, pitch.id, person.id);
    const isInvited = !!person && !isFacilitator && facilitates(db, pitch.id, person.id, true);
    if (pitch.status !== 'open' && !isOrganiser && !isFacilitator) throw new NotFound();
    const settings = pitchSettingsOf(db, event.id);
    const now = clock.now();
    return reply.view('pitches/pitch.eta', {
      ...pitchViewBase(event),
      title: pitch.title,
      pitch,
      themes: themesOfPitch(db, pitch.id),
      facilitators: facilitatorsOf(db, pitch.id).filter((f) => f.confirmed || isFacilitator || isOrganiser),
      day: daysOf(db, event.id).find((d) => d.id === (pitch.pinnedDayId ?? pitch.preferredDayId)),
      count: interestCount(db, pitch.id),
      countsShown: countsVisible(settings, now) || isOrganiser,
      mine: person ? wantsToGo(db, pitch.id, person.id) : false,
      state: interestState(settings, now),
      settings,
      registered: person ? isRegisteredFor(db, event.id, person.id) : false,
      isFacilitator,
      isInvited,
      isOrganiser,
      pendingChange: isFacilitator || isOrganiser ? pendingChangeOf(db, pitch.id) : undefined,
      shortUrl: `${config.baseUrl}/p/${pitch.id}`,
      here: `/events/${event.slug}/pitches/${pitch.id}`,
      backLink: `/events/${event.slug}/pitches`,
      done: doneBanner(pitchDone, request.query.done),
      ...sessionPart(event, pitch.id, now, person),
    });
  });

  /** Once on the published grid, a pitch's page is also its session's page, with what it made. */
  const sessionPart = (event: CampEvent, pitchId: number, now: Date, person: Person | null | undefined) => {
    const session = publishedSessionOf(latestPublished(db, event.id), pitchId);
    return {
      session,
      outputs: session ? outputsOfSession(db, pitchId, { viewer: person }) : [],
      nowMs: now.getTime(),
      canAddOutputs: mayAddOutputs(db, now, { event, session, person }),
    };
  };

  // A short address that fits on a sticky note or a printed grid; it outlives merges.
  app.get('/p/:pitchId', { schema: { params: z.object({ pitchId: id }) } }, async (request, reply) => {
    const found = findPitch(db, request.params.pitchId);
    if (!found) throw new NotFound();
    const pitch = resolveMerged(db, found);
    const owner = findEventById(db, pitch.eventId);
    if (!owner) throw new NotFound();
    const event = visibleEvent(db, owner.slug, request.person);
    return reply.redirect(`/events/${event.slug}/pitches/${pitch.id}`, 301);
  });

  app.post(
    '/events/:slug/pitches/:pitchId/interest',
    { schema: { params: pitchParams }, config: { rateLimit: { max: 120, timeWindow: '1 minute', keyGenerator: perPerson } } },
    async (request, reply) => {
      const event = visibleEvent(db, request.params.slug, request.person);
      const { pitchId } = request.params;
      const body = formBody(request.body);
      const back = backTo(body.back, event.slug, `/events/${event.slug}/pitches/${pitchId}`);
      if (!request.person) {
        if (wantsJson(request)) return reply.code(401).send({ error: 'Sign in to say which sessions you’d go to.' });
        return reply.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
      }
      const parsed = parseForm(interestForm, body);
      if (!parsed.ok) return refuse(reply, request, event, 400, parsed.errors.want ?? 'Say whether you’d go', back);
      try {
        const outcome = markInterest(db, clock.now(), { event, pitchId, personId: request.person.id, want: parsed.value.want === 'yes' });
        if (wantsJson(request)) return reply.send(outcome);
        return reply.redirect(back, 303);
      } catch (error) {
        if (error instanceof InterestRefused) return refuse(reply, request, event, error.reason === 'not-registered' ? 403 : 409, error.errors.interest!, back);
        throw error;
      }
    },
  );

  function refuse(reply: FastifyReply, request: FastifyRequest, event: { name: string; slug: string }, status: number, message: string, back: string) {
    if (wantsJson(request)) return reply.code(status).send({ error: message });
    return reply.code(status).view('pitches/interest-refused.eta', { title: 'We could not record that', message, back, event });
  }
}

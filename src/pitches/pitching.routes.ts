import type { FastifyInstance, FastifyRequest } from 'fastify';
import { campIsOver, campOverMessage, type CampEvent } from '../events/events.ts';
import { visibleEvent } from '../events/visibility.ts';
import { Forbidden, NotFound } from '../rules.ts';
import { isRegisteredFor } from '../tickets/registrations.ts';
import { formBody, parseForm, submitForm } from '../web/forms.ts';
import { idParam, requireSignedIn } from '../web/guards.ts';
import { answerInvitation, pendingInvitations } from './facilitators.ts';
import { answerForm, pitchForm } from './pitch.forms.ts';
import { dayAndSlotOptions, newSubmissionKey, pitchFormValues, pitchViewBase, submissionKeyOf } from './pitch-views.ts';
import { perPerson } from './pitches.routes.ts';
import { detailsOf, facilitates, pitchAt, pitchSession, revisePitch, withdrawPitch, type Pitch } from './pitches.ts';
import { pitchSettingsOf } from './settings.ts';

/** Attendees pitching, changing or withdrawing their own sessions, and answering co-facilitator invitations. */
export async function pitchingRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, config } = app.campgrid;
  app.addHook('onRequest', requireSignedIn);

  const eventOf = (request: FastifyRequest) => visibleEvent(db, (request.params as { slug: string }).slug, request.person);
  const board = (e: CampEvent) => `/events/${e.slug}/pitches`;
  const formView = (event: CampEvent, title: string, mode: 'new' | 'edit', backLink: string) => ({
    ...pitchViewBase(event),
    ...dayAndSlotOptions(db, event),
    title,
    mode,
    backLink,
    needsApproval: mode === 'edit' && pitchSettingsOf(db, event.id).changesNeedApproval,
  });

  app.get('/events/:slug/pitches/new', async (request, reply) => {
    const event = eventOf(request);
    if (campIsOver(event)) {
      return reply.code(409).view('pitches/interest-refused.eta', { title: 'This camp is over', message: campOverMessage(event), back: board(event), event });
    }
    if (!isRegisteredFor(db, event.id, request.person!.id)) {
      return reply.code(403).view('pitches/not-registered.eta', { title: 'You need a place to pitch', event });
    }
    return reply.view('pitches/pitch-form.eta', { ...formView(event, 'Pitch a session', 'new', board(event)), values: { preferredDay: 'any', needs: [], unavailable: [], submission: newSubmissionKey() } });
  });

  app.post('/events/:slug/pitches/new', { config: { rateLimit: { max: 20, timeWindow: '10 minutes', keyGenerator: perPerson } } }, async (request, reply) => {
    const event = eventOf(request);
    const body = formBody(request.body);
    return submitForm(reply, {
      schema: pitchForm,
      body,
      view: 'pitches/pitch-form.eta',
      viewData: formView(event, 'Pitch a session', 'new', board(event)),
      act: (details) => {
        const pitch = pitchSession(db, clock.now(), { event, person: request.person!, details, baseUrl: config.baseUrl, submissionKey: submissionKeyOf(body) });
        app.campgrid.mail.kick();
        return `${board(event)}/${pitch.id}?done=pitched`;
      },
    });
  });

  const ownPitch = (request: FastifyRequest, event: CampEvent): Pitch => {
    const pitch = pitchAt(db, event.id, idParam(request, 'pitchId'));
    if (!facilitates(db, pitch.id, request.person!.id)) throw new Forbidden();
    if (pitch.status === 'merged' || pitch.status === 'withdrawn') throw new NotFound();
    return pitch;
  };

  app.get('/events/:slug/pitches/:pitchId/edit', async (request, reply) => {
    const event = eventOf(request);
    const pitch = ownPitch(request, event);
    return reply.view('pitches/pitch-form.eta', { ...formView(event, `Change “${pitch.title}”`, 'edit', `${board(event)}/${pitch.id}`), values: pitchFormValues(detailsOf(db, pitch)) });
  });

  app.post('/events/:slug/pitches/:pitchId/edit', { config: { rateLimit: { max: 60, timeWindow: '10 minutes', keyGenerator: perPerson } } }, async (request, reply) => {
    const event = eventOf(request);
    const pitch = ownPitch(request, event);
    return submitForm(reply, {
      schema: pitchForm,
      body: formBody(request.body),
      view: 'pitches/pitch-form.eta',
      viewData: formView(event, `Change “${pitch.title}”`, 'edit', `${board(event)}/${pitch.id}`),
      act: (details) => {
        const outcome = revisePitch(db, clock.now(), { event, pitch, person: request.person!, details, baseUrl: config.baseUrl });
        app.campgrid.mail.kick();
        return `${board(event)}/${pitch.id}?done=${outcome}`;
      },
    });
  });

  app.get('/events/:slug/pitches/:pitchId/withdraw', async (request, reply) => {
    const event = eventOf(request);
    const pitch = ownPitch(request, event);
    return reply.view('organise/confirm-remove.eta', {
      title: `Withdraw “${pitch.title}”?`,
      warning: 'It will leave the pitch board and will not be scheduled. To run it after all, pitch it again.',
      button: 'Withdraw pitch',
      cancel: `${board(event)}/${pitch.id}`,
    });
  });

  app.post('/events/:slug/pitches/:pitchId/withdraw', async (request, reply) => {
    const event = eventOf(request);
    withdrawPitch(db, clock.now(), { event, pitch: ownPitch(request, event), person: request.person!, baseUrl: config.baseUrl });
    return reply.redirect(`${board(event)}?done=withdrawn`, 303);
  });

  app.get('/events/:slug/pitches/invitations', async (request, reply) => {
    const event = eventOf(request);
    return reply.view('pitches/invitations.eta', {
      ...pitchViewBase(event),
      title: 'Invitations to co-facilitate',
      invitations: pendingInvitations(db, event.id, request.person!.id),
      backLink: board(event),
      done: (request.query as Record<string, unknown>).done,
    });
  });

  app.post('/events/:slug/pitches/:pitchId/invitation', async (request, reply) => {
    const event = eventOf(request);
    const pitch = pitchAt(db, event.id, idParam(request, 'pitchId'));
    const parsed = parseForm(answerForm, formBody(request.body));
    if (!parsed.ok) return reply.redirect(`${board(event)}/invitations`, 303);
    if (parsed.value.answer === 'accept' && !isRegisteredFor(db, event.id, request.person!.id)) {
      return reply.code(403).view('pitches/not-registered.eta', { title: 'You need a place to co-facilitate', event });
    }
    answerInvitation(db, { pitchId: pitch.id, personId: request.person!.id, accept: parsed.value.answer === 'accept' });
    return reply.redirect(parsed.value.answer === 'accept' ? `${board(event)}/${pitch.id}?done=confirmed` : `${board(event)}/invitations?done=declined`, 303);
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CampEvent } from '../events/events.ts';
import { daysOf } from '../events/events.ts';
import { RuleViolation } from '../rules.ts';
import { formBody, parseForm, submitForm } from '../web/forms.ts';
import { idParam, organising } from '../web/guards.ts';
import { decideChange, editPitchAsOrganiser, hidePitch, mergePitch, mergeTargets, pitchesForModeration, showPitch } from './moderation.ts';
import { decisionForm, hideForm, mergeForm, organiserPitchForm } from './pitch.forms.ts';
import { organiserFormValues, pitchViewBase } from './pitch-views.ts';
import { pitchAt } from './pitches.ts';
import { schedulerInput } from './scheduler-input.ts';
import { pitchSettingsOf } from './settings.ts';

/**
 * What organisers do with pitches, under /organise/events/:slug: moderation, merging and the
 * scheduler's input. Registered inside the organiser context (app.ts), which guards it.
 */
export async function organisePitchRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.campgrid;
  const { db, clock, config } = ctx;

  const base = (e: CampEvent) => `/organise/events/${e.slug}/pitches`;
  const pitchOf = (request: FastifyRequest, event: CampEvent) => pitchAt(db, event.id, idParam(request, 'pitchId'));

  const moderationView = (event: CampEvent) => ({
    ...pitchViewBase(event),
    title: 'Pitches',
    list: pitchesForModeration(db, event.id),
    days: daysOf(db, event.id),
    settings: pitchSettingsOf(db, event.id),
    backLink: `/organise/events/${event.slug}`,
  });
  app.get('/pitches', async (request, reply) => {
    const { event } = organising(request);
    return reply.view('pitches/moderation.eta', { ...moderationView(event), done: (request.query as Record<string, unknown>).done });
  });

  // The scheduler's sessions and attendees for this event, for the grid and for anyone checking it.
  app.get('/pitches/scheduler-input.json', async (request, reply) => {
    const { event } = organising(request);
    return reply.header('cache-control', 'no-store').send(schedulerInput(db, event.id));
  });

  const editView = (event: CampEvent, title: string) => ({
    ...pitchViewBase(event),
    title: `Change “${title}”`,
    dayOptions: daysOf(db, event.id).map((d) => ({ value: String(d.id), text: (d.label ? `${d.label}, ` : '') + d.date })),
    backLink: base(event),
  });
  app.get('/pitches/:pitchId/edit', async (request, reply) => {
    const { event } = organising(request);
    const pitch = pitchOf(request, event);
    return reply.view('pitches/organiser-edit.eta', { ...editView(event, pitch.title), values: organiserFormValues(pitch) });
  });
  app.post('/pitches/:pitchId/edit', async (request, reply) => {
    const { event } = organising(request);
    const pitch = pitchOf(request, event);
    return submitForm(reply, {
      schema: organiserPitchForm,
      body: formBody(request.body),
      view: 'pitches/organiser-edit.eta',
      viewData: editView(event, pitch.title),
      act: (edit) => {
        editPitchAsOrganiser(db, clock.now(), { event, pitchId: pitch.id, edit });
        return `${base(event)}?done=saved#pitch-${pitch.id}`;
      },
    });
  });

  const hideView = (event: CampEvent, title: string) => ({ ...pitchViewBase(event), title: `Hide “${title}”`, backLink: base(event) });
  app.get('/pitches/:pitchId/hide', async (request, reply) => {
    const { event } = organising(request);
    const pitch = pitchOf(request, event);
    return reply.view('pitches/hide.eta', { ...hideView(event, pitch.title), values: { reason: pitch.hiddenReason ?? '' } });
  });
  app.post('/pitches/:pitchId/hide', async (request, reply) => {
    const { event } = organising(request);
    const pitch = pitchOf(request, event);
    return submitForm(reply, {
      schema: hideForm,
      body: formBody(request.body),
      view: 'pitches/hide.eta',
      viewData: hideView(event, pitch.title),
      act: ({ reason }) => {
        hidePitch(db, clock.now(), { event, pitchId: pitch.id, reason, baseUrl: config.baseUrl });
        ctx.mail.kick();
        return `${base(event)}?done=hidden#pitch-${pitch.id}`;
      },
    });
  });
  app.post('/pitches/:pitchId/show', async (request, reply) => {
    const { event } = organising(request);
    showPitch(db, clock.now(), { event, pitchId: pitchOf(request, event).id });
    return reply.redirect(`${base(event)}?done=shown`, 303);
  });

  const mergeView = (event: CampEvent, pitch: { id: number; title: string }) => ({
    ...pitchViewBase(event),
    title: `Merge “${pitch.title}” into another pitch`,
    targets: mergeTargets(db, event.id, pitch.id),
    backLink: base(event),
  });
  app.get('/pitches/:pitchId/merge', async (request, reply) => {
    const { event } = organising(request);
    return reply.view('pitches/merge.eta', { ...mergeView(event, pitchOf(request, event)), values: {} });
  });
  app.post('/pitches/:pitchId/merge', async (request, reply) => {
    const { event } = organising(request);
    const pitch = pitchOf(request, event);
    return submitForm(reply, {
      schema: mergeForm,
      body: formBody(request.body),
      view: 'pitches/merge.eta',
      viewData: mergeView(event, pitch),
      act: ({ into }) => `${base(event)}?done=merged#pitch-${mergePitch(db, clock.now(), { event, pitchId: pitch.id, intoId: into, baseUrl: config.baseUrl }).id}`,
    });
  });

  app.post('/pitches/:pitchId/change', async (request, reply) => {
    const { event } = organising(request);
    const pitch = pitchOf(request, event);
    const again = (errors: Record<string, string>) => reply.code(400).view('pitches/moderation.eta', { ...moderationView(event), errors });
    const parsed = parseForm(decisionForm, formBody(request.body));
    if (!parsed.ok) return again(parsed.errors);
    try {
      decideChange(db, clock.now(), { event, pitchId: pitch.id, approve: parsed.value.decision === 'approve', organiser: request.person!, baseUrl: config.baseUrl });
    } catch (error) {
      // A change can go stale while it waits: say why it can't be applied, beside the pitch.
      if (error instanceof RuleViolation) return again({ [`pitch-${pitch.id}`]: `“${pitch.title}”: ${Object.values(error.errors).join('. ')}` });
      throw error;
    }
    ctx.mail.kick();
    return reply.redirect(`${base(event)}?done=${parsed.value.decision === 'approve' ? 'change-approved' : 'change-rejected'}`, 303);
  });
}

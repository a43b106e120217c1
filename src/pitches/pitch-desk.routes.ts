import { z } from 'zod';
import type { CampEvent } from '../events/events.ts';
import { localClockTime, localDate } from '../events/local-time.ts';
import { formBody, joinDateParts, splitDate, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { id, type TypedApp } from '../web/input.ts';
import { pitchesToday, takeDeskPitch, todaysDayId } from './desk.ts';
import { deskForm, settingsForm, settingsFromForm } from './pitch.forms.ts';
import { dayAndSlotOptions, newSubmissionKey, pitchViewBase, submissionKeyOf } from './pitch-views.ts';
import { perPerson } from './pitches.routes.ts';
import { pitchSettingsOf, savePitchSettings, type PitchSettings } from './settings.ts';

/** The morning pitch desk (helpers too) and the event's pitch settings (organisers). */
export async function pitchDeskRoutes(app: TypedApp): Promise<void> {
  const { db, clock } = app.campgrid;
  const base = (e: CampEvent) => `/organise/events/${e.slug}`;

  const deskView = (event: CampEvent, options = dayAndSlotOptions(db, event)) => ({
    ...pitchViewBase(event),
    title: 'Pitch desk',
    today: pitchesToday(db, event, clock.now()),
    dayOptions: options.dayOptions,
    themeOptions: options.themeOptions,
    backLink: base(event),
  });

  // ?saved= names the pitch just taken, so the desk can say so.
  app.get('/pitch-desk', { schema: { querystring: z.object({ saved: id.optional() }) }, config: { minimumRole: 'helper' } }, async (request, reply) => {
    const { event } = organising(request);
    const { saved } = request.query;
    const view = deskView(event);
    return reply.view('pitches/desk.eta', { ...view, saved: view.today.find((p) => p.id === saved), values: { format: 'discussion', needs: [], day: String(todaysDayId(db, event, clock.now()) ?? 'any'), mustBeOnDay: 'yes', submission: newSubmissionKey() } });
  });

  app.post('/pitch-desk', { config: { minimumRole: 'helper', rateLimit: { max: 120, timeWindow: '1 minute', keyGenerator: perPerson } } }, async (request, reply) => {
    const { event } = organising(request);
    const body = formBody(request.body);
    return submitForm(reply, {
      schema: deskForm,
      body,
      view: 'pitches/desk.eta',
      viewData: deskView(event),
      act: (pitch) => `${base(event)}/pitch-desk?saved=${takeDeskPitch(db, clock.now(), { event, enteredBy: request.person!, pitch, submissionKey: submissionKeyOf(body) }).id}`,
    });
  });

  const settingsValues = (s: PitchSettings, zone: string) => {
    const boxes = (at: number | null, name: string) =>
      at === null ? { [name]: '', [`${name}Time`]: '' } : { ...splitDate(localDate(at, zone), name), [`${name}Time`]: localClockTime(at, zone) };
    return { ...boxes(s.interestOpensAt, 'opens'), ...boxes(s.interestClosesAt, 'closes'), counts: s.counts, changesNeedApproval: s.changesNeedApproval ? 'yes' : '' };
  };
  const settingsView = (event: CampEvent) => ({ ...pitchViewBase(event), title: 'Pitch settings', backLink: base(event) });

  app.get('/pitch-settings', async (request, reply) => {
    const { event } = organising(request);
    return reply.view('pitches/settings.eta', { ...settingsView(event), values: settingsValues(pitchSettingsOf(db, event.id), event.timeZone) });
  });

  app.post('/pitch-settings', async (request, reply) => {
    const { event } = organising(request);
    const body = formBody(request.body);
    joinDateParts(body, 'opens');
    joinDateParts(body, 'closes');
    return submitForm(reply, {
      schema: settingsForm,
      body,
      view: 'pitches/settings.eta',
      viewData: settingsView(event),
      act: (value) => {
        savePitchSettings(db, clock.now(), event.id, settingsFromForm(value, event.timeZone));
        return `${base(event)}/pitches?done=settings-saved`;
      },
    });
  });
}

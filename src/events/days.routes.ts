import { NotFound } from '../rules.ts';
import { formBody, splitDate, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { id, slugParams, type TypedApp } from '../web/input.ts';
import { addDay, findDay, removeDay, updateDay } from './days.ts';
import { dayForm, parseDayBody } from './event.forms.ts';
import type { CampEvent } from './events.ts';
import { localClockTime, longDate } from './local-time.ts';

/** Adding, changing and removing an event's days. */
export async function dayRoutes(app: TypedApp): Promise<void> {
  const { db } = app.campgrid;
  const dayAddress = { params: slugParams.extend({ dayId: id }) };
  const base = (e: CampEvent) => `/organise/events/${e.slug}`;

  const newView = (event: CampEvent) => ({ title: 'Add a day', event, mode: 'new', backLink: base(event) });
  app.get('/days/new', async (request, reply) => {
    const { event } = organising(request);
    return reply.view('organise/day-form.eta', { ...newView(event), values: { opens: '09:00', closes: '17:00' } });
  });
  app.post('/days/new', async (request, reply) => {
    const { event } = organising(request);
    return submitForm(reply, {
      schema: dayForm,
      body: parseDayBody(formBody(request.body)),
      view: 'organise/day-form.eta',
      viewData: newView(event),
      act: (details) => `${base(event)}/days/${addDay(db, event.id, event.timeZone, details).id}/slots?done=day-added`,
    });
  });

  const dayOf = (event: CampEvent, dayId: number) => {
    const day = findDay(db, event.id, dayId);
    if (!day) throw new NotFound();
    return day;
  };

  app.get('/days/:dayId/edit', { schema: dayAddress }, async (request, reply) => {
    const { event } = organising(request);
    const day = dayOf(event, request.params.dayId);
    return reply.view('organise/day-form.eta', {
      title: `Change ${longDate(day.date)}`,
      event,
      mode: 'edit',
      backLink: base(event),
      values: { ...splitDate(day.date, 'date'), label: day.label, opens: localClockTime(day.startsAt, event.timeZone), closes: localClockTime(day.endsAt, event.timeZone) },
    });
  });
  app.post('/days/:dayId/edit', { schema: dayAddress }, async (request, reply) => {
    const { event } = organising(request);
    const day = dayOf(event, request.params.dayId);
    return submitForm(reply, {
      schema: dayForm,
      body: parseDayBody(formBody(request.body)),
      view: 'organise/day-form.eta',
      viewData: { title: `Change ${longDate(day.date)}`, event, mode: 'edit', backLink: base(event) },
      act: (details) => {
        updateDay(db, event.id, event.timeZone, day.id, details);
        return `${base(event)}?done=saved`;
      },
    });
  });

  app.get('/days/:dayId/remove', { schema: dayAddress }, async (request, reply) => {
    const { event } = organising(request);
    const day = dayOf(event, request.params.dayId);
    return reply.view('organise/confirm-remove.eta', {
      title: `Remove ${longDate(day.date)}?`,
      warning: 'Its slots are removed with it. This cannot be undone.',
      button: 'Remove day',
      cancel: base(event),
    });
  });
  app.post('/days/:dayId/remove', { schema: dayAddress }, async (request, reply) => {
    const { event } = organising(request);
    const day = dayOf(event, request.params.dayId);
    removeDay(db, event.id, day.id);
    return reply.redirect(`${base(event)}?done=removed`, 303);
  });
}

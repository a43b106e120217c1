import { NotFound, RuleViolation } from '../rules.ts';
import { formBody, parseForm, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { doneBanner, doneQuery, id, slugParams, type TypedApp } from '../web/input.ts';
import { eventDone } from './done-messages.ts';
import { findDay, slotsOfDay, type Day } from './days.ts';
import { slotForm, slotPatternForm } from './event.forms.ts';
import type { CampEvent } from './events.ts';
import { localClockTime, longDate } from './local-time.ts';
import { addSlot, findSlot, generateSlots, removeSlot, updateSlot } from './slots.ts';

/** A day's slots: the list with an add form, editing, removing, and generating from a pattern. */
export async function slotRoutes(app: TypedApp): Promise<void> {
  const { db } = app.campgrid;
  const dayAddress = { params: slugParams.extend({ dayId: id }) };
  const slotInDayAddress = { params: slugParams.extend({ dayId: id, slotId: id }) };
  const dayPath = (e: CampEvent, d: Day) => `/organise/events/${e.slug}/days/${d.id}/slots`;

  const dayOf = (event: CampEvent, dayId: number): Day => {
    const day = findDay(db, event.id, dayId);
    if (!day) throw new NotFound();
    return day;
  };
  const listView = (event: CampEvent, day: Day) => ({
    title: `Slots for ${day.label ? `${day.label}, ` : ''}${longDate(day.date)}`,
    event,
    day,
    slots: slotsOfDay(db, day.id),
    backLink: `/organise/events/${event.slug}`,
  });

  app.get('/days/:dayId/slots', { schema: { ...dayAddress, querystring: doneQuery } }, async (request, reply) => {
    const { event } = organising(request);
    const day = dayOf(event, request.params.dayId);
    return reply.view('organise/slots.eta', { ...listView(event, day), values: { kind: 'session' }, done: doneBanner(eventDone, request.query.done) });
  });
  app.post('/days/:dayId/slots', { schema: dayAddress }, async (request, reply) => {
    const { event } = organising(request);
    const day = dayOf(event, request.params.dayId);
    return submitForm(reply, {
      schema: slotForm,
      body: formBody(request.body),
      view: 'organise/slots.eta',
      viewData: listView(event, day),
      act: (details) => {
        addSlot(db, day, event.timeZone, details);
        return `${dayPath(event, day)}?done=slot-added`;
      },
    });
  });

  const slotOf = (day: Day, slotId: number) => {
    const slot = findSlot(db, day.id, slotId);
    if (!slot) throw new NotFound();
    return slot;
  };
  app.get('/days/:dayId/slots/:slotId/edit', { schema: slotInDayAddress }, async (request, reply) => {
    const { event } = organising(request);
    const day = dayOf(event, request.params.dayId);
    const slot = slotOf(day, request.params.slotId);
    return reply.view('organise/slot-form.eta', {
      title: 'Change slot',
      event,
      day,
      backLink: dayPath(event, day),
      values: { kind: slot.kind, label: slot.label, starts: localClockTime(slot.startsAt, event.timeZone), ends: localClockTime(slot.endsAt, event.timeZone) },
    });
  });
  app.post('/days/:dayId/slots/:slotId/edit', { schema: slotInDayAddress }, async (request, reply) => {
    const { event } = organising(request);
    const day = dayOf(event, request.params.dayId);
    const slot = slotOf(day, request.params.slotId);
    return submitForm(reply, {
      schema: slotForm,
      body: formBody(request.body),
      view: 'organise/slot-form.eta',
      viewData: { title: 'Change slot', event, day, backLink: dayPath(event, day) },
      act: (details) => {
        updateSlot(db, day, event.timeZone, slot.id, details);
        return `${dayPath(event, day)}?done=saved`;
      },
    });
  });
  app.post('/days/:dayId/slots/:slotId/remove', { schema: slotInDayAddress }, async (request, reply) => {
    const { event } = organising(request);
    const day = dayOf(event, request.params.dayId);
    removeSlot(db, day.id, slotOf(day, request.params.slotId).id);
    return reply.redirect(`${dayPath(event, day)}?done=removed`, 303);
  });

  const generateView = (event: CampEvent, day: Day) => ({
    title: `Generate slots for ${longDate(day.date)}`,
    event,
    day,
    hasSlots: slotsOfDay(db, day.id).length > 0,
    backLink: dayPath(event, day),
  });
  app.get('/days/:dayId/slots/generate', { schema: dayAddress }, async (request, reply) => {
    const { event } = organising(request);
    const day = dayOf(event, request.params.dayId);
    return reply.view('organise/generate-slots.eta', {
      ...generateView(event, day),
      values: { pitchingStarts: '09:30', pitchingMinutes: '30', firstSessionStarts: '10:00', sessionMinutes: '45', changeoverMinutes: '15', sessionCount: '5', lunchStarts: '12:30', lunchMinutes: '45' },
    });
  });
  app.post('/days/:dayId/slots/generate', { schema: dayAddress }, async (request, reply) => {
    const { event } = organising(request);
    const day = dayOf(event, request.params.dayId);
    const body = formBody(request.body);
    const view = generateView(event, day);
    const parsed = parseForm(slotPatternForm, body);
    if (parsed.ok && view.hasSlots && parsed.value.replace !== 'yes') {
      return reply.code(400).view('organise/generate-slots.eta', {
        ...view,
        values: body,
        errors: { replace: 'This day already has slots. Tick the box to replace them, or go back' },
      });
    }
    return submitForm(reply, {
      schema: slotPatternForm,
      body,
      view: 'organise/generate-slots.eta',
      viewData: view,
      act: (pattern) => {
        if (pattern.lunchStarts === null && pattern.pitchingStarts === null && pattern.sessionCount < 1) throw new RuleViolation({ sessionCount: 'Add at least one session' });
        generateSlots(db, day, event.timeZone, pattern);
        return `${dayPath(event, day)}?done=generated`;
      },
    });
  });
}

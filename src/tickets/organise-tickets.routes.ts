import { linksFor } from './manage-links.ts';
import { daysOf, type CampEvent } from '../events/events.ts';
import { NotFound } from '../rules.ts';
import { formBody, submitAction, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { doneBanner, doneQuery, id, slugParams, type TypedApp } from '../web/input.ts';
import { ticketDone } from './done-messages.ts';
import { ticketNumbers } from './organiser-view.ts';
import { offerFreePlaces } from './waiting-list.ts';
import { addTicketType, findTicketType, removeTicketType, updateTicketType, wavesOf } from './ticket-types.ts';
import { formFromTicketType, prepareTicketTypeBody, ticketTypeForm, ticketTypeFromForm } from './ticket-type.forms.ts';

/** Organisers set up ticket types and watch the numbers: /organise/events/:slug/tickets. */
export async function organiseTicketRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const typeAddress = { params: slugParams.extend({ typeId: id }) };
  const links = linksFor(config);
  const base = (e: CampEvent) => `/organise/events/${e.slug}/tickets`;
  const eventOver = (event: CampEvent) => {
    const eventDays = daysOf(db, event.id);
    return eventDays.length > 0 && Math.max(...eventDays.map((d) => d.endsAt)) < clock.now().getTime();
  };
  const listView = (event: CampEvent) => ({
    title: `Tickets for ${event.name}`,
    event,
    numbers: ticketNumbers(db, event.id, clock.now(), eventOver(event)),
    backLink: `/organise/events/${event.slug}`,
  });

  app.get('/tickets', { schema: { querystring: doneQuery } }, async (request, reply) => {
    const { event } = organising(request);
    return reply.view('tickets/organise/list.eta', { ...listView(event), done: doneBanner(ticketDone, request.query.done) });
  });

  const formView = (event: CampEvent, title: string) => ({ title, event, days: daysOf(db, event.id), backLink: base(event) });
  app.get('/tickets/new', async (request, reply) => {
    const { event } = organising(request);
    return reply.view('tickets/organise/form.eta', {
      ...formView(event, 'Add a ticket type'),
      values: { visibility: 'public', allocation: 'first-come', offerHours: '48', lastMinuteOfferHours: '4', opensTime: '12:00', closesTime: '12:00', dayIds: [] },
    });
  });
  app.post('/tickets/new', async (request, reply) => {
    const { event } = organising(request);
    return submitForm(reply, {
      schema: ticketTypeForm,
      body: prepareTicketTypeBody(formBody(request.body)),
      view: 'tickets/organise/form.eta',
      viewData: formView(event, 'Add a ticket type'),
      act: (form) => {
        addTicketType(db, clock.now(), event.id, ticketTypeFromForm(form, event.timeZone));
        return `${base(event)}?done=saved`;
      },
    });
  });

  const typeOf = (event: CampEvent, id: number) => {
    const type = findTicketType(db, event.id, id);
    if (!type) throw new NotFound();
    return type;
  };
  app.get('/tickets/:typeId/edit', { schema: typeAddress }, async (request, reply) => {
    const { event } = organising(request);
    const type = typeOf(event, request.params.typeId);
    return reply.view('tickets/organise/form.eta', { ...formView(event, `Change ${type.name}`), type, values: formFromTicketType(type, wavesOf(db, type.id), event.timeZone) });
  });
  app.post('/tickets/:typeId/edit', { schema: typeAddress }, async (request, reply) => {
    const { event } = organising(request);
    const type = typeOf(event, request.params.typeId);
    const result = await submitForm(reply, {
      schema: ticketTypeForm,
      body: prepareTicketTypeBody(formBody(request.body)),
      view: 'tickets/organise/form.eta',
      viewData: { ...formView(event, `Change ${type.name}`), type },
      act: (form) => {
        const updated = updateTicketType(db, event.id, type.id, ticketTypeFromForm(form, event.timeZone));
        // A raised capacity is offered to the waiting list straight away.
        offerFreePlaces(db, clock.now(), links, updated);
        return `${base(event)}?done=saved`;
      },
    });
    mail.kick();
    return result;
  });
  app.post('/tickets/:typeId/remove', { schema: typeAddress }, async (request, reply) => {
    const { event } = organising(request);
    const type = typeOf(event, request.params.typeId);
    return submitAction(reply, {
      view: 'tickets/organise/list.eta',
      viewData: listView(event),
      act: () => {
        removeTicketType(db, event.id, type.id);
        return `${base(event)}?done=removed`;
      },
    });
  });
}

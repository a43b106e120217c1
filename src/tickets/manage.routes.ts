import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { sessionsLosingFacilitator } from '../pitches/facilitators.ts';
import { NotFound } from '../rules.ts';
import { formBody, submitAction, submitForm } from '../web/forms.ts';
import { doneBanner, doneQuery, id, tokenParams, type TypedApp } from '../web/input.ts';
import { ticketDone } from './done-messages.ts';
import { accessNeedsOf } from './access-needs.ts';
import { linksFor, manageLink } from './manage-links.ts';
import { confirmStillComing, declineOffer, needsOf, registrationForManageLink, releasePlace, updateAttendeeDetails } from './manage.ts';
import { attendeeDetailsForm } from './ticket.forms.ts';
import { campIsOver } from './ticket-types.ts';
import { acceptOffer, waitingPosition } from './waiting-list.ts';
import type { TicketContext } from './registrations.ts';

/**
 * /tickets/:id/:token — the page behind the secret link in every ticket email. It manages that
 * one registration and nothing else: it never signs anyone in.
 */
export async function manageRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const links = linksFor(config);

  const params = tokenParams.extend({ id });
  const ticketOf = (request: { params: z.infer<typeof params> }, reply: FastifyReply): TicketContext => {
    const ticket = registrationForManageLink(db, config.sessionSecret, request.params.id, request.params.token);
    if (!ticket) throw new NotFound();
    // The address is a secret: keep it out of caches and other sites' logs.
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return ticket;
  };
  const pathOf = (ticket: TicketContext) => new URL(manageLink(links, ticket.registration)).pathname;
  const pageData = (ticket: TicketContext) => ({
    title: `Your place: ${ticket.type.name}`,
    ticket,
    base: pathOf(ticket),
    position: ticket.registration.status === 'waiting' ? waitingPosition(db, ticket.registration) : null,
    now: clock.now().getTime(),
    over: campIsOver(db, ticket.type, clock.now()),
  });

  app.get('/tickets/:id/:token', { schema: { params, querystring: doneQuery } }, async (request, reply) => {
    const ticket = ticketOf(request, reply);
    const { done } = request.query;
    return reply.view('tickets/manage.eta', { ...pageData(ticket), done: doneBanner(ticketDone, done), placeGivenUp: done === 'released' || done === 'declined' });
  });

  const act = (path: string, action: (ticket: TicketContext) => unknown, done: string) =>
    app.post(`/tickets/:id/:token/${path}`, { schema: { params } }, async (request, reply) => {
      const ticket = ticketOf(request, reply);
      return submitAction(reply, {
        view: 'tickets/manage.eta',
        viewData: pageData(ticket),
        act: () => {
          action(ticket);
          mail.kick();
          return `${pathOf(ticket)}?done=${done}`;
        },
      });
    });
  act('accept', (t) => acceptOffer(db, clock.now(), links, t.registration.id), 'accepted');
  act('decline', (t) => declineOffer(db, clock.now(), links, t.registration.id), 'declined');
  act('release', (t) => releasePlace(db, clock.now(), links, t.registration.id), 'released');
  act('still-coming', (t) => confirmStillComing(db, clock.now(), t.registration.id), 'still-coming');

  // The links in emails open a page with one button: a mail scanner following links changes nothing.
  app.get('/tickets/:id/:token/release', { schema: { params } }, async (request, reply) => {
    const ticket = ticketOf(request, reply);
    const losing = ticket.registration.status === 'confirmed' ? sessionsLosingFacilitator(db, ticket.event.id, ticket.registration.personId, ticket.registration.id) : [];
    return reply.view('tickets/confirm-release.eta', { ...pageData(ticket), title: 'Release your place?', losing });
  });
  app.get('/tickets/:id/:token/still-coming', { schema: { params } }, async (request, reply) => {
    const ticket = ticketOf(request, reply);
    return reply.view('tickets/still-coming.eta', { ...pageData(ticket), title: 'Are you still coming?' });
  });

  const detailsView = (ticket: TicketContext) => ({ ...pageData(ticket), title: 'Change your details', backLink: pathOf(ticket) });
  app.get('/tickets/:id/:token/details', { schema: { params } }, async (request, reply) => {
    const ticket = ticketOf(request, reply);
    const r = ticket.registration;
    const needs = needsOf(db, r.id);
    return reply.view('tickets/details.eta', {
      ...detailsView(ticket),
      values: { name: r.name, organisation: r.organisation, role: r.role, firstCamp: r.firstCamp ? 'yes' : 'no', noPhotos: r.noPhotos ? 'yes' : '', showOnAttendeeList: r.showOnAttendeeList ? 'yes' : '', ...needs, access: accessNeedsOf(db, r.id) },
    });
  });
  app.post('/tickets/:id/:token/details', { schema: { params } }, async (request, reply) => {
    const ticket = ticketOf(request, reply);
    return submitForm(reply, {
      schema: attendeeDetailsForm,
      body: formBody(request.body),
      view: 'tickets/details.eta',
      viewData: detailsView(ticket),
      act: (details) => {
        updateAttendeeDetails(db, clock.now(), ticket.registration.id, details);
        return `${pathOf(ticket)}?done=saved`;
      },
    });
  });
}

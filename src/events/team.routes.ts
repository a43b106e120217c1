import { formBody, submitAction, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { doneBanner, doneQuery, id, slugParams, type TypedApp } from '../web/input.ts';
import { eventDone } from './done-messages.ts';
import { inviteForm, roleForm } from './event.forms.ts';
import type { CampEvent } from './events.ts';
import { changeOrganiserRole, hasRole, inviteOrganiser, removeOrganiser, teamOf } from './organisers.ts';

/** The event's team: everyone on it can see who is; owners invite, change roles and remove. */
export async function teamRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const memberAddress = { params: slugParams.extend({ memberId: id }) };
  const teamPath = (e: CampEvent) => `/organise/events/${e.slug}/team`;
  const teamView = (event: CampEvent, isOwner: boolean, selfId: number) => ({
    title: `Team for ${event.name}`,
    event,
    isOwner,
    selfId,
    team: teamOf(db, event.id),
    backLink: `/organise/events/${event.slug}`,
  });

  app.get('/team', { schema: { querystring: doneQuery }, config: { minimumRole: 'helper' } }, async (request, reply) => {
    const { event, role } = organising(request);
    return reply.view('organise/team.eta', {
      ...teamView(event, hasRole(role, 'owner'), request.person!.id),
      values: { role: 'organiser' },
      done: doneBanner(eventDone, request.query.done),
    });
  });

  app.post('/team', { config: { minimumRole: 'owner' } }, async (request, reply) => {
    const { event } = organising(request);
    const result = await submitForm(reply, {
      schema: inviteForm,
      body: formBody(request.body),
      view: 'organise/team.eta',
      viewData: teamView(event, true, request.person!.id),
      act: ({ email, role }) => {
        inviteOrganiser(db, clock.now(), { event, email, role, invitedBy: request.person!, baseUrl: config.baseUrl });
        return `${teamPath(event)}?done=invited`;
      },
    });
    mail.kick();
    return result;
  });

  app.post('/team/:memberId/role', { schema: memberAddress, config: { minimumRole: 'owner' } }, async (request, reply) => {
    const { event } = organising(request);
    const memberId = request.params.memberId;
    return submitForm(reply, {
      schema: roleForm,
      body: formBody(request.body),
      view: 'organise/team.eta',
      viewData: teamView(event, true, request.person!.id),
      act: ({ role }) => {
        changeOrganiserRole(db, event.id, memberId, role);
        return `${teamPath(event)}?done=saved`;
      },
    });
  });

  app.post('/team/:memberId/remove', { schema: memberAddress, config: { minimumRole: 'owner' } }, async (request, reply) => {
    const { event } = organising(request);
    const memberId = request.params.memberId;
    return submitAction(reply, {
      view: 'organise/team.eta',
      viewData: teamView(event, true, request.person!.id),
      act: () => {
        removeOrganiser(db, event.id, memberId);
        return `${teamPath(event)}?done=removed`;
      },
    });
  });
}

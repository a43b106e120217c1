import { linksFor } from '../tickets/manage-links.ts';
import type { CampEvent } from '../events/events.ts';
import { formBody, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { doneBanner, doneQuery, type DoneMessages, type TypedApp } from '../web/input.ts';
import { buddyOverview, chooseBuddy, firstTimersPerBuddy, setBuddyTiming } from './buddies.ts';
import { buddyTimingForm, chooseBuddyForm } from './buddies.forms.ts';

const buddiesDone: DoneMessages = { chosen: 'Buddy chosen: both have been sent an introduction', timing: 'When buddies are given saved' };

/** /organise/events/:slug/buddies: owners and organisers see the first-timers' buddies and change them. */
export async function buddyRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const links = linksFor(config);
  const buddiesPath = (e: CampEvent) => `/organise/events/${e.slug}/buddies`;
  const page = (event: CampEvent) => ({
    title: `Buddies for ${event.name}`,
    event,
    perBuddy: firstTimersPerBuddy,
    ...buddyOverview(db, event.id),
    backLink: `/organise/events/${event.slug}`,
  });

  app.get('/buddies', { config: { minimumRole: 'organiser' }, schema: { querystring: doneQuery } }, async (request, reply) => {
    const { event } = organising(request);
    return reply.view('buddies/organise.eta', { ...page(event), values: { daysBefore: String(event.buddiesPairedDaysBefore) }, done: doneBanner(buddiesDone, request.query.done) });
  });

  app.post('/buddies', { config: { minimumRole: 'organiser' } }, async (request, reply) => {
    const { event } = organising(request);
    const result = await submitForm(reply, {
      schema: chooseBuddyForm,
      body: formBody(request.body),
      view: 'buddies/organise.eta',
      viewData: { ...page(event), values: { daysBefore: String(event.buddiesPairedDaysBefore) } },
      act: ({ firstTimer, buddy }) => {
        chooseBuddy(db, clock.now(), links, event, firstTimer, buddy);
        return `${buddiesPath(event)}?done=chosen`;
      },
    });
    mail.kick();
    return result;
  });

  app.post('/buddies/timing', { config: { minimumRole: 'organiser' } }, async (request, reply) => {
    const { event } = organising(request);
    return submitForm(reply, {
      schema: buddyTimingForm,
      body: formBody(request.body),
      view: 'buddies/organise.eta',
      viewData: page(event),
      act: ({ daysBefore }) => {
        setBuddyTiming(db, clock.now(), event.id, daysBefore);
        return `${buddiesPath(event)}?done=timing`;
      },
    });
  });
}

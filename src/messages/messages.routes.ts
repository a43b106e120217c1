import type { CampEvent } from '../events/events.ts';
import { newSecretToken } from '../people/tokens.ts';
import { formBody, parseForm, submitForm } from '../web/forms.ts';
import { organising } from '../web/guards.ts';
import { doneBanner, doneQuery, type TypedApp } from '../web/input.ts';
import { eventDone } from '../events/done-messages.ts';
import { audienceOf, groupChoices } from './audience.ts';
import { messageForm, sendForm } from './message.forms.ts';
import { composeAnnouncement, messagesSent, sendMessage } from './send.ts';

/** Messages to the people coming: write, preview with the count, send through the outbox, and the log. Owners and organisers. */
export async function messageRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  const links = { baseUrl: config.baseUrl, secret: config.sessionSecret };
  const pageData = (event: CampEvent) => {
    const choices = groupChoices(db, event.id);
    return { title: `Messages for ${event.name}`, event, choices, sent: messagesSent(db, event.id), backLink: `/organise/events/${event.slug}` };
  };
  const groupsOf = (page: ReturnType<typeof pageData>) => page.choices.map((c) => c.value);

  app.get('/messages', { schema: { querystring: doneQuery } }, async (request, reply) => {
    const { event } = organising(request);
    return reply.view('messages/compose.eta', { ...pageData(event), values: {}, done: doneBanner(eventDone, request.query.done) });
  });

  app.post('/messages/preview', async (request, reply) => {
    const { event } = organising(request);
    const body = formBody(request.body);
    const page = pageData(event);
    const parsed = parseForm(messageForm(groupsOf(page)), body);
    if (!parsed.ok) return reply.code(400).view('messages/compose.eta', { ...page, values: body, errors: parsed.errors });
    const audience = audienceOf(db, clock.now(), event.id, parsed.value.groups);
    const sample = composeAnnouncement(event, parsed.value, '(their name)', `${config.baseUrl}/unsubscribe/(their own link)`);
    return reply.view('messages/compose.eta', {
      ...page,
      values: { ...parsed.value },
      preview: { ...parsed.value, count: audience.recipients.length, leftOut: audience.leftOut, text: sample.text, sendKey: newSecretToken() },
    });
  });

  app.post('/messages', async (request, reply) => {
    const { event } = organising(request);
    const page = pageData(event);
    const result = await submitForm(reply, {
      schema: sendForm(groupsOf(page)),
      body: formBody(request.body),
      view: 'messages/compose.eta',
      viewData: page,
      act: ({ sendKey, ...draft }) => {
        sendMessage(db, clock.now(), { event, draft, sendKey, by: request.person!, links });
        return `/organise/events/${event.slug}/messages?done=sent`;
      },
    });
    mail.kick();
    return result;
  });
}

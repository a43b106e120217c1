import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import { Agent, decodeEntities, errorSummary } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { campWithEveryone } from './camp.ts';

describe('messages to the people coming, over HTTP', () => {
  let t: TestApp;
  let camp: ReturnType<typeof campWithEveryone>;
  let owner: Agent;
  let page: string;
  beforeEach(async () => {
    t = await makeApp();
    camp = campWithEveryone(t.db, t.clock.now());
    owner = await signedInAgent(t.app, person(t.db, 'owner@example.org'));
    page = `/organise/events/${camp.event.slug}/messages`;
  });
  afterEach(async () => t.close());

  const message = (groups: string[]) => ({ subject: 'Lunch is vegan this year', body: 'Hello all,\r\n\r\nLunch is vegan.\r\nTell us if that is a problem.', groups });
  const sentMail = () => outboxMessages(t.db).filter((m) => m.listUnsubscribe !== null);

  it('is reached from the organiser’s event page', async () => {
    const eventPage = await owner.get(`/organise/events/${camp.event.slug}`);
    expect(eventPage.body).toContain(`href="${page}">Messages to the people coming</a>`);
    const compose = await owner.get(page);
    expect(compose.statusCode).toBe(200);
    expect(compose.body).toContain('No messages sent yet.');
  });

  it('says what is missing, keeping what was typed, in the error summary', async () => {
    const response = await owner.post(`${page}/preview`, { subject: '', body: 'Kept as typed', groups: [] });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Enter a subject', 'Choose who gets the message']);
    expect(response.body).toContain('>Kept as typed</textarea>');
    const forged = await owner.post(`${page}/preview`, { ...message(['ticket-type:99999']) });
    expect(errorSummary(forged.body)).toEqual(['Choose from the groups given']);
  });

  it('previews the message with how many people it reaches, each once, before anything is sent', async () => {
    const response = await owner.post(`${page}/preview`, message(['confirmed', 'first-timers', 'councillors', 'sponsor-contacts']));
    expect(response.statusCode).toBe(200);
    // Ana is in four of the groups, Dan in two: Ana, Cat, Dan and Eve.
    expect(response.body).toContain('This message will go to <strong>4 people</strong>');
    expect(response.body).toContain('Send to 4 people</button>');
    expect(response.body).toContain('Lunch is vegan.<br>Tell us if that is a problem.');
    expect(sentMail()).toEqual([]);
  });

  it('sends one email per person through the outbox and logs who sent it to how many', async () => {
    const preview = await owner.post(`${page}/preview`, message(['confirmed', 'sponsor-contacts']));
    const sendKey = /name="sendKey" value="([^"]+)"/.exec(preview.body)?.[1];
    expect(sendKey).toBeDefined();
    const fields = { ...message(['confirmed', 'sponsor-contacts']), sendKey: sendKey! };
    const sent = await owner.post(page, fields);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`${page}?done=sent`);
    // Pressing Send again (a double click, a reload) sends nothing more.
    expect((await owner.post(page, fields)).statusCode).toBe(303);
    expect(sentMail().map((m) => m.toAddress).sort()).toEqual(['ana@example.org', 'cat@example.org', 'dan@example.org', 'eve@acme.example']);
    expect(sentMail()[0]!.textBody).toContain('Lunch is vegan.\nTell us if that is a problem.');

    const log = await owner.get(`${page}?done=sent`);
    expect(log.body).toContain('Message sent.');
    const row = decodeEntities(/<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(log.body)![1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
    expect(row).toBe('10am on Monday 1 March 2027 Lunch is vegan this year Everyone with a confirmed place; Sponsor contacts owner 4');
  });

  it('explains a message to nobody and does not send it', async () => {
    const preview = await owner.post(`${page}/preview`, message(['no-shows']));
    expect(preview.body).toContain('Nobody is in the groups you chose');
    expect(preview.body).not.toContain('name="sendKey"');
    const sent = await owner.post(page, { ...message(['no-shows']), sendKey: 'a'.repeat(43) });
    expect(sent.statusCode).toBe(400);
    expect(errorSummary(sent.body)).toEqual(['Nobody is in the groups you chose (or everyone in them has stopped announcements), so there is no one to send this message to']);
    expect(sentMail()).toEqual([]);
    expect(sent.body).toContain('No messages sent yet.');
  });

  it('is for owners and organisers only: helpers and attendees are refused, visitors sent to sign in', async () => {
    const inviter = person(t.db, 'owner@example.org');
    for (const [email, role] of [['helper@example.org', 'helper'], ['organiser@example.org', 'organiser']] as const) {
      inviteOrganiser(t.db, t.clock.now(), { event: camp.event, email, role, invitedBy: inviter, baseUrl: '' });
    }
    const organiser = await signedInAgent(t.app, person(t.db, 'organiser@example.org'));
    const helper = await signedInAgent(t.app, person(t.db, 'helper@example.org'));
    const attendee = await signedInAgent(t.app, camp.ana);
    const visitor = new Agent(t.app);
    await visitor.get('/sign-in');
    const routes: Array<[string, string]> = [['GET', page], ['POST', `${page}/preview`], ['POST', page]];
    for (const [method, url] of routes) {
      const as = (agent: Agent) => (method === 'GET' ? agent.get(url) : agent.post(url, message(['confirmed'])));
      expect((await as(organiser)).statusCode, `organiser ${method} ${url}`).toBeOneOf([200, 400]);
      expect((await as(helper)).statusCode, `helper ${method} ${url}`).toBe(403);
      expect((await as(attendee)).statusCode, `attendee ${method} ${url}`).toBe(403);
      const refused = await as(visitor);
      expect(refused.statusCode).toBe(303);
      expect(refused.headers.location).toMatch(/^\/sign-in\?next=/);
    }
    expect(sentMail()).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, errorSummary } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { pathOf } from '../helpers/outbox.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { SmtpCapture } from '../helpers/smtp.ts';
import { SecretPaths } from '../../src/web/logging.ts';
import { unsubscribeLink } from '../../src/messages/unsubscribe.ts';
import { campWithEveryone } from './camp.ts';

describe('a message delivered over SMTP, and its link to stop announcements', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let camp: ReturnType<typeof campWithEveryone>;
  let owner: Agent;
  let page: string;
  beforeEach(async () => {
    smtp = new SmtpCapture();
    await smtp.start();
    t = await makeApp({ SMTP_URL: smtp.url });
    camp = campWithEveryone(t.db, t.clock.now());
    owner = await signedInAgent(t.app, person(t.db, 'owner@example.org'));
    page = `/organise/events/${camp.event.slug}/messages`;
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  async function send(subject: string, groups: string[]) {
    const fields = { subject, body: 'See you on Saturday.', groups };
    const preview = await owner.post(`${page}/preview`, fields);
    const sendKey = /name="sendKey" value="([^"]+)"/.exec(preview.body)![1]!;
    const sent = await owner.post(page, { ...fields, sendKey });
    expect(sent.statusCode).toBe(303);
    await t.app.campgrid.mail.deliverDue();
    return smtp.messages.filter((m) => m.subject === subject);
  }
  const addressOf = (m: (typeof smtp.messages)[number]) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address;
  const stopLinkIn = (m: (typeof smtp.messages)[number]) => /http:\/\/campgrid\.test\/unsubscribe\/\S+/.exec(m.text ?? '')![0];

  it('arrives once per person, each with their own link to stop announcements, also as a List-Unsubscribe header', async () => {
    // Ana is in all three groups; Dan is confirmed and a sponsor contact as dan+sponsors@.
    const received = await send('Doors open at 9', ['confirmed', 'first-timers', 'councillors', 'sponsor-contacts']);
    expect(received.map(addressOf).sort()).toEqual(['ana@example.org', 'cat@example.org', 'dan@example.org', 'eve@acme.example']);
    for (const mail of received) {
      const link = stopLinkIn(mail);
      expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/\r\n\s+/g, ' ')).toBe(`List-Unsubscribe: <${link}>`);
      expect(mail.html).toContain(`href="${link}"`);
    }
    expect(new Set(received.map(stopLinkIn)).size).toBe(4);
  });

  it('stops announcements after a confirming button (a link checker’s visit changes nothing), and never stops sign-in mail', async () => {
    const [toAna] = (await send('Doors open at 9', ['councillors']));
    const link = pathOf(stopLinkIn(toAna!));
    const ana = new Agent(t.app);
    const confirm = await ana.get(link);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Stop announcements</button>');
    // Visiting the page alone (as a mail scanner does) stopped nothing.
    expect((await send('Bring a mug', ['councillors'])).map(addressOf)).toEqual(['ana@example.org']);

    const stopped = await ana.post(link, { announcements: 'stop' });
    expect(stopped.statusCode).toBe(303);
    expect(stopped.headers.location).toBe(link);
    expect((await ana.get(link)).body).toContain('Announcements stopped');

    const next = await send('Lunch at 12:30', ['confirmed']);
    expect(next.map(addressOf).sort()).toEqual(['cat@example.org', 'dan@example.org']);
    expect((await owner.get(page)).body).toContain('(1 left out: stopped announcements)');
    // Nobody left to write to among the councillors: explained, not sent.
    const preview = await owner.post(`${page}/preview`, { subject: 'Councillors’ breakfast', body: 'At 8.', groups: ['councillors'] });
    expect(preview.body).toContain('Nobody is in the groups you chose who still takes announcements');

    // Transactional mail still comes: a sign-in link.
    const visitor = new Agent(t.app);
    await visitor.get('/sign-in');
    await visitor.post('/sign-in', { email: 'ana@example.org' });
    await t.app.campgrid.mail.deliverDue();
    expect(smtp.to('ana@example.org').map((m) => m.subject)).toContain('Your Campgrid sign-in link');

    // And she can change her mind.
    await ana.post(link, { announcements: 'start' });
    expect((await send('Bring a mug again', ['councillors'])).map(addressOf)).toEqual(['ana@example.org']);
  });

  it('answers a forged or mangled link with page not found, and needs the form’s token to change anything', async () => {
    const [toAna] = await send('Doors open at 9', ['councillors']);
    const link = pathOf(stopLinkIn(toAna!));
    const visitor = new Agent(t.app);
    const forged = link.replace(/-[A-Za-z0-9_-]{43}$/, `-${'A'.repeat(43)}`);
    expect(forged).not.toBe(link);
    expect((await visitor.get(forged)).statusCode).toBe(404);
    expect((await visitor.get('/unsubscribe/not-a-token')).statusCode).toBe(404);
    expect((await visitor.post(forged, { announcements: 'stop' })).statusCode).toBe(404);
    expect((await visitor.post(link, { announcements: 'stop' }, { csrf: false })).statusCode).toBe(403);
    expect(errorSummary((await visitor.get(link)).body)).toEqual([]);
    expect((await visitor.get(link)).body).toContain('Stop announcements</button>');
  });

  it('keeps the link’s secret out of the logs, like every tokened address', () => {
    const secrets = new SecretPaths();
    for (const route of t.app.campgrid.routes) secrets.learn(route.url);
    const link = pathOf(unsubscribeLink('http://campgrid.test', t.config.sessionSecret, camp.ana.id));
    expect(secrets.redact(`GET ${link} 200`)).toBe('GET /unsubscribe/[secret] 200');
  });
});

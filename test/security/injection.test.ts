import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { Agent } from '../helpers/agent.ts';
import { readCalendar } from '../helpers/calendars.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { securityCamp, type SecurityCamp } from './camp.ts';
import { choices, formDefaults } from './forms.ts';

/** The corpus: each field gets markup, an attribute break-out, SQL, a direction override… */
const corpus = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  javascriptUrl: 'javascript:alert(1)',
  sql: "' OR 1=1 --",
  crlf: 'a\r\nSet-Cookie: x=1',
  long: 'L'.repeat(5_000),
  bidi: '\u202egnp.exe',
  formula: "=cmd|' /C calc'!A0",
};
/** A short field's value: every hostile piece at once, tagged so a page shows which field it is. */
const hostile = (tag: string) => `${tag}${corpus.script}${corpus.attribute}${corpus.sql}${corpus.bidi}`;
/** A many-line field's value: line breaks, a header and a javascript: address too. */
const hostileLines = (tag: string) => `${hostile(tag)}\r\n${corpus.crlf}\r\n${corpus.javascriptUrl}`;

const liveMarkup = [/<script>alert/i, /<img src=x/i, /<[^>]*\sonerror=/i, /href="javascript:/i];
/** Attribute values blanked, so escaped text inside one is not mistaken for an attribute. */
const withoutAttributeValues = (html: string) => html.replace(/="[^"]*"/g, '=""');
/** Cells a spreadsheet would run as a formula. */
const formulaCell = /^[=+\-@\t\r]/;

/** RFC 4180 cells, quotes and all. */
function csvCells(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const text = csv.replace(/^\ufeff/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe('hostile text typed into the forms', () => {
  let camp: SecurityCamp;
  let admin: Agent;
  let slug: string;
  const accepted: Record<string, number> = {};

  /** Fills in a form as a browser would, with some fields replaced, and posts it. */
  async function submit(agent: Agent, page: string, fields: Record<string, string | string[]>, action = page): Promise<LightMyRequestResponse> {
    const html = (await agent.get(page)).body;
    const response = await agent.post(action, { ...formDefaults(html, action), ...fields });
    return response;
  }

  beforeAll(async () => {
    camp = await securityCamp();
    slug = camp.event.slug;
    admin = await camp.agent('administrator');
    const base = `/organise/events/${slug}`;
    const accept = (what: string, response: LightMyRequestResponse) => {
      expect(response.statusCode, `${what}: ${[...response.body.matchAll(/<a href="#[^"]+">([^<]*)<\/a>/g)].map((m) => m[1]).join('; ')}`).toBe(303);
      accepted[what] = response.statusCode;
    };

    accept('event', await submit(admin, `${base}/edit`, { name: hostile('EVENTNAME'), description: `${hostileLines('EVENTDESC')}\r\n${corpus.long}`, venueName: hostile('VENUE') }));
    slug = camp.event.slug;
    accept('room', await submit(admin, camp.concrete('/organise/events/:slug/rooms/:roomId/edit'), { name: hostile('ROOM') }));
    const pitchEdit = camp.concrete('/organise/events/:slug/pitches/:pitchId/edit');
    // 5,000 characters where 2,000 are allowed: refused, not cut short or stored.
    expect((await submit(admin, pitchEdit, { description: corpus.long })).statusCode).toBe(400);
    accept('pitch', await submit(admin, pitchEdit, { title: hostile('PITCHTITLE'), description: hostileLines('PITCHDESC') }));

    // A visitor registers, and a sponsor signs up, through the public forms.
    const visitor = new Agent(camp.t.app);
    const register = (await visitor.get(`/events/${slug}/register`)).body;
    accept(
      'registration',
      await visitor.post(`/events/${slug}/register`, {
        ...formDefaults(register, `/events/${slug}/register`),
        ticketTypeId: choices(register).ticketTypeId![0]!,
        name: hostile('REGNAME'),
        email: 'mallory@example.org',
        organisation: corpus.formula,
        role: 'other',
        firstCamp: 'no',
        accessNeeds: hostileLines('NEEDS'),
        codeOfConduct: 'yes',
      }),
    );
    const sponsorForm = (await visitor.get(`/events/${slug}/sponsor`)).body;
    const signedUp = await visitor.postMultipart(`/events/${slug}/sponsor`, {
      ...formDefaults(sponsorForm, `/events/${slug}/sponsor`),
      packageId: choices(sponsorForm).packageId![0]!,
      organisationName: `@SUM(1+1)${hostile('SPONSORORG')}`,
      website: 'https://mallory.example',
      contactName: '+Mallory',
      contactEmail: 'mallory@example.org',
      contactPhone: '-01632 960 002',
      invoiceAddress: '=1+1',
      description: hostileLines('SPONSORDESC'),
      terms: 'yes',
    } as Record<string, string>);
    accept('sponsor', signedUp);
    const sponsorId = (camp.t.db.$client.prepare("select id from sponsors where contact_email = 'mallory@example.org'").get() as { id: number }).id;
    accept('approval', await admin.post(`${base}/sponsors/${sponsorId}/approve`, {}));

    // Publishing again puts the new room name and pitch title on the grid and in the feeds.
    accept('publish', await submit(admin, `${base}/grid`, { note: hostile('PUBLISHNOTE') }, `${base}/grid/publish`));

    // Outputs can be added once a session has started: late on the camp's last day.
    const lastDay = (camp.t.db.$client.prepare('select max(date) as d from days where event_id = ?').get(camp.event.id) as { d: string }).d;
    camp.t.clock.set(new Date(`${lastDay}T21:00:00Z`));
    admin = await camp.agent('administrator');
    const outputs = `/events/${slug}/pitches/${camp.ids.pitchId}/outputs/new`;
    // A javascript: address is refused with the form's message, and nothing stored.
    const refused = await admin.post(`${outputs}?kind=link`, { title: 'Evil link', url: corpus.javascriptUrl });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Enter a web address starting with https:// or http://');
    expect(camp.t.db.$client.prepare("select count(*) as n from outputs where title = 'Evil link'").get()).toEqual({ n: 0 });
    accept('output link', await admin.post(`${outputs}?kind=link`, { title: hostile('OUTPUTTITLE'), url: 'https://example.org/notes', credited: 'yes' }));
    accept('output notes', await admin.post(`${outputs}?kind=notes`, { title: 'Notes', body: hostile('OUTPUTBODY'), credited: 'yes' }));
    accept('output action', await admin.post(`${outputs}?kind=action`, { title: 'Next', owner: hostile('OUTPUTOWNER'), credited: 'yes' }));
  });
  afterAll(async () => camp.t.close());

  it('shows every piece of hostile text escaped on the pages, never as live markup', async () => {
    const pages = [
      `/events/${slug}`,
      `/events/${slug}/pitches`,
      `/events/${slug}/pitches/${camp.ids.pitchId}`,
      `/events/${slug}/grid`,
      `/events/${slug}/grid/changes`,
      `/events/${slug}/now`,
      `/organise/events/${slug}`,
      `/organise/events/${slug}/edit`,
      `/organise/events/${slug}/pitches`,
      `/organise/events/${slug}/grid`,
      `/organise/events/${slug}/attendees`,
      `/organise/events/${slug}/sponsors`,
      `/organise/events/${slug}/rooms/${camp.ids.roomId}/edit`,
      '/organise',
      '/me',
      // Messages and flags carried in the address are shown escaped too.
      `/sign-in?next=${encodeURIComponent(`/me${hostile('QUERYNEXT')}`)}`,
    ];
    const registrationId = (camp.t.db.$client.prepare("select r.id from registrations r join people p on p.id = r.person_id where p.email = 'mallory@example.org'").get() as { id: number }).id;
    pages.push(`/organise/events/${slug}/attendees/${registrationId}`);
    const seen = new Set<string>();
    for (const url of pages) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(200);
      for (const pattern of liveMarkup) {
        const hit = pattern.exec(pattern.source.includes('onerror') ? withoutAttributeValues(response.body) : response.body);
        expect(hit ? response.body.slice(Math.max(0, hit.index - 300), hit.index + 200) : null, `${url} ${pattern}`).toBeNull();
      }
      expect(response.headers['set-cookie'] ?? '', url).not.toContain('x=1');
      for (const m of response.body.matchAll(/([A-Z]{4,})&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;/g)) seen.add(m[1]!);
    }
    // Each field's text was shown somewhere, escaped.
    for (const tag of ['EVENTNAME', 'EVENTDESC', 'VENUE', 'ROOM', 'PITCHTITLE', 'PITCHDESC', 'REGNAME', 'NEEDS', 'SPONSORORG', 'SPONSORDESC', 'PUBLISHNOTE', 'OUTPUTTITLE', 'OUTPUTBODY', 'OUTPUTOWNER']) {
      expect([...seen], tag).toContain(tag);
    }
  });

  it('keeps the calendar feeds parseable, with the text as plain text and no injected lines', async () => {
    for (const url of [`/events/${slug}/calendar.ics`, `/events/${slug}/rooms/${camp.ids.roomId}/calendar.ics`, `/events/${slug}/pitches/${camp.ids.pitchId}.ics`, `/feeds/${camp.secrets.feed}.ics`]) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(200);
      const calendar = readCalendar(response.body);
      expect(response.body.replace(/\r\n[ \t]/g, ''), url).not.toMatch(/^Set-Cookie/im);
      if (url.endsWith('/calendar.ics') && !url.includes('/rooms/')) {
        expect(calendar.name).toContain(hostile('EVENTNAME'));
        const mine = calendar.events.find((e) => e.summary.startsWith('PITCHTITLE'));
        expect(mine?.summary).toBe(hostile('PITCHTITLE'));
        expect(mine?.location).toContain(hostile('ROOM'));
      }
    }
  });

  it('keeps the JSON, XML and Atom exports well-formed, with the text intact', async () => {
    const json = await admin.get(`/events/${slug}/schedule.json`);
    const text = JSON.stringify(JSON.parse(json.body));
    expect(text).toContain(JSON.stringify(hostile('PITCHTITLE')).slice(1, -1));
    const dir = camp.t.dir;
    for (const url of [`/events/${slug}/schedule.xml`, `/events/${slug}/grid/changes.atom`]) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(200);
      const file = join(dir, 'export.xml');
      writeFileSync(file, response.body);
      expect(() => execFileSync('xmllint', ['--noout', file], { stdio: 'pipe' }), url).not.toThrow();
      expect(response.body, url).not.toMatch(/<script>|<img /);
    }
  });

  it('defuses formulas in every CSV cell', async () => {
    for (const url of [`/organise/events/${slug}/attendees.csv`, `/organise/events/${slug}/sponsors.csv`, `/events/${slug}/grid.csv`]) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(200);
      const cells = csvCells(response.body).flat();
      expect(cells.filter((c) => formulaCell.test(c)), url).toEqual([]);
      if (!url.includes('grid')) expect(cells.some((c) => c.startsWith("'")), `${url} has a defused cell`).toBe(true);
    }
    const attendees = csvCells((await admin.get(`/organise/events/${slug}/attendees.csv`)).body).flat();
    expect(attendees).toContain(`'${corpus.formula}`);
  });

  it('escapes the text in the emails it queued', () => {
    const mail = outboxMessages(camp.t.db).filter((m) => /REGNAME|SPONSORORG|EVENTNAME|PITCHTITLE|PUBLISHNOTE/.test(m.htmlBody ?? ''));
    expect(mail.length).toBeGreaterThan(1);
    for (const message of mail) {
      for (const pattern of liveMarkup) expect(withoutAttributeValues(message.htmlBody ?? ''), `${message.subject} ${pattern}`).not.toMatch(pattern);
      expect(message.subject).not.toMatch(/[\r\n]/);
    }
  });
});

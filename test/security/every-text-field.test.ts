import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEntities, type Agent } from '../helpers/agent.ts';
import { readCalendar } from '../helpers/calendars.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { securityCamp, type SecurityCamp } from './camp.ts';
import { formDefaults } from './forms.ts';

/**
 * injection.test.ts follows chosen fields to every place they show. This walks every form on
 * every page an administrator can open, puts the corpus into every text box and textarea of
 * it at once (each tagged with its form and field), and posts it, once as UTF-8 and once as
 * bytes that are not UTF-8 at all; then every page, feed, export and email must show whatever
 * was stored as text, never as live markup, with nothing answered 5xx.
 */
const payload = (tag: string) => `${tag}<script>alert(1)</script>"><img src=x onerror=alert(1)>' OR 1=1 --\u202egnp.exe`;
const liveMarkup = [/<script>alert/i, /<img src=x/i, /href="javascript:/i];
const withoutAttributeValues = (html: string) => html.replace(/="[^"]*"/g, '=""');
const onError = /<[^>]*\sonerror=/i;
// Forms whose point is to remove things (or the person): posting them would empty the camp
// that the rest of the walk needs. Their text boxes, if any, are still posted once below.
const destructive = /\/(delete|sign-out|remove|revoke|erase|forget|delete-my-details)(\/|$)/;

/** Every text box and textarea a form has, by name. */
function textFields(formHtml: string): string[] {
  const names = new Set<string>();
  for (const [tag] of formHtml.matchAll(/<input\b[^>]*>/g)) {
    const type = /\stype="([^"]+)"/.exec(tag)?.[1] ?? 'text';
    const name = /\sname="([^"]+)"/.exec(tag)?.[1];
    if (name && name !== '_csrf' && ['text', 'search', 'url', 'tel', 'email'].includes(type)) names.add(decodeEntities(name));
  }
  for (const m of formHtml.matchAll(/<textarea\b[^>]*\sname="([^"]+)"/g)) names.add(decodeEntities(m[1]!));
  return [...names];
}

/**
 * A value a field will accept, for a field whose hostile text was refused (an email box, a
 * time, a number): first its value on the page, then, if that is refused too, one that fits
 * its name.
 */
function plausible(name: string, onThePage: string | string[] | undefined, tries: number): string | string[] {
  if (tries === 0 && onThePage !== undefined) return onThePage;
  if (/email/i.test(name)) return 'walker@example.org';
  if (/phone/i.test(name)) return '01632 960 001';
  if (/slug/i.test(name)) return 'walked-camp';
  if (/url|website|link/i.test(name)) return 'https://example.org/walk';
  if (/-day$/.test(name)) return '1';
  if (/-month$/.test(name)) return '12';
  if (/-year$/.test(name)) return '2027';
  if (/waves/i.test(name)) return '';
  if (/ends|closes|last/i.test(name)) return '11:00';
  if (/time|starts|opens|first/i.test(name)) return '10:00';
  if (/order|hands|capacity|seats|count|number|minutes|price|pence|available|limit|days|size|length|quantity|reserved|cap$/i.test(name)) return '10';
  return 'Plain words';
}

/** The post forms on a page, with where each posts to. */
function postForms(html: string, page: string): Array<{ action: string; html: string; multipart: boolean }> {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)]
    .filter((f) => /method="post"/i.test(f[1]!))
    .map((f) => ({ action: decodeEntities(/action="([^"]*)"/.exec(f[1]!)?.[1] ?? page.split('?')[0]!), html: f[0], multipart: /multipart\/form-data/.test(f[1]!) }));
}

function expectNoLiveMarkup(body: string, where: string): void {
  for (const pattern of liveMarkup) {
    const hit = pattern.exec(body);
    expect(hit ? body.slice(Math.max(0, hit.index - 200), hit.index + 100) : null, `${where} ${pattern}`).toBeNull();
  }
  expect(onError.exec(withoutAttributeValues(body))?.[0] ?? null, `${where} onerror`).toBeNull();
}

describe('the injection corpus through every text field of every form', () => {
  let camp: SecurityCamp;
  let admin: Agent;
  const posted: string[] = [];
  /** The tags of hostile text in forms that were accepted, so it may be stored. */
  const storedTags = new Map<string, string>();
  const answers: Array<{ where: string; response: LightMyRequestResponse }> = [];
  const pageUrl = (url: string) => (url === '/static/*' || url === '/uploads/:file' ? null : camp.concrete(url));

  beforeAll(async () => {
    camp = await securityCamp();
    admin = await camp.agent('administrator');
    const pages = camp.t.app.campgrid.routes.filter((r) => r.method === 'GET').map((r) => pageUrl(r.url)).filter((u): u is string => !!u);
    const seen = new Set<string>();
    for (const page of pages) {
      const response = await admin.get(page);
      if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/html')) continue;
      for (const form of postForms(response.body, page)) {
        const fields = textFields(form.html);
        const key = `${form.action} ${fields.join(',')}`;
        if (!fields.length || seen.has(key) || destructive.test(form.action)) continue;
        seen.add(key);
        const hostile = Object.fromEntries(fields.map((f, i) => [f, payload(`F${seen.size}X${i}`)]));
        const defaults = formDefaults(response.body, form.action);
        // First the text fields as bytes that are not UTF-8 (a lone 0xFF, a cut-off sequence).
        const raw = ['_csrf=' + encodeURIComponent(admin.csrfToken ?? ''), ...Object.entries(defaults).filter(([k]) => !fields.includes(k)).flatMap(([k, v]) => [v].flat().map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`)), ...fields.map((f) => `${encodeURIComponent(f)}=%FF%FEab%C3%28%E2%82`)].join('&');
        const bytes = await camp.t.app.inject({ method: 'POST', url: form.action, payload: raw, headers: { cookie: admin.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' } });
        answers.push({ where: `POST ${form.action} as non-UTF-8 bytes`, response: bytes });
        // Then everything hostile; then, while the form says some fields are wrong, those
        // fields get ordinary values, so the rest of the hostile text is stored where it can be.
        const filled: Record<string, string | string[]> = { ...defaults, ...hostile };
        const tries = new Map<string, number>();
        for (let attempt = 0; attempt < 4; attempt++) {
          const sent = form.multipart ? await admin.postMultipart(form.action, filled as Record<string, string>) : await admin.post(form.action, filled);
          answers.push({ where: `POST ${form.action} (from ${page}, attempt ${attempt + 1})`, response: sent });
          if (sent.statusCode !== 400) {
            for (const [name, value] of Object.entries(filled)) if (hostile[name] === value) storedTags.set(/^F\d+X\d+/.exec(value)![0], `${form.action} ${name}`);
            break;
          }
          const wrong = [...sent.body.matchAll(/\sid="([^"]+)-error"/g)].map((m) => decodeEntities(m[1]!));
          const fix = Object.keys(filled).filter((k) => wrong.some((w) => k === w || k.startsWith(`${w}-`)));
          for (const name of wrong) if (!(name in filled)) fix.push(name);
          if (fix.length === 0) break;
          for (const name of fix) {
            filled[name] = plausible(name, defaults[name], tries.get(name) ?? 0);
            tries.set(name, (tries.get(name) ?? 0) + 1);
          }
        }
        posted.push(form.action);
      }
    }
  }, 300_000);
  afterAll(async () => camp.t.close());

  it('reaches many forms, and answers every post without a 5xx, showing any re-shown input escaped', () => {
    expect(new Set(posted).size).toBeGreaterThanOrEqual(25);
    for (const { where, response } of answers) {
      expect(response.statusCode, where).toBeLessThan(500);
      if (String(response.headers['content-type']).startsWith('text/html')) expectNoLiveMarkup(response.body, where);
    }
  });

  it('shows whatever was stored as text on every page, to an administrator and to a visitor', async () => {
    let tagged = 0;
    const seenTags = new Set<string>();
    for (const role of ['administrator', 'anonymous'] as const) {
      const agent = role === 'administrator' ? await camp.agent('administrator') : await camp.agent('anonymous');
      for (const route of camp.t.app.campgrid.routes.filter((r) => r.method === 'GET')) {
        const url = pageUrl(route.url);
        if (!url) continue;
        const response = await agent.get(url);
        expect(response.statusCode, `${role} ${url}`).toBeLessThan(500);
        const type = String(response.headers['content-type']);
        if (type.startsWith('text/html')) {
          expectNoLiveMarkup(response.body, `${role} ${url}`);
          for (const m of response.body.matchAll(/(F\d+X\d+)&lt;script&gt;/g)) {
            tagged++;
            seenTags.add(m[1]!);
          }
        }
        if (type.startsWith('text/calendar') && response.statusCode === 200) expect(() => readCalendar(response.body), url).not.toThrow();
        if (type.startsWith('application/json') && response.statusCode === 200) expect(() => JSON.parse(response.body), url).not.toThrow();
      }
    }
    // The walk stored text in many places, and it was shown (escaped).
    // Every field whose hostile text was accepted was shown somewhere, escaped, except where the
    // walk cannot see it: a new camp or room has pages of its own the walk does not open, an
    // import is read as rows rather than kept, and the attendee's own edit is edited again by
    // the organiser later in the walk.
    const unseen = [...storedTags].filter(([tag, where]) => !seenTags.has(tag) && !/\/events\/new |\/rooms\/new |\/attendees\/import |^\/tickets\//.test(where));
    expect(unseen.map(([tag, where]) => `${tag}: ${where}`)).toEqual([]);
    expect(storedTags.size).toBeGreaterThan(40);
    expect(tagged).toBeGreaterThan(200);
  });

  it('keeps queued emails free of live markup and of line breaks in subjects', () => {
    for (const message of outboxMessages(camp.t.db)) {
      expectNoLiveMarkup(message.htmlBody ?? '', `email “${message.subject}”`);
      expect(message.subject, 'subject').not.toMatch(/[\r\n]/);
    }
  });
});

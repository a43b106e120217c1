import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityCamp, type SecurityCamp } from '../security/camp.ts';

/**
 * Property-based fuzzing of every form and every query string in the live route table, signed
 * in as an administrator with a valid CSRF token and real ids in the address: whatever is sent,
 * the answer is never a 5xx, and the database stays sound.
 *
 * Runs are bounded (15 a route) and the seed is fixed so the suite is repeatable; set
 * FUZZ_SEED to explore other inputs, and FUZZ_RUNS for more of them.
 */
const seed = Number(process.env.FUZZ_SEED ?? 20_270_619);
const numRuns = Number(process.env.FUZZ_RUNS ?? 15);

/** Field names every form might have, added to those scraped from the form's own page. */
const commonFields = [
  'name', 'title', 'description', 'email', 'slug', 'summary', 'timeZone', 'capacity', 'date', 'date-day', 'date-month', 'date-year',
  'starts', 'ends', 'kind', 'label', 'opens', 'closes', 'role', 'status', 'reason', 'want', 'answer', 'decision', 'pitchId', 'slotId',
  'roomId', 'into', 'url', 'note', 'features', 'needs', 'format', 'next', 'back', 'organisationName', 'contactEmail', 'pricePence', 'price',
];

/** Strings to make a parser stumble: control characters, lone surrogates, direction overrides, huge or odd numbers, dates. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\r', '\n', '\t', '\u202e', '\u2028', '\ufeff', '\ud800', '%', '&', '=', '<', '"', "'", '\\', '/', '..'), maxLength: 30 }),
  fc.constantFrom('', ' ', '0', '-1', '1e308', '-1e308', 'NaN', 'Infinity', '99999999999999999999999', '9007199254740993', '0x10', '1.5', '١٢', 'true', 'null', 'undefined', '[]', '{}', '__proto__', 'constructor'),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
  fc.constantFrom('25:61', '09:00', '2027-02-30', '2027-06-19', '19/06/2027', '31', '13', '0', 'x'.repeat(20_000)),
);
/** A value, or several for one name (an array where a scalar is expected). */
const value = fc.oneof({ weight: 4, arbitrary: nasty }, { weight: 1, arbitrary: fc.array(nasty, { minLength: 0, maxLength: 4 }) });

function formArbitrary(fields: string[]) {
  const known = fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] });
  const extra = fc.dictionary(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }), value, { maxKeys: 3 });
  return fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a }) as Record<string, string | string[]>);
}

/** Removals and the account deletion go last, so the other forms meet a full camp. */
const destructive = /\/(remove|cancel|delete|withdraw|decline|merge|hide|release)$/;

describe('fuzzing every form and query string', () => {
  let camp: SecurityCamp;
  beforeAll(async () => {
    camp = await securityCamp();
  });
  afterAll(async () => camp.t.close());

  const formFields = (html: string) => [...new Set([...html.matchAll(/\sname="([^"]+)"/g)].map((m) => m[1]!))].filter((n) => n !== '_csrf');

  it('never answers a 5xx to any form, and leaves the database sound', async () => {
    const admin = await camp.agent('administrator');
    const posts = camp.t.app.campgrid.routes
      .filter((r) => r.method === 'POST' && r.url !== '/sign-out' && r.url !== '/me/delete')
      .sort((a, b) => Number(destructive.test(a.url)) - Number(destructive.test(b.url)));
    expect(posts.length).toBeGreaterThan(60);
    const answers = new Map<number, number>();
    for (const route of posts) {
      const url = camp.concrete(route.url);
      const page = await admin.get(url);
      const fields = [...new Set([...(page.statusCode === 200 ? formFields(page.body) : []), ...commonFields])];
      await fc.assert(
        fc.asyncProperty(formArbitrary(fields), async (body) => {
          const response = await admin.post(url, body);
          answers.set(response.statusCode, (answers.get(response.statusCode) ?? 0) + 1);
          expect(response.statusCode, `${route.url} ← ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
        }),
        { numRuns, seed, endOnFailure: false },
      );
    }
    // The forms were really reached (refused input, redirects after saving), not stopped at the
    // CSRF check or the door: most answers are 400s and 303s.
    const total = [...answers.values()].reduce((a, b) => a + b, 0);
    const reached = (answers.get(400) ?? 0) + (answers.get(303) ?? 0) + (answers.get(200) ?? 0);
    if (process.env.FUZZ_REPORT) console.log(Object.fromEntries(answers));
    expect(reached / total).toBeGreaterThan(0.6);
    expect(answers.get(303) ?? 0).toBeGreaterThan(posts.length / 2);
    expect(camp.t.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(camp.t.db.$client.pragma('foreign_key_check')).toEqual([]);
    // Every route, many requests each: a loaded machine needs longer than one page's allowance.
  }, 120_000);

  it('never answers a 5xx to any query string on a GET route', async () => {
    const admin = await camp.agent('administrator');
    const queryKeys = ['next', 'done', 'saved', 'q', 'status', 'filter', 'page', 'sort', 'day', 'note', 'format', 'type', 'want', 'since', 'room', 'view', 'error'];
    const query = fc
      .tuple(fc.record(Object.fromEntries(queryKeys.map((k) => [k, value])), { requiredKeys: [] }), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value, { maxKeys: 2 }))
      .map(([a, b]) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...b, ...a })) for (const item of [v].flat()) params.append(k, String(item).slice(0, 2000));
        return params.toString();
      });
    const gets = camp.t.app.campgrid.routes.filter((r) => r.method === 'GET' && !r.url.startsWith('/static'));
    for (const route of gets) {
      const url = camp.concrete(route.url);
      await fc.assert(
        fc.asyncProperty(query, async (qs) => {
          const response = await admin.get(`${url}?${qs}`);
          expect(response.statusCode, `${url}?${qs.slice(0, 300)}`).toBeLessThan(500);
        }),
        { numRuns, seed },
      );
    }
    expect(camp.t.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every route, many requests each: a loaded machine needs longer than one page's allowance.
  }, 120_000);
});

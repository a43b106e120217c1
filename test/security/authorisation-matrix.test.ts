import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganiserRole } from '../../src/events/events.table.ts';
import { roles, securityCamp, type Role, type SecurityCamp } from './camp.ts';

/**
 * Who may reach what, for every route in the live route table and every kind of person.
 *
 * Each route is classified below: either it is on the explicit public list, or its access rule
 * is derived from its `minimumRole` (routes under /organise/events/:slug) or from a short list
 * of exceptions. A route added later and classified nowhere fails the first test, so it has to
 * be placed here, where the table reads as the documentation of who can do what.
 */

/** Anyone may reach these, signed in or not (they may still 404 for a draft event, say). */
const publicRoutes = new Set([
  'GET /healthz',
  'GET /assets/*',
  'GET /static/*',
  'GET /static/govuk/*',
  'GET /favicon.ico',
  'GET /accessibility',
  'GET /privacy',
  'GET /',
  'GET /deleted',
  'GET /events/:slug',
  'GET /sign-in',
  'POST /sign-in',
  'GET /sign-in/sent',
  'GET /sign-in/:token',
  'POST /sign-in/:token',
  'POST /sign-out',
  'GET /events/:slug/register',
  'POST /events/:slug/register',
  'GET /events/:slug/register/done',
  'GET /events/:slug/attendees',
  'GET /uploads/:file',
  'GET /events/:slug/sponsor',
  'POST /events/:slug/sponsor',
  'GET /events/:slug/pitches',
  'GET /events/:slug/pitches/:pitchId',
  'GET /p/:pitchId',
  'GET /events/:slug/grid',
  'GET /events/:slug/grid/changes',
  'GET /events/:slug/grid/changes.atom',
  'GET /events/:slug/now',
  'GET /events/:slug/calendar.ics',
  'GET /events/:slug/rooms/:room/calendar.ics',
  'GET /events/:slug/pitches/:id.ics',
  'GET /events/:slug/schedule.json',
  'GET /events/:slug/schedule.xml',
  'GET /events/:slug/grid.csv',
  'GET /events/:slug/outputs',
  'GET /outputs',
  'GET /outputs.atom',
  // Reach figures: a camp's answer 404 until its organisers make them public (test/reach/reach.http.test.ts).
  'GET /reach',
  'GET /reach.json',
  'GET /reach.csv',
  'GET /events/:slug/reach',
  'GET /events/:slug/reach.json',
  'GET /events/:slug/reach.csv',
]);

type Rule =
  /** Any signed-in person; visitors are sent to sign in. */
  | { kind: 'signed-in' }
  /** Site administrators only. */
  | { kind: 'administrator' }
  /** Owners and organisers of any event, and administrators: the site's organisations are reviewed by those who run camps. */
  | { kind: 'organiser-somewhere' }
  /** The event's team, at least this role (administrators count as owners everywhere). */
  | { kind: 'team'; role: OrganiserRole }
  /** The signed-in person whose address is the sponsorship's contact address; anyone else gets a 404. */
  | { kind: 'sponsor-contact' }
  /** The pitch's own facilitators. */
  | { kind: 'facilitator' }
  /** People with a confirmed place at the event; others are refused with `refusal`. */
  | { kind: 'registered'; refusal: 400 | 403 }
  /** People with a place, or anyone on the team. */
  | { kind: 'registered-or-team' }
  /** Nobody signed in yet (a session's outputs before it starts): refused with 403. */
  | { kind: 'nobody-yet' }
  /** Whoever holds the secret link, signed in or not; a wrong token is a 404. */
  | { kind: 'secret-link' };

/** The exceptions: everything not public and not under /organise/events/:slug. */
function ruleFor(method: string, url: string, minimumRole: OrganiserRole | undefined): Rule | undefined {
  const route = `${method} ${url}`;
  if (url === '/organise/events/new') return { kind: 'administrator' };
  if (url.startsWith('/organise/events/:slug')) return { kind: 'team', role: minimumRole ?? 'organiser' };
  if (url === '/organise') return { kind: 'signed-in' };
  if (url === '/organise/organisations' || url === '/organise/insights/councils' || url === '/organise/insights/councils.csv') return { kind: 'organiser-somewhere' };
  if (url.startsWith('/admin/unmentoring')) return { kind: 'administrator' };
  if (url === '/organise/insights') return { kind: 'administrator' };
  if (url === '/unmentoring' || url.startsWith('/unmentoring/')) return { kind: 'signed-in' };
  if (url.startsWith('/me/sponsorships/:sponsorId')) return { kind: 'sponsor-contact' };
  if (url === '/me' || url.startsWith('/me/')) return { kind: 'signed-in' };
  if (url.startsWith('/tickets/:id/:token') || url.startsWith('/sponsorships/:token') || url === '/feeds/:token.ics' || url === '/unsubscribe/:token' || url === '/outputs/digest/:token') return { kind: 'secret-link' };
  if (/^\/events\/:slug\/pitches\/:pitchId\/(edit|withdraw)$/.test(url)) return { kind: 'facilitator' };
  if (route === 'GET /events/:slug/pitches/invitations' || route === 'POST /events/:slug/pitches/:pitchId/invitation') return { kind: 'signed-in' };
  if (route === 'GET /events/:slug/pitches/new' || route === 'POST /events/:slug/pitches/:pitchId/interest') return { kind: 'registered', refusal: 403 };
  // The pitch form comes back with "Only people with a confirmed place … can pitch a session".
  if (route === 'POST /events/:slug/pitches/new') return { kind: 'registered', refusal: 400 };
  // Outputs are added by the session's people once it has started; the camp's session is still to come.
  if (url === '/events/:slug/pitches/:pitchId/outputs/new') return { kind: 'nobody-yet' };
  // The camp's one output is the facilitator's own.
  if (url === '/events/:slug/outputs/:outputId/edit') return { kind: 'facilitator' };
  return undefined;
}

const rank: Record<OrganiserRole, number> = { helper: 1, organiser: 2, owner: 3 };
const teamRole: Partial<Record<Role, OrganiserRole>> = { helper: 'helper', organiser: 'organiser', owner: 'owner', administrator: 'owner' };
/** The demo's attendee and facilitator have confirmed places; nobody else in the matrix does. */
const registered = new Set<Role>(['attendee', 'facilitator']);

/**
 * Forms are checked before places are, so these two get complete forms: an empty one would be a
 * 400 for everybody and prove nothing about who may post it.
 */
const completeForms: Record<string, Record<string, string>> = {
  'POST /events/:slug/pitches/new': { title: 'Open data for parish councils', description: 'Bring your spreadsheets.', format: 'discussion' },
  'POST /events/:slug/pitches/:pitchId/interest': { want: 'yes' },
};

type Expected = 'reached' | 'sign-in' | 400 | 403 | 404;

function expected(rule: Rule, role: Role): Expected {
  if (rule.kind === 'secret-link') return 'reached';
  if (role === 'anonymous') return 'sign-in';
  const team = teamRole[role];
  switch (rule.kind) {
    case 'signed-in':
      return 'reached';
    case 'administrator':
      return role === 'administrator' ? 'reached' : 403;
    case 'organiser-somewhere':
      return (team && rank[team] >= rank.organiser) || role === 'other-organiser' ? 'reached' : 403;
    case 'team':
      return team && rank[team] >= rank[rule.role] ? 'reached' : 403;
    case 'sponsor-contact':
      return role === 'sponsor' ? 'reached' : 404;
    case 'facilitator':
      return role === 'facilitator' ? 'reached' : 403;
    case 'registered':
      return registered.has(role) ? 'reached' : rule.refusal;
    case 'registered-or-team':
      return registered.has(role) || team ? 'reached' : 403;
    case 'nobody-yet':
      return 403;
  }
}

describe('the authorisation matrix', () => {
  let camp: SecurityCamp;
  const clients = new Map<Role, { cookie: string; csrf: string }>();
  const routeRules: Array<{ method: string; url: string; rule: Rule }> = [];

  beforeAll(async () => {
    camp = await securityCamp();
    for (const role of roles) {
      const agent = await camp.agent(role);
      clients.set(role, { cookie: agent.cookieHeader, csrf: agent.csrfToken! });
    }
    for (const r of camp.t.app.campgrid.routes) {
      if (publicRoutes.has(`${r.method} ${r.url}`)) continue;
      const rule = ruleFor(r.method, r.url, r.config.minimumRole);
      if (rule) routeRules.push({ method: r.method, url: r.url, rule });
    }
  });
  afterAll(async () => camp.t.close());

  /** One request as a role; whatever it changes is rolled back, so every cell starts from the same camp. */
  async function send(role: Role, method: string, url: string, fields: Record<string, string> = {}) {
    const { cookie, csrf } = clients.get(role)!;
    const sql = camp.t.db.$client;
    sql.exec('savepoint matrix_cell');
    try {
      return await camp.t.app.inject({
        method: method as 'GET' | 'POST',
        url,
        headers: { cookie, ...(method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
        ...(method === 'GET' ? {} : { payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString() }),
      });
    } finally {
      sql.exec('rollback to matrix_cell; release matrix_cell');
    }
  }

  it('classifies every route: public by the explicit list, or by a rule', () => {
    const unclassified = camp.t.app.campgrid.routes
      .filter((r) => !publicRoutes.has(`${r.method} ${r.url}`) && !ruleFor(r.method, r.url, r.config.minimumRole))
      .map((r) => `${r.method} ${r.url}`);
    expect(unclassified).toEqual([]);
    // Nothing on the public list is under /organise or /me, whatever its minimumRole says.
    expect([...publicRoutes].filter((r) => /\s\/(organise|me)\b/.test(r))).toEqual([]);
    expect(routeRules.length).toBeGreaterThan(100);
  });

  it('gives each role exactly the expected answer on every non-public route', async () => {
    const mismatches: string[] = [];
    for (const { method, url, rule } of routeRules) {
      for (const role of roles) {
        const want = expected(rule, role);
        const response = await send(role, method, camp.concrete(url), completeForms[`${method} ${url}`]);
        const got = response.statusCode;
        const ok =
          want === 'reached'
            ? [200, 303, 400].includes(got) && !(got === 303 && /^\/sign-in/.test(String(response.headers.location)))
            : want === 'sign-in'
              ? got === 303 && /^\/sign-in\?next=/.test(String(response.headers.location))
              : got === want;
        if (!ok) mismatches.push(`${role.padEnd(15)} ${method} ${url}: expected ${want}, got ${got}${response.headers.location ? ` → ${response.headers.location}` : ''}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Every route, many requests each: a loaded machine needs longer than one page's allowance.
  }, 120_000);

  it('answers a wrong or missing secret with a 404 for everyone, signed in or not', async () => {
    const wrong = 'A'.repeat(43);
    const secretRoutes = routeRules.filter((r) => r.rule.kind === 'secret-link');
    expect(secretRoutes.length).toBeGreaterThan(10);
    for (const { method, url } of secretRoutes) {
      const forged = camp
        .concrete(url)
        .replace(camp.secrets.manage, wrong)
        .replace(camp.secrets.sponsor, wrong)
        .replace(camp.secrets.feed, `${camp.event.id}-${camp.people.attendee.id}-${wrong}`)
        .replace(camp.secrets.unsubscribe, `${camp.people.attendee.id}-${wrong}`)
        .replace(camp.secrets.digest, `${camp.event.id}-${camp.people.attendee.id}-${wrong}`);
      for (const role of ['anonymous', 'attendee', 'administrator'] as const) {
        const response = await send(role, method, forged);
        expect(response.statusCode, `${role} ${method} ${forged}`).toBe(404);
      }
    }
  });
});

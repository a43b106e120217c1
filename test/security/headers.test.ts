import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAssetManifest } from '../../src/web/asset-manifest.ts';
import { securityCamp, type Role, type SecurityCamp } from './camp.ts';

/**
 * test/web/pages.test.ts checks a handful of pages; this walks every GET route in the route
 * table, feeds, exports and uploads included, as a visitor and as an administrator.
 */
describe('security headers on every answer', () => {
  let camp: SecurityCamp;
  let logo: string;
  beforeAll(async () => {
    camp = await securityCamp();
    logo = (camp.t.db.$client.prepare('select logo from sponsors where logo is not null limit 1').get() as { logo: string }).logo;
  });
  afterAll(async () => camp.t.close());

  const urlFor = (url: string) =>
    url === '/static/*'
      ? '/static/build/campgrid.css'
      : url === '/assets/*'
        ? readAssetManifest()['/static/build/campgrid.css']!
        : url === '/uploads/:file'
          ? `/uploads/${logo}`
          : camp.concrete(url);

  it.each(['anonymous', 'administrator'] as Role[])('every GET route, as %s', async (role) => {
    const agent = await camp.agent(role);
    const gets = camp.t.app.campgrid.routes.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(60);
    const kinds = new Set<string>();
    for (const route of gets) {
      const url = urlFor(route.url);
      const response = await agent.get(url);
      const where = `${route.url} (${url}) → ${response.statusCode}`;
      expect(response.statusCode, where).toBeLessThan(500);
      kinds.add(String(response.headers['content-type']).split(';')[0]!);
      const csp = String(response.headers['content-security-policy']);
      expect(csp, where).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      if (route.url === '/uploads/:file' && response.statusCode === 200) {
        // A stored logo may be SVG: it is allowed nothing at all, not even its own origin.
        expect(csp, where).toBe("default-src 'none'");
      } else {
        expect(csp, where).toContain("default-src 'self'");
        expect(csp, where).toContain("script-src 'self'");
        expect(csp, where).toContain("style-src 'self'");
        expect(csp, where).toContain("object-src 'none'");
        expect(csp, where).toContain("frame-ancestors 'none'");
      }
      expect(response.headers['x-content-type-options'], where).toBe('nosniff');
      expect(response.headers['x-frame-options'], where).toBe('SAMEORIGIN');
      expect(['same-origin', 'no-referrer'], where).toContain(response.headers['referrer-policy']);
      expect(response.headers['cross-origin-opener-policy'], where).toBe('same-origin');
      expect(response.headers['x-powered-by'], where).toBeUndefined();
      if (String(response.headers['content-type']).startsWith('text/html') && response.statusCode === 200) {
        expect(response.body, where).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
        expect(response.body, where).not.toMatch(/<style|\sstyle="|\son[a-z]+="/);
      }
    }
    // The walk really did reach feeds, exports, images and pages, not only error pages.
    for (const kind of ['text/html', 'text/calendar', 'application/json', 'text/csv']) expect([...kinds]).toContain(kind);
  });

  it('keeps secret-link pages out of caches and Referer headers', async () => {
    const agent = await camp.agent('anonymous');
    for (const url of [`/tickets/${camp.ids.registrationId}/${camp.secrets.manage}`, `/sponsorships/${camp.secrets.sponsor}`, '/sign-in/not-a-real-token']) {
      const response = await agent.get(url);
      expect(response.headers['cache-control'], url).toContain('no-store');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });

  // Last: some of these empty posts change the camp (an empty form can still be a valid action).
  it('every POST answer (refused, re-shown, redirected) and error pages carry them too', async () => {
    const agent = await camp.agent('administrator');
    const posts = camp.t.app.campgrid.routes.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(50);
    const statuses = new Set<number>();
    const answers = [];
    for (const route of posts) {
      const url = camp.concrete(route.url);
      // Without a token (refused), and with one but an empty form (re-shown with errors, or done).
      answers.push({ where: `POST ${url} without a token`, response: await agent.post(url, {}, { csrf: false }) });
      answers.push({ where: `POST ${url}`, response: await agent.post(url, {}) });
    }
    answers.push({ where: 'GET a page that does not exist', response: await agent.get('/no/such/page') });
    answers.push({ where: 'GET an event that does not exist', response: await agent.get('/events/no-such-camp') });
    for (const { where, response } of answers) {
      statuses.add(response.statusCode);
      expect(response.statusCode, where).toBeLessThan(500);
      expect(String(response.headers['content-security-policy']), where).toMatch(/^default-src 'self';/);
      expect(String(response.headers['content-security-policy']), where).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers['x-content-type-options'], where).toBe('nosniff');
      expect(response.headers['x-frame-options'], where).toBe('SAMEORIGIN');
      expect(response.headers['cross-origin-opener-policy'], where).toBe('same-origin');
      expect(response.headers['x-powered-by'], where).toBeUndefined();
    }
    // Refusals, re-shown forms, redirects and not-found pages were all among them.
    for (const status of [303, 400, 403, 404]) expect([...statuses]).toContain(status);
  });
});

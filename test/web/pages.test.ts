import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent } from '../helpers/agent.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { createEvent, findEventBySlug } from '../../src/events/events.ts';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import { campDetails } from '../helpers/factories.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { countQueriesAsync } from '../helpers/queries.ts';

describe('every page', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(async () => t.close());

  it('carries security headers, with a Content-Security-Policy that allows no inline script or style', async () => {
    for (const url of ['/', '/sign-in', '/privacy', '/no-such-page', '/static/build/campgrid.css']) {
      const response = await new Agent(t.app).get(url);
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('same-origin');
    }
  });

  it('sets a CSRF cookie only on pages with a form, so pages without one are the same for every visitor', async () => {
    expect((await t.app.inject({ url: '/privacy' })).headers['set-cookie']).toBeUndefined();
    expect(String((await t.app.inject({ url: '/sign-in' })).headers['set-cookie'])).toContain('campgrid_csrf=');
  });

  it('has no inline scripts, styles or event handlers in its HTML', async () => {
    for (const url of ['/', '/sign-in', '/accessibility', '/privacy']) {
      const html = (await new Agent(t.app).get(url)).body;
      expect(html, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, url).not.toMatch(/<style|\sstyle="|\son[a-z]+="/);
    }
  });

  it('has a skip link, the site menu and a footer with the accessibility statement and privacy notice', async () => {
    const html = (await new Agent(t.app).get('/')).body;
    expect(html).toContain('<a href="#main-content" class="govuk-skip-link"');
    expect(html).toContain('<main class="govuk-main-wrapper" id="main-content">');
    expect(html).toContain('href="/accessibility">Accessibility statement</a>');
    expect(html).toContain('href="/privacy">Privacy notice</a>');
    expect(html).not.toMatch(/GOV\.UK|crown/i);
  });

  it('has an icon, linked from every page and at /favicon.ico where browsers look without a link', async () => {
    const agent = new Agent(t.app);
    const html = (await agent.get('/')).body;
    const icons = [...html.matchAll(/<link rel="icon" href="([^"]+)"/g)].map((m) => m[1]!);
    // Fingerprinted (/assets/favicon.<hash>.ico) once the assets are built, else the plain files.
    expect(icons).toHaveLength(2);
    expect(icons[0]).toMatch(/^\/(static|assets)\/favicon(\.\w+)?\.ico$/);
    expect(icons[1]).toMatch(/^\/(static|assets)\/favicon(\.\w+)?\.svg$/);
    for (const url of [...icons, '/favicon.ico']) {
      const response = await agent.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon|svg\+xml)/);
    }
  });

  it('answers an unknown address with a 404 page in the site’s look', async () => {
    const response = await new Agent(t.app).get('/events/nothing/here');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<h1 class="govuk-heading-l">Page not found</h1>');
  });

  it('serves the stylesheet, and the GOV.UK Frontend script only from its own folder', async () => {
    const agent = new Agent(t.app);
    expect((await agent.get('/static/build/campgrid.css')).statusCode).toBe(200);
    expect((await agent.get('/static/govuk/govuk-frontend.min.js')).statusCode).toBe(200);
    expect((await agent.get('/static/govuk/../../package.json')).statusCode).toBe(404);
    expect((await agent.get('/static/govuk/all.bundle.js')).statusCode).toBe(404);
  });
});

describe('the site menu', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(async () => t.close());

  const asksWhetherTheyOrganise = (sql: string[]) => sql.filter((s) => s.includes('"event_organisers"')).length;

  it('offers "Organise" to someone on a team, asking the database only when a page prints the menu', async () => {
    const ana = person(t.db, 'ana@example.org', { administrator: true });
    createEvent(t.db, testNow, campDetails(), ana.id);
    inviteOrganiser(t.db, testNow, { event: findEventBySlug(t.db, 'localgovcamp-2027')!, email: 'sam@example.org', role: 'helper', invitedBy: ana, baseUrl: '' });
    const sam = await signedInAgent(t.app, person(t.db, 'sam@example.org'));
    const page = await countQueriesAsync(t.db, () => sam.get('/privacy'));
    expect(page.result.body).toContain('href="/organise"');
    expect(asksWhetherTheyOrganise(page.sql)).toBe(1);
    const icon = await countQueriesAsync(t.db, () => sam.get('/favicon.ico'));
    expect(icon.result.statusCode).toBe(200);
    expect(asksWhetherTheyOrganise(icon.sql)).toBe(0);
  });

  it('does not offer "Organise" to someone on no team', async () => {
    const lee = await signedInAgent(t.app, person(t.db, 'lee@example.org'));
    const html = (await lee.get('/me')).body;
    expect(html).toContain('Your account');
    expect(html).not.toContain('href="/organise"');
  });
});

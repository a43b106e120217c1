import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { solidPng } from '../../src/sponsors/logos.ts';
import { findPackage, type SponsorPackage } from '../../src/sponsors/packages.ts';
import { sponsorsOf } from '../../src/sponsors/sponsors.ts';
import type { CampEvent } from '../../src/events/events.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { person } from '../helpers/people.ts';
import { offer, publishedCamp, signUpFields } from './factories.ts';

/** A visitor's browser over real HTTP: its cookies and the form's CSRF token. */
async function openSignUpPage(url: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(url);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())![1]!;
  return { cookie, token };
}

describe('journey 6: two sponsors reach for the last Lunch sponsor package at the same moment', () => {
  let t: TestApp;
  let event: CampEvent;
  let lunch: SponsorPackage;
  beforeEach(async () => {
    t = await makeApp({ SPONSOR_SIGN_UPS_PER_IP_PER_HOUR: '100' });
    event = publishedCamp(t.db, person(t.db, 'dee@example.org', { administrator: true }));
    lunch = offer(t.db, event, { available: 1 });
    offer(t.db, event, { name: 'Friend of the camp', available: null });
  });
  afterEach(async () => t.close());

  it('gives it to exactly one; the other is told it has sold out', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `${address}/events/localgovcamp-2027/sponsor`;
    const [first, second] = await Promise.all([openSignUpPage(url), openSignUpPage(url)]);
    const post = (visitor: { cookie: string; token: string }, organisationName: string) => {
      const form = new FormData();
      form.append('_csrf', visitor.token);
      for (const [k, v] of Object.entries(signUpFields(lunch.id, { organisationName }))) form.append(k, v);
      form.append('logoFile', new Blob([new Uint8Array(solidPng(400, 200, [10, 10, 10]))], { type: 'image/png' }), 'logo.png');
      return fetch(url, { method: 'POST', body: form, headers: { cookie: visitor.cookie }, redirect: 'manual' });
    };
    const responses = await Promise.all([post(first, 'Acme Digital'), post(second, 'Beta Ltd')]);
    const outcomes = await Promise.all(responses.map(async (r) => ({ status: r.status, body: await r.text() })));
    expect(outcomes.map((o) => o.status).sort()).toEqual([303, 400]);
    const refused = outcomes.find((o) => o.status === 400)!;
    expect(refused.body).toContain('Sorry, the Lunch sponsor package has sold out. Choose another package.');
    expect(sponsorsOf(t.db, event.id)).toHaveLength(1);
    expect(findPackage(t.db, event.id, lunch.id)!.unitsHeld).toBe(1);
  });

  it('holds firm when many try at once', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `${address}/events/localgovcamp-2027/sponsor`;
    const visitors = await Promise.all(Array.from({ length: 12 }, () => openSignUpPage(url)));
    const responses = await Promise.all(
      visitors.map((v, i) =>
        fetch(url, {
          method: 'POST',
          body: new URLSearchParams({ _csrf: v.token, ...signUpFields(lunch.id, { organisationName: `Sponsor ${i}` }) }),
          headers: { cookie: v.cookie },
          redirect: 'manual',
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 303)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 400)).toHaveLength(11);
    expect(sponsorsOf(t.db, event.id)).toHaveLength(1);
  });
});

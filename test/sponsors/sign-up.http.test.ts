import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampEvent } from '../../src/events/events.ts';
import { solidPng } from '../../src/sponsors/logos.ts';
import { findPackage, type SponsorPackage } from '../../src/sponsors/packages.ts';
import { sponsorsOf } from '../../src/sponsors/sponsors.ts';
import { Agent, errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { outboxMessages, pathOf } from '../helpers/outbox.ts';
import { person } from '../helpers/people.ts';
import { jpegOf } from './images.ts';
import { offer, publishedCamp, signUpFields } from './factories.ts';

const png = (w = 240, h = 80) => ({ filename: 'acme.png', contentType: 'image/png', data: solidPng(w, h, [20, 90, 160]) });

describe('signing up as a sponsor', () => {
  let t: TestApp;
  let event: CampEvent;
  let lunch: SponsorPackage;
  let visitor: Agent;
  const page = '/events/localgovcamp-2027/sponsor';

  beforeEach(async () => {
    t = await makeApp();
    event = publishedCamp(t.db, person(t.db, 'dee@example.org', { administrator: true }));
    lunch = offer(t.db, event, { available: 1 });
    visitor = new Agent(t.app);
    await visitor.get(page);
  });
  afterEach(async () => t.close());

  it('shows each package with its benefits, price and how many are left', async () => {
    offer(t.db, event, { name: 'Friend of the camp', pricePence: 25_050, available: null, benefits: ['Your name on the website'], funds: ['bursaries'] });
    const response = await visitor.get(page);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Lunch sponsor: £1,500</h3>');
    expect(response.body).toContain('<strong>1 of 1 left</strong>');
    expect(response.body).toContain('<li>Your logo on the lunch tables</li>');
    expect(response.body).toContain('Friend of the camp: £250.50</h3>');
    expect(response.body).toContain('Available to as many sponsors as want it.');
    expect(response.body).toContain('Pays for: travel bursaries.');
  });

  it('signs up with a logo, holds the package, emails a private link and lands on the sponsor’s own page', async () => {
    const response = await visitor.postMultipart(page, signUpFields(lunch.id), { logoFile: png() });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/sponsorships\/[A-Za-z0-9_-]{43}\?done=applied$/);
    const [sponsor] = sponsorsOf(t.db, event.id);
    expect(sponsor).toMatchObject({ status: 'applied', organisationName: 'Acme Digital', website: 'https://acme.example', logoWidth: 240, logoHeight: 80 });
    expect(readdirSync(join(t.config.dataDir, 'uploads'))).toEqual([sponsor!.logo]);
    expect(findPackage(t.db, event.id, lunch.id)!.unitsHeld).toBe(1);

    const own = await visitor.get(response.headers.location as string);
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('no-store');
    expect(own.headers['referrer-policy']).toBe('no-referrer');
    expect(own.body).toContain('Thank you for signing up.');
    expect(own.body).toContain('Waiting for approval');
    expect(own.body).toContain(`src="/uploads/${sponsor!.logo}" alt="Acme Digital" width="240" height="80"`);

    const [mail] = outboxMessages(t.db);
    expect(mail).toMatchObject({ toAddress: 'ada@acme.example', subject: 'Thank you for offering to sponsor LocalGovCamp 2027' });
    const link = mail!.textBody.match(/http:\/\/campgrid\.test\/sponsorships\/\S+/)![0];
    expect((await new Agent(t.app).get(pathOf(link))).body).toContain('Your sponsorship of LocalGovCamp 2027');

    const soldOut = await visitor.get(page);
    expect(soldOut.body).toContain('Sold out');
    expect(soldOut.body).not.toContain('Sign up as a sponsor');
  });

  it('serves the logo with its type, nosniff and a year’s immutable cache', async () => {
    await visitor.postMultipart(page, signUpFields(lunch.id), { logoFile: png() });
    const logo = sponsorsOf(t.db, event.id)[0]!.logo!;
    const response = await visitor.get(`/uploads/${logo}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.rawPayload.equals(solidPng(240, 80, [20, 90, 160]))).toBe(true);
    expect((await visitor.get(`/uploads/${'0'.repeat(64)}.png`)).statusCode).toBe(404);
    expect((await visitor.get('/uploads/..%2Fcampgrid.db')).statusCode).toBe(404);
  });

  it('re-renders the form with what was typed and every problem in field order', async () => {
    const response = await visitor.post(page, signUpFields(lunch.id, { packageId: '', organisationName: '', website: 'javascript:alert(1)', contactEmail: 'ada-at-acme', contactPhone: 'call me', description: 'x'.repeat(301), vatNumber: 'GB-12!', terms: '' }));
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Choose a package',
      'Enter your organisation’s name',
      'Enter a website address like https://example.org',
      'Enter an email address in the correct format, like name@example.org',
      'Enter a phone number, like 01632 960 001 or +44 808 157 0192',
      'Enter a VAT number like GB 123 4567 89, or leave it empty',
      'Description must be 300 characters or fewer',
      'Confirm that you agree to the sponsor terms',
    ]);
    expect(inputValue(response.body, 'contactEmail')).toBe('ada-at-acme');
    expect(inputValue(response.body, 'contactName')).toBe('Ada Acme');
    expect(response.body).toContain('>' + 'x'.repeat(301) + '</textarea>');
    expect(sponsorsOf(t.db, event.id)).toEqual([]);
  });

  const refusals: Array<[string, { filename: string; contentType: string; data: Buffer }, string]> = [
    ['a script renamed .png', { filename: 'logo.png', contentType: 'image/png', data: Buffer.from('<script>fetch("/organise")</script>') }, 'The logo must be a PNG, JPEG or WebP image'],
    ['an SVG', { filename: 'logo.svg', contentType: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') }, 'SVG logos are not accepted: upload a PNG, JPEG or WebP'],
    ['an image over 1 MB', { filename: 'big.jpg', contentType: 'image/jpeg', data: Buffer.concat([jpegOf(800, 600), Buffer.alloc(1_100_000)]) }, 'The logo must be 1 MB or smaller'],
    ['a corrupt image', { filename: 'broken.png', contentType: 'image/png', data: solidPng(200, 200, [1, 2, 3]).subarray(0, 60) }, 'The logo file is damaged or incomplete: save it again and upload the new copy'],
    ['a tiny image', png(8, 8), 'The logo must be at least 32 pixels wide and 32 pixels high'],
    ['an image too many pixels wide', { filename: 'wide.jpg', contentType: 'image/jpeg', data: jpegOf(12_000, 200) }, 'The logo must be no more than 2,000 pixels wide or high'],
  ];
  for (const [what, file, message] of refusals) {
    it(`refuses ${what} with a clear message, keeping what was typed`, async () => {
      const response = await visitor.postMultipart(page, signUpFields(lunch.id, { organisationName: 'Acme & Sons' }), { logoFile: file });
      expect(response.statusCode).toBe(400);
      expect(errorSummary(response.body)).toEqual([message]);
      expect(inputValue(response.body, 'organisationName')).toBe('Acme & Sons');
      expect(sponsorsOf(t.db, event.id)).toEqual([]);
      expect(existsSync(join(t.config.dataDir, 'uploads'))).toBe(false);
    });
  }

  it('keeps an upload only when the whole form succeeds, so refused forms leave no files', async () => {
    for (let i = 0; i < 5; i++) {
      const refused = await visitor.postMultipart(page, signUpFields(lunch.id, { contactPhone: '' }), { logoFile: png(100 + i, 100) });
      expect(errorSummary(refused.body)).toEqual(['Enter the contact’s phone number']);
    }
    expect(existsSync(join(t.config.dataDir, 'uploads'))).toBe(false);
    const done = await visitor.postMultipart(page, signUpFields(lunch.id), { logoFile: png() });
    expect(done.statusCode).toBe(303);
    expect(readdirSync(join(t.config.dataDir, 'uploads'))).toEqual([sponsorsOf(t.db, event.id)[0]!.logo]);
  });

  it('limits sign-ups per contact address and per requester, since each sends an email', async () => {
    const friends = offer(t.db, event, { name: 'Friends of the camp', available: null });
    for (let i = 0; i < 3; i++) expect((await visitor.post(page, signUpFields(friends.id, { organisationName: `Acme ${i}` }))).statusCode).toBe(303);
    const fourth = await visitor.post(page, signUpFields(friends.id, { organisationName: 'Acme 4' }));
    expect(errorSummary(fourth.body)).toEqual(['Several sponsors have signed up with this email address in the last hour. Wait an hour, or contact the organisers.']);
    const sent = outboxMessages(t.db).length;
    for (let i = 0; i < 6; i++) await visitor.post(page, signUpFields(friends.id, { contactEmail: `someone${i}@example.org` }));
    const limited = await visitor.post(page, signUpFields(friends.id, { contactEmail: 'one.more@example.org' }));
    expect(limited.statusCode).toBe(429);
    expect(outboxMessages(t.db).length).toBeLessThanOrEqual(sent + 6);
  });

  it('refuses a logo, with a clear message, once the uploads folder is full', async () => {
    const small = await makeApp({ UPLOAD_SPACE_MB: '0.0001' });
    try {
      const camp = publishedCamp(small.db, person(small.db, 'ana@example.org'));
      const pkg = offer(small.db, camp);
      const agent = new Agent(small.app);
      const url = `/events/${camp.slug}/sponsor`;
      await agent.get(url);
      const full = await agent.postMultipart(url, signUpFields(pkg.id), { logoFile: png(400, 400) });
      expect(full.statusCode).toBe(400);
      expect(errorSummary(full.body)).toEqual(['We cannot take more logos just now. Send the form without a logo and email it to the organisers, or try again later.']);
      expect(sponsorsOf(small.db, camp.id)).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('ignores a kept logo that is not one of ours', async () => {
    const response = await visitor.post(page, signUpFields(lunch.id, { logo: '../../campgrid.db' }));
    expect(response.statusCode).toBe(303);
    expect(sponsorsOf(t.db, event.id)[0]!.logo).toBeNull();
  });

  it('tells the second sponsor the package has sold out, keeping what they typed', async () => {
    offer(t.db, event, { name: 'Friend of the camp', available: null });
    expect((await visitor.post(page, signUpFields(lunch.id))).statusCode).toBe(303);
    const second = new Agent(t.app);
    await second.get(page);
    const response = await second.post(page, signUpFields(lunch.id, { organisationName: 'Beta Ltd' }));
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Sorry, the Lunch sponsor package has sold out. Choose another package.']);
    expect(inputValue(response.body, 'organisationName')).toBe('Beta Ltd');
  });

  it('answers a broken or overstuffed multipart post with a 4xx page, never a 500', async () => {
    const headers = { cookie: visitor.cookieHeader, 'content-type': 'multipart/form-data; boundary=XYZ' };
    const broken = await t.app.inject({ method: 'POST', url: page, payload: '--XYZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nabc', headers });
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);
    expect(broken.statusCode).toBeLessThan(500);
    const twoFiles = await visitor.postMultipart(page, signUpFields(lunch.id), { logoFile: png(), other: png() });
    expect(twoFiles.statusCode).toBeGreaterThanOrEqual(400);
    expect(twoFiles.statusCode).toBeLessThan(500);
    expect(sponsorsOf(t.db, event.id)).toEqual([]);
  });

  it('has no sponsor page for a draft camp, except for its team', async () => {
    const draft = publishedCamp(t.db, person(t.db, 'dee@example.org'), { slug: 'draft-camp', name: 'Draft camp' });
    t.db.$client.prepare("update events set status = 'draft' where id = ?").run(draft.id);
    expect((await visitor.get('/events/draft-camp/sponsor')).statusCode).toBe(404);
    expect((await visitor.post('/events/draft-camp/sponsor', signUpFields(lunch.id))).statusCode).toBe(404);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampEvent } from '../../src/events/events.ts';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import type { Person } from '../../src/people/people.ts';
import { storeLogo, solidPng } from '../../src/sponsors/logos.ts';
import { findPackage, packagesOf, type SponsorPackage } from '../../src/sponsors/packages.ts';
import { findSponsor, signUpSponsor, type Sponsor } from '../../src/sponsors/sponsors.ts';
import { historyOf } from '../../src/sponsors/history.ts';
import { Agent, decodeEntities, errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person, signedInAgent } from '../helpers/people.ts';
import { acme, offer, publishedCamp } from './factories.ts';

const packageFields = (overrides: Record<string, string | string[]> = {}) => ({
  name: 'Lunch sponsor',
  benefits: 'Your logo on the lunch tables\r\n\r\n  Thanks in the closing plenary  ',
  price: '1,500.50',
  available: '1',
  'signUpDeadline-day': '31',
  'signUpDeadline-month': '5',
  'signUpDeadline-year': '2027',
  displayOrder: '2',
  logoSize: 'large',
  funds: ['food', 'creche'],
  ...overrides,
});

describe('organisers and sponsors', () => {
  let t: TestApp;
  let dee: Person;
  let event: CampEvent;
  let organiser: Agent;
  const base = '/organise/events/localgovcamp-2027';

  beforeEach(async () => {
    t = await makeApp();
    dee = person(t.db, 'dee@example.org', { administrator: true, name: 'Dee Organiser' });
    event = publishedCamp(t.db, dee);
    organiser = await signedInAgent(t.app, dee);
  });
  afterEach(async () => t.close());

  const applied = (pkg: SponsorPackage, name = 'Acme Digital', email = 'ada@acme.example'): Sponsor => {
    const image = solidPng(120, 60, [200, 0, 0]);
    const logo = storeLogo(t.config.dataDir, image, { type: 'png', width: 120, height: 60 });
    return signUpSponsor(t.db, testNow, { event, packageId: pkg.id, details: acme({ organisationName: name, contactEmail: email }), logo, baseUrl: t.config.baseUrl }).sponsor;
  };

  it('adds a package from what was typed: pounds to pence, one benefit a line, the deadline as a date', async () => {
    const response = await organiser.post(`${base}/sponsor-packages/new`, packageFields());
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${base}/sponsor-packages?done=package-added`);
    expect(packagesOf(t.db, event.id)).toMatchObject([
      { name: 'Lunch sponsor', benefits: ['Your logo on the lunch tables', 'Thanks in the closing plenary'], pricePence: 150_050, available: 1, signUpDeadline: '2027-05-31', displayOrder: 2, logoSize: 'large', funds: ['food', 'creche'] },
    ]);
    const list = await organiser.get(`${base}/sponsor-packages`);
    expect(list.body).toContain('<td class="govuk-table__cell govuk-table__cell--numeric">£1,500.50</td>');
    const unlimited = await organiser.post(`${base}/sponsor-packages/new`, packageFields({ name: 'Friend', available: '', 'signUpDeadline-day': '', 'signUpDeadline-month': '', 'signUpDeadline-year': '', displayOrder: '' }));
    expect(unlimited.statusCode).toBe(303);
    expect(packagesOf(t.db, event.id)[0]).toMatchObject({ name: 'Friend', available: null, signUpDeadline: null, displayOrder: 0 });
  });

  it('re-renders the package form with what was typed and every problem in field order', async () => {
    const response = await organiser.post(`${base}/sponsor-packages/new`, packageFields({ name: '', benefits: '  \r\n ', price: '1.500,00', available: 'lots', 'signUpDeadline-day': '31', 'signUpDeadline-month': '2', logoSize: 'huge', funds: 'yachts' }));
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Enter the package’s name',
      'Enter at least one benefit, one to a line',
      'Enter the price in pounds, like 1500 or 1,500.50',
      'Enter how many are available as a whole number, like 2, or leave it empty for unlimited',
      'The deadline must be a real date, like 30 4 2027',
      'Choose how large its sponsors’ logos are',
      'Choose from the options given',
    ]);
    expect(inputValue(response.body, 'price')).toBe('1.500,00');
    expect(inputValue(response.body, 'available')).toBe('lots');
    expect(inputValue(response.body, 'signUpDeadline-month')).toBe('2');
  });

  it('changes a package without changing what its sponsors agreed to, and never below the units they hold', async () => {
    const lunch = offer(t.db, event, { available: 2 });
    const acmeSponsor = applied(lunch);
    applied(lunch, 'Beta Ltd', 'bo@beta.example');
    const edit = await organiser.get(`${base}/sponsor-packages/${lunch.id}/edit`);
    expect(inputValue(edit.body, 'price')).toBe('1500');
    expect(edit.body).toContain('2 sponsors hold this package.');
    const tooFew = await organiser.post(`${base}/sponsor-packages/${lunch.id}/edit`, packageFields({ available: '1' }));
    expect(errorSummary(tooFew.body)).toEqual(['2 sponsors already hold this package, so at least 2 must be available']);
    expect((await organiser.post(`${base}/sponsor-packages/${lunch.id}/edit`, packageFields({ price: '2000', available: '3' }))).statusCode).toBe(303);
    expect(findPackage(t.db, event.id, lunch.id)!.pricePence).toBe(200_000);
    expect(findSponsor(t.db, event.id, acmeSponsor.id)!.agreedPricePence).toBe(150_000);
    const remove = await organiser.post(`${base}/sponsor-packages/${lunch.id}/remove`);
    expect(remove.statusCode).toBe(400);
    expect(decodeEntities(remove.body)).toContain('Sponsors have signed up for this package, so it cannot be removed.');
  });

  it('approves, invoices and marks paid, emailing the sponsor each time and recording who did it', async () => {
    const lunch = offer(t.db, event);
    const s = applied(lunch);
    const review = await organiser.get(`${base}/sponsors`);
    expect(review.body).toContain(`<a class="govuk-link" href="${base}/sponsors/${s.id}">Acme Digital</a>`);
    expect(review.body).toContain('Waiting for approval (1)');

    expect((await organiser.post(`${base}/sponsors/${s.id}/approve`)).headers.location).toBe(`${base}/sponsors/${s.id}?done=approved`);
    const badInvoice = await organiser.post(`${base}/sponsors/${s.id}/invoice`, { reference: '', 'invoicedOn-day': '30', 'invoicedOn-month': '2', 'invoicedOn-year': '2027' });
    expect(badInvoice.statusCode).toBe(400);
    expect(errorSummary(badInvoice.body)).toEqual(['Enter the invoice reference', 'The date must be a real date, like 19 6 2027']);
    expect(inputValue(badInvoice.body, 'invoicedOn-day')).toBe('30');
    expect((await organiser.post(`${base}/sponsors/${s.id}/invoice`, { reference: 'INV-2027-07', 'invoicedOn-day': '2', 'invoicedOn-month': '3', 'invoicedOn-year': '2027' })).statusCode).toBe(303);
    expect((await organiser.post(`${base}/sponsors/${s.id}/payment`, { 'paidOn-day': '20', 'paidOn-month': '3', 'paidOn-year': '2027' })).statusCode).toBe(303);

    expect(findSponsor(t.db, event.id, s.id)).toMatchObject({ status: 'approved', invoiceStatus: 'paid', invoiceReference: 'INV-2027-07', invoicedOn: '2027-03-02', paidOn: '2027-03-20' });
    expect(outboxMessages(t.db).map((m) => m.subject).slice(1)).toEqual([
      'Your sponsorship of LocalGovCamp 2027 is approved',
      'Invoice INV-2027-07 for sponsoring LocalGovCamp 2027',
      'Thank you: your payment for LocalGovCamp 2027 has arrived',
    ]);
    const page = decodeEntities((await organiser.get(`${base}/sponsors/${s.id}`)).body);
    expect(page).toContain('Nothing more to decide.');
    expect(page).toContain('<td class="govuk-table__cell">Invoiced: Invoice INV-2027-07</td>');
    expect(page).toContain('<td class="govuk-table__cell">Dee Organiser (dee@example.org)</td>');

    const dashboard = decodeEntities((await organiser.get(base)).body);
    expect(dashboard).toMatch(/Pledged<\/dt><dd class="govuk-summary-list__value">£1,500/);
    expect(dashboard).toMatch(/Paid<\/dt><dd class="govuk-summary-list__value">£1,500/);
    expect(dashboard).toContain(`href="${base}/sponsors.csv"`);
  });

  it('declines with a reason the sponsor is told, and will not decline without one', async () => {
    const lunch = offer(t.db, event);
    const s = applied(lunch);
    const none = await organiser.post(`${base}/sponsors/${s.id}/decline`, { reason: ' ' });
    expect(errorSummary(none.body)).toEqual(['Enter why the sponsor is declined: they will be told']);
    await organiser.post(`${base}/sponsors/${s.id}/decline`, { reason: 'Not a good fit for a public-sector camp' });
    expect(findSponsor(t.db, event.id, s.id)!.status).toBe('declined');
    expect(findPackage(t.db, event.id, lunch.id)!.unitsHeld).toBe(0);
    expect(outboxMessages(t.db).at(-1)!.textBody).toContain('Their reason: Not a good fit for a public-sector camp');
    expect(historyOf(t.db, s.id).at(-1)).toMatchObject({ action: 'declined', byPersonId: dee.id });
    const again = await organiser.post(`${base}/sponsors/${s.id}/approve`);
    expect(errorSummary(again.body)).toEqual(['Only a sponsor waiting for approval can be approved; this one is declined']);
  });

  it('exports every sponsor as CSV a spreadsheet opens safely', async () => {
    const lunch = offer(t.db, event, { available: 3 });
    applied(lunch, '=cmd|/c calc', 'evil@example.org');
    applied(lunch, 'Café Ünïcode, Ltd', 'cafe@example.org');
    const response = await organiser.get(`${base}/sponsors.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="localgovcamp-2027-sponsors.csv"');
    const body = response.rawPayload.toString('utf8');
    expect(body.startsWith('\ufeffOrganisation,Package,Price (£),Status,')).toBe(true);
    const lines = body.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^'=cmd\|\/c calc,Lunch sponsor,1500,Waiting for approval,Not invoiced,,,,Ada Acme,evil@example.org,/);
    expect(lines[2]).toMatch(/^"Café Ünïcode, Ltd",/);
  });

  it('lets only the event’s organisers review: not helpers, attendees, sponsors or another event’s team', async () => {
    const lunch = offer(t.db, event);
    const s = applied(lunch);
    inviteOrganiser(t.db, testNow, { event, email: 'helper@example.org', role: 'helper', invitedBy: dee, baseUrl: '' });
    const other = publishedCamp(t.db, person(t.db, 'root@example.org', { administrator: true }), { slug: 'other-camp', name: 'Other camp' });
    inviteOrganiser(t.db, testNow, { event: other, email: 'other@example.org', role: 'owner', invitedBy: dee, baseUrl: '' });
    for (const email of ['helper@example.org', 'attendee@example.org', 'ada@acme.example', 'other@example.org']) {
      const agent = await signedInAgent(t.app, person(t.db, email));
      for (const url of [`${base}/sponsors`, `${base}/sponsors/${s.id}`, `${base}/sponsors.csv`, `${base}/sponsor-packages`]) {
        expect((await agent.get(url)).statusCode, `${email} GET ${url}`).toBe(403);
      }
      expect((await agent.post(`${base}/sponsors/${s.id}/approve`)).statusCode, email).toBe(403);
    }
    expect(findSponsor(t.db, event.id, s.id)!.status).toBe('applied');
    const helperDashboard = await (await signedInAgent(t.app, person(t.db, 'helper@example.org'))).get(base);
    expect(helperDashboard.body).not.toContain('Pledged');
  });

  it('thanks approved sponsors on the event page with logo, link, description and what they pay for', async () => {
    const venue = offer(t.db, event, { name: 'Venue partner', displayOrder: 1, logoSize: 'large', funds: ['venue', 'accessibility'] });
    const lunch = offer(t.db, event, { name: 'Lunch sponsor', displayOrder: 2, available: 2 });
    const a = applied(lunch, 'Lunch Co');
    const b = applied(venue, 'Venue Co');
    applied(lunch, 'Pending Ltd');
    for (const s of [a, b]) await organiser.post(`${base}/sponsors/${s.id}/approve`);
    const page = decodeEntities((await new Agent(t.app).get('/events/localgovcamp-2027')).body);
    expect(page.indexOf('Venue partner</h3>')).toBeLessThan(page.indexOf('Lunch sponsor</h3>'));
    expect(page).toContain('Paying for the venue, accessibility (captions, interpreters, quiet rooms).');
    expect(page).toContain(`<img class="campgrid-sponsor-logo campgrid-sponsor-logo--large" src="/uploads/${b.logo}" alt="Venue Co" width="120" height="60">`);
    expect(page).toContain('<a class="govuk-link" href="https://acme.example" rel="sponsored noopener">Venue Co</a>');
    expect(page).toContain('We build things for councils.');
    expect(page).not.toContain('Pending Ltd');
    expect(page).toContain('<a class="govuk-link" href="/events/localgovcamp-2027/sponsor">Become a sponsor of LocalGovCamp 2027</a>');
  });
});

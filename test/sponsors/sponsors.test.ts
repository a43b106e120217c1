import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/open.ts';
import type { CampEvent } from '../../src/events/events.ts';
import type { Person } from '../../src/people/people.ts';
import { availabilityOf, findPackage, removePackage, unitsLeft, updatePackage } from '../../src/sponsors/packages.ts';
import { findSponsor, recognitionOf, signUpSponsor, sponsorForToken, sponsorTotals } from '../../src/sponsors/sponsors.ts';
import { approveSponsor, changeSponsorDetails, declineSponsor, markInvoiced, markPaid, withdrawSponsor } from '../../src/sponsors/sponsor-changes.ts';
import { historyOf } from '../../src/sponsors/history.ts';
import { sponsorPackages, sponsors } from '../../src/sponsors/sponsors.table.ts';
import { RuleViolation } from '../../src/rules.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person } from '../helpers/people.ts';
import { acme, lunchPackage, offer, publishedCamp } from './factories.ts';

const baseUrl = 'http://campgrid.test';
const later = (days: number) => new Date(testNow.getTime() + days * 86_400_000);

function refusal(act: () => unknown): Record<string, string> {
  try {
    act();
  } catch (error) {
    if (error instanceof RuleViolation) return error.errors;
    throw error;
  }
  throw new Error('expected the rule to refuse');
}

describe('sponsors', () => {
  let db: Database;
  let dee: Person;
  let event: CampEvent;
  beforeEach(() => {
    ({ db } = freshDatabase());
    dee = person(db, 'dee@example.org', { administrator: true, name: 'Dee Organiser' });
    event = publishedCamp(db, dee);
  });
  afterEach(() => {
    // The held-unit counter always agrees with the sponsors who hold a unit (applied or approved).
    const drift = db.$client
      .prepare("select p.id from sponsor_packages p where p.units_held != (select count(*) from sponsors s where s.package_id = p.id and s.status in ('applied', 'approved'))")
      .all();
    expect(drift).toEqual([]);
    db.$client.close();
  });

  const signUp = (packageId: number, who = acme(), now = testNow) => signUpSponsor(db, now, { event, packageId, details: who, logo: null, baseUrl }).sponsor;
  const by = () => ({ event, by: { person: dee }, baseUrl });

  it('holds one unit of the package while the sign-up is reviewed; the next sponsor finds it sold out', () => {
    const lunch = offer(db, event, { available: 1 });
    const first = signUp(lunch.id);
    expect(first).toMatchObject({ status: 'applied', invoiceStatus: 'not-invoiced', agreedPackageName: 'Lunch sponsor', agreedPricePence: 150_000 });
    expect(unitsLeft(findPackage(db, event.id, lunch.id)!)).toBe(0);
    expect(availabilityOf(findPackage(db, event.id, lunch.id)!, testNow, event.timeZone)).toBe('sold-out');
    expect(refusal(() => signUp(lunch.id, acme({ organisationName: 'Beta Ltd', contactEmail: 'bo@beta.example' })))).toEqual({
      packageId: 'Sorry, the Lunch sponsor package has sold out. Choose another package.',
    });
    expect(db.select().from(sponsors).all()).toHaveLength(1);
  });

  it('releases the unit when the organisers decline a sponsor, or the sponsor withdraws', () => {
    const lunch = offer(db, event, { available: 1 });
    const first = signUp(lunch.id);
    declineSponsor(db, testNow, { ...by(), sponsorId: first.id, reason: 'We already have a lunch sponsor in this sector' });
    expect(findPackage(db, event.id, lunch.id)!.unitsHeld).toBe(0);
    const second = signUp(lunch.id, acme({ organisationName: 'Beta Ltd' }));
    approveSponsor(db, testNow, { ...by(), sponsorId: second.id });
    expect(findPackage(db, event.id, lunch.id)!.unitsHeld).toBe(1);
    withdrawSponsor(db, testNow, { ...by(), sponsorId: second.id, by: 'sponsor' });
    expect(findPackage(db, event.id, lunch.id)!.unitsHeld).toBe(0);
    expect(signUp(lunch.id, acme({ organisationName: 'Gamma CIC' })).status).toBe('applied');
  });

  it('takes sign-ups up to the end of the deadline day in the event’s time zone, and refuses them after', () => {
    const lunch = offer(db, event, { available: 5, signUpDeadline: '2027-05-31' });
    // 23:30 on 31 May in London is 22:30 UTC.
    expect(signUp(lunch.id, acme(), new Date('2027-05-31T22:30:00Z')).status).toBe('applied');
    expect(refusal(() => signUp(lunch.id, acme(), new Date('2027-05-31T23:00:00Z')))).toEqual({
      packageId: 'Sign-ups for the Lunch sponsor package have closed. Choose another package.',
    });
    expect(availabilityOf(findPackage(db, event.id, lunch.id)!, new Date('2027-05-31T23:00:00Z'), event.timeZone)).toBe('closed');
  });

  it('never sells out an unlimited package', () => {
    const friend = offer(db, event, { name: 'Friend of the camp', available: null, pricePence: 25_000 });
    for (let i = 0; i < 30; i++) signUp(friend.id, acme({ organisationName: `Friend ${i}` }));
    expect(unitsLeft(findPackage(db, event.id, friend.id)!)).toBeNull();
    expect(findPackage(db, event.id, friend.id)!.unitsHeld).toBe(30);
  });

  it('keeps what a sponsor agreed to when the package is changed afterwards', () => {
    const lunch = offer(db, event, { available: 2 });
    const first = signUp(lunch.id);
    updatePackage(db, testNow, event.id, lunch.id, { ...lunchPackage(), name: 'Lunch partner', pricePence: 200_000, benefits: ['Something else'], available: 2 });
    expect(findSponsor(db, event.id, first.id)).toMatchObject({ agreedPackageName: 'Lunch sponsor', agreedPricePence: 150_000, agreedBenefits: ['Your logo on the lunch tables', 'Thanks in the closing plenary'] });
    expect(signUp(lunch.id, acme({ organisationName: 'Beta Ltd' }))).toMatchObject({ agreedPackageName: 'Lunch partner', agreedPricePence: 200_000 });
  });

  it('will not offer fewer units than sponsors already hold, nor remove a package with sponsors', () => {
    const lunch = offer(db, event, { available: 3 });
    signUp(lunch.id);
    signUp(lunch.id, acme({ organisationName: 'Beta Ltd' }));
    expect(refusal(() => updatePackage(db, testNow, event.id, lunch.id, { ...lunchPackage(), available: 1 }))).toEqual({
      available: '2 sponsors already hold this package, so at least 2 must be available',
    });
    expect(Object.keys(refusal(() => removePackage(db, event.id, lunch.id)))).toEqual(['package']);
    const unused = offer(db, event, { name: 'Creche' });
    removePackage(db, event.id, unused.id);
    expect(findPackage(db, event.id, unused.id)).toBeUndefined();
  });

  it('lets the database itself refuse a unit beyond those available', () => {
    const lunch = offer(db, event, { available: 1 });
    signUp(lunch.id);
    expect(() => db.update(sponsorPackages).set({ unitsHeld: 2 }).where(eq(sponsorPackages.id, lunch.id)).run()).toThrow(/CHECK constraint failed/);
  });

  it('totals pledged, invoiced and paid money from approved sponsors at the prices they agreed to', () => {
    const venue = offer(db, event, { name: 'Venue partner', pricePence: 500_000, available: 1 });
    const lunch = offer(db, event, { pricePence: 150_050, available: 2 });
    const friend = offer(db, event, { name: 'Friend', pricePence: 25_000, available: null });
    const a = signUp(venue.id);
    const b = signUp(lunch.id, acme({ organisationName: 'Beta' }));
    const c = signUp(friend.id, acme({ organisationName: 'Gamma' }));
    signUp(lunch.id, acme({ organisationName: 'Still applied' }));
    for (const s of [a, b, c]) approveSponsor(db, testNow, { ...by(), sponsorId: s.id });
    markInvoiced(db, testNow, { ...by(), sponsorId: a.id, reference: 'INV-001', invoicedOn: '2027-03-02' });
    markPaid(db, testNow, { ...by(), sponsorId: a.id, paidOn: '2027-03-20' });
    markInvoiced(db, testNow, { ...by(), sponsorId: b.id, reference: 'INV-002', invoicedOn: '2027-03-02' });
    updatePackage(db, testNow, event.id, friend.id, { ...lunchPackage(), name: 'Friend', pricePence: 99_900, available: null });
    expect(sponsorTotals(db, event.id)).toEqual({ pledgedPence: 675_050, invoicedPence: 650_050, paidPence: 500_000, applied: 1, approved: 3 });
    withdrawSponsor(db, testNow, { ...by(), sponsorId: c.id, by: 'sponsor' });
    expect(sponsorTotals(db, event.id).pledgedPence).toBe(650_050);
  });

  it('records every change with who made it and why, and emails the contact a link to their own page each time', () => {
    const lunch = offer(db, event, { available: 1 });
    const { sponsor, link } = signUpSponsor(db, testNow, { event, packageId: lunch.id, details: acme({ contactEmail: 'Ada@Acme.Example' }), logo: null, baseUrl });
    expect(sponsor.contactEmail).toBe('ada@acme.example');
    approveSponsor(db, later(1), { ...by(), sponsorId: sponsor.id });
    markInvoiced(db, later(2), { ...by(), sponsorId: sponsor.id, reference: 'INV-7', invoicedOn: '2027-03-03' });
    markPaid(db, later(3), { ...by(), sponsorId: sponsor.id, paidOn: '2027-03-04' });
    expect(historyOf(db, sponsor.id).map((h) => [h.action, h.byName, h.reason, h.at])).toEqual([
      ['applied', 'The sponsor', '', testNow.getTime()],
      ['approved', 'Dee Organiser (dee@example.org)', '', later(1).getTime()],
      ['invoiced', 'Dee Organiser (dee@example.org)', 'Invoice INV-7', later(2).getTime()],
      ['paid', 'Dee Organiser (dee@example.org)', '', later(3).getTime()],
    ]);
    const mail = outboxMessages(db);
    expect(mail.map((m) => [m.toAddress, m.subject])).toEqual([
      ['ada@acme.example', 'Thank you for offering to sponsor LocalGovCamp 2027'],
      ['ada@acme.example', 'Your sponsorship of LocalGovCamp 2027 is approved'],
      ['ada@acme.example', 'Invoice INV-7 for sponsoring LocalGovCamp 2027'],
      ['ada@acme.example', 'Thank you: your payment for LocalGovCamp 2027 has arrived'],
    ]);
    expect(mail[2]!.textBody).toContain('invoice INV-7 for £1,500 on Wednesday 3 March 2027');
    // Every email has its own link, and all of them open the same page.
    const links = mail.map((m) => m.textBody.match(/http:\/\/campgrid\.test\/sponsorships\/(\S+)/)![1]!);
    expect(new Set(links).size).toBe(4);
    expect(link).toBe(`${baseUrl}/sponsorships/${links[0]}`);
    for (const token of links) expect(sponsorForToken(db, testNow, token)?.id).toBe(sponsor.id);
    expect(sponsorForToken(db, testNow, 'not-a-real-token-but-long-enough')).toBeUndefined();
  });

  it('emails a declined sponsor the reason', () => {
    const lunch = offer(db, event);
    const s = signUp(lunch.id);
    declineSponsor(db, testNow, { ...by(), sponsorId: s.id, reason: 'We cannot accept sponsors from the gambling industry' });
    const declined = outboxMessages(db).at(-1)!;
    expect(declined.subject).toBe('Your sponsorship of LocalGovCamp 2027 was declined');
    expect(declined.textBody).toContain('Their reason: We cannot accept sponsors from the gambling industry');
    expect(historyOf(db, s.id).at(-1)).toMatchObject({ action: 'declined', reason: 'We cannot accept sponsors from the gambling industry', byPersonId: dee.id });
  });

  it('refuses changes out of order: approving twice, paying before an invoice, editing after approval, withdrawing after paying', () => {
    const lunch = offer(db, event, { available: 2 });
    const s = signUp(lunch.id);
    expect(Object.keys(refusal(() => markInvoiced(db, testNow, { ...by(), sponsorId: s.id, reference: 'X', invoicedOn: '2027-03-01' })))).toEqual(['reference']);
    approveSponsor(db, testNow, { ...by(), sponsorId: s.id });
    expect(Object.keys(refusal(() => approveSponsor(db, testNow, { ...by(), sponsorId: s.id })))).toEqual(['form']);
    expect(Object.keys(refusal(() => markPaid(db, testNow, { ...by(), sponsorId: s.id, paidOn: '2027-03-01' })))).toEqual(['paidOn']);
    expect(refusal(() => changeSponsorDetails(db, testNow, { ...by(), by: 'sponsor', sponsorId: s.id, details: acme({ organisationName: 'Renamed' }), logo: null }))).toEqual({
      organisationName: 'Your details can only be changed until your sponsorship is approved',
    });
    markInvoiced(db, testNow, { ...by(), sponsorId: s.id, reference: 'INV-1', invoicedOn: '2027-03-01' });
    markPaid(db, testNow, { ...by(), sponsorId: s.id, paidOn: '2027-03-05' });
    expect(refusal(() => withdrawSponsor(db, testNow, { ...by(), by: 'sponsor', sponsorId: s.id }))).toEqual({
      form: 'You have already paid, so ask the organisers to cancel your sponsorship',
    });
  });

  it('thanks approved sponsors on the event page grouped by package in display order', () => {
    const lunch = offer(db, event, { name: 'Lunch sponsor', displayOrder: 2, available: 3 });
    const venue = offer(db, event, { name: 'Venue partner', displayOrder: 1 });
    const a = signUp(lunch.id, acme({ organisationName: 'Lunch One' }));
    const b = signUp(venue.id, acme({ organisationName: 'Venue Co' }));
    const c = signUp(lunch.id, acme({ organisationName: 'Lunch Two' }));
    signUp(lunch.id, acme({ organisationName: 'Not yet approved' }));
    for (const s of [a, b, c]) approveSponsor(db, testNow, { ...by(), sponsorId: s.id });
    expect(recognitionOf(db, event.id).map((g) => [g.pkg.name, g.sponsors.map((s) => s.organisationName)])).toEqual([
      ['Venue partner', ['Venue Co']],
      ['Lunch sponsor', ['Lunch One', 'Lunch Two']],
    ]);
  });
});

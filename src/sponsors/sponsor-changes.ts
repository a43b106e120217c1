import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { normaliseEmail } from '../people/people.ts';
import { RuleViolation } from '../rules.ts';
import { recordChange, type Actor } from './history.ts';
import type { StoredLogo } from './logos.ts';
import { releaseUnit } from './packages.ts';
import { tellSponsor } from './sponsor-mail.ts';
import { findSponsor, holdingStatuses, type Sponsor, type SponsorDetails } from './sponsors.ts';
import { sponsors } from './sponsors.table.ts';

// The changes that follow a sign-up. Each runs in one transaction that records who made it
// and queues the email telling the sponsor.

/** Reads a sponsor inside a change, refusing if it has gone or is not in one of the expected states. */
function current(db: Db, eventId: number, sponsorId: number): Sponsor {
  const sponsor = findSponsor(db, eventId, sponsorId);
  if (!sponsor) throw new RuleViolation({ form: 'This sponsor no longer exists' });
  return sponsor;
}

function save(db: Db, now: Date, sponsorId: number, change: Partial<Sponsor>): Sponsor {
  return db
    .update(sponsors)
    .set({ ...change, updatedAt: now.getTime() })
    .where(eq(sponsors.id, sponsorId))
    .returning()
    .get();
}

interface Change {
  event: CampEvent;
  sponsorId: number;
  by: Actor;
  baseUrl: string;
}

/** Organisers approve a sponsor who applied; their logo then shows on the event page. */
export function approveSponsor(db: Db, now: Date, c: Change): Sponsor {
  return db.transaction((tx) => {
    const before = current(tx, c.event.id, c.sponsorId);
    if (before.status !== 'applied') throw new RuleViolation({ form: `Only a sponsor waiting for approval can be approved; this one is ${before.status}` });
    const sponsor = save(tx, now, before.id, { status: 'approved' });
    recordChange(tx, now, sponsor.id, 'approved', c.by);
    tellSponsor(tx, now, { sponsor, event: c.event, baseUrl: c.baseUrl, change: 'approved' });
    return sponsor;
  });
}

/** Organisers decline a sponsor, saying why; the unit they held is released for someone else. */
export function declineSponsor(db: Db, now: Date, c: Change & { reason: string }): Sponsor {
  return db.transaction((tx) => {
    const before = current(tx, c.event.id, c.sponsorId);
    if (!holdingStatuses.includes(before.status)) throw new RuleViolation({ reason: `This sponsor is already ${before.status}` });
    if (before.invoiceStatus === 'paid') throw new RuleViolation({ reason: 'This sponsor has paid: refund them before declining' });
    releaseUnit(tx, before.packageId);
    const sponsor = save(tx, now, before.id, { status: 'declined' });
    recordChange(tx, now, sponsor.id, 'declined', c.by, c.reason);
    tellSponsor(tx, now, { sponsor, event: c.event, baseUrl: c.baseUrl, change: 'declined', reason: c.reason });
    return sponsor;
  });
}

/** The sponsor withdraws, releasing their unit. Once paid, only the organisers can undo it. */
export function withdrawSponsor(db: Db, now: Date, c: Change): Sponsor {
  return db.transaction((tx) => {
    const before = current(tx, c.event.id, c.sponsorId);
    if (!holdingStatuses.includes(before.status)) throw new RuleViolation({ form: `This sign-up is already ${before.status}` });
    if (before.invoiceStatus === 'paid') throw new RuleViolation({ form: 'You have already paid, so ask the organisers to cancel your sponsorship' });
    releaseUnit(tx, before.packageId);
    const sponsor = save(tx, now, before.id, { status: 'withdrawn' });
    recordChange(tx, now, sponsor.id, 'withdrawn', c.by);
    tellSponsor(tx, now, { sponsor, event: c.event, baseUrl: c.baseUrl, change: 'withdrawn' });
    return sponsor;
  });
}

/** Records that an approved sponsor has been sent an invoice. */
export function markInvoiced(db: Db, now: Date, c: Change & { reference: string; invoicedOn: string }): Sponsor {
  return db.transaction((tx) => {
    const before = current(tx, c.event.id, c.sponsorId);
    if (before.status !== 'approved') throw new RuleViolation({ reference: 'Only approved sponsors are invoiced' });
    if (before.invoiceStatus !== 'not-invoiced') throw new RuleViolation({ reference: 'This sponsor has already been invoiced' });
    const sponsor = save(tx, now, before.id, { invoiceStatus: 'invoiced', invoiceReference: c.reference, invoicedOn: c.invoicedOn });
    recordChange(tx, now, sponsor.id, 'invoiced', c.by, `Invoice ${c.reference}`);
    tellSponsor(tx, now, { sponsor, event: c.event, baseUrl: c.baseUrl, change: 'invoiced' });
    return sponsor;
  });
}

/** Records that an invoiced sponsor has paid. */
export function markPaid(db: Db, now: Date, c: Change & { paidOn: string }): Sponsor {
  return db.transaction((tx) => {
    const before = current(tx, c.event.id, c.sponsorId);
    if (before.status !== 'approved' || before.invoiceStatus !== 'invoiced') throw new RuleViolation({ paidOn: 'Only an approved sponsor who has been invoiced can be marked as paid' });
    const sponsor = save(tx, now, before.id, { invoiceStatus: 'paid', paidOn: c.paidOn });
    recordChange(tx, now, sponsor.id, 'paid', c.by);
    tellSponsor(tx, now, { sponsor, event: c.event, baseUrl: c.baseUrl, change: 'paid' });
    return sponsor;
  });
}

/**
 * The sponsor corrects their details or logo. Only until they are approved: after that the
 * event page shows them, so changes go through the organisers.
 */
export function changeSponsorDetails(db: Db, now: Date, c: Change & { details: SponsorDetails; logo: StoredLogo | null }): Sponsor {
  return db.transaction((tx) => {
    const before = current(tx, c.event.id, c.sponsorId);
    if (before.status !== 'applied') throw new RuleViolation({ organisationName: 'Your details can only be changed until your sponsorship is approved' });
    const logo = c.logo ? { logo: c.logo.file, logoWidth: c.logo.width, logoHeight: c.logo.height } : {};
    const sponsor = save(tx, now, before.id, { ...c.details, contactEmail: normaliseEmail(c.details.contactEmail), ...logo });
    recordChange(tx, now, sponsor.id, 'changed-details', c.by);
    return sponsor;
  });
}


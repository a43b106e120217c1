import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { events } from '../events/events.table.ts';
import type { CampEvent } from '../events/events.ts';
import { displayName, normaliseEmail, type Person } from '../people/people.ts';
import { hashToken } from '../people/tokens.ts';
import { RuleViolation } from '../rules.ts';
import type { StoredLogo } from './logos.ts';
import { findPackage, holdUnit, pastDeadline, releaseUnit, type SponsorPackage } from './packages.ts';
import { tellSponsor } from './sponsor-mail.ts';
import { sponsorHistory, sponsorLinks, sponsorPackages, sponsors, type SponsorAction, type SponsorStatus } from './sponsors.table.ts';

export type Sponsor = typeof sponsors.$inferSelect;
export type SponsorHistoryEntry = typeof sponsorHistory.$inferSelect;

export interface SponsorDetails {
  organisationName: string;
  website: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  invoiceAddress: string;
  purchaseOrder: string;
  vatNumber: string;
  description: string;
}

/** Who made a change: a member of the event's team, or the sponsor through their own page. */
export type Actor = { person: Person } | 'sponsor';

export const sponsorStatusLabels: Record<SponsorStatus, string> = {
  applied: 'Waiting for approval',
  approved: 'Approved',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export const invoiceStatusLabels = { 'not-invoiced': 'Not invoiced', invoiced: 'Invoiced', paid: 'Paid' } as const;

/** Statuses that hold a unit of the package. */
export const holdingStatuses: SponsorStatus[] = ['applied', 'approved'];

function record(db: Db, now: Date, sponsorId: number, action: SponsorAction, by: Actor, reason = ''): void {
  const byPersonId = by === 'sponsor' ? null : by.person.id;
  const byName = by === 'sponsor' ? 'The sponsor' : `${displayName(by.person)} (${by.person.email})`;
  db.insert(sponsorHistory).values({ sponsorId, action, byPersonId, byName, reason, at: now.getTime() }).run();
}

/**
 * Signs an organisation up for a package: holds one unit while the organisers review it,
 * copies the package's terms onto the sign-up, and emails the contact a link to their page.
 * Refused when the package is sold out or its deadline has passed.
 */
export function signUpSponsor(
  db: Db,
  now: Date,
  args: { event: CampEvent; packageId: number; details: SponsorDetails; logo: StoredLogo | null; baseUrl: string },
): { sponsor: Sponsor; link: string } {
  return db.transaction((tx) => {
    const pkg = findPackage(tx, args.event.id, args.packageId);
    if (!pkg) throw new RuleViolation({ packageId: 'Choose a package' });
    if (pastDeadline(pkg, now, args.event.timeZone)) throw new RuleViolation({ packageId: `Sign-ups for the ${pkg.name} package have closed. Choose another package.` });
    if (!holdUnit(tx, pkg.id)) throw new RuleViolation({ packageId: `Sorry, the ${pkg.name} package has sold out. Choose another package.` });
    const sponsor = tx
      .insert(sponsors)
      .values({
        eventId: args.event.id,
        packageId: pkg.id,
        status: 'applied',
        agreedPackageName: pkg.name,
        agreedPricePence: pkg.pricePence,
        agreedBenefits: pkg.benefits,
        ...args.details,
        contactEmail: normaliseEmail(args.details.contactEmail),
        logo: args.logo?.file ?? null,
        logoWidth: args.logo?.width ?? null,
        logoHeight: args.logo?.height ?? null,
        agreedToTermsAt: now.getTime(),
        createdAt: now.getTime(),
        updatedAt: now.getTime(),
      })
      .returning()
      .get();
    record(tx, now, sponsor.id, 'applied', 'sponsor');
    const link = tellSponsor(tx, now, { sponsor, event: args.event, baseUrl: args.baseUrl, change: 'applied' });
    return { sponsor, link };
  });
}

export function findSponsor(db: Db, eventId: number, sponsorId: number): Sponsor | undefined {
  return db
    .select()
    .from(sponsors)
    .where(and(eq(sponsors.eventId, eventId), eq(sponsors.id, sponsorId)))
    .get();
}

/** The sponsor a secret manage link belongs to. */
export function sponsorForToken(db: Db, token: string): Sponsor | undefined {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return db
    .select({ sponsor: sponsors })
    .from(sponsorLinks)
    .innerJoin(sponsors, eq(sponsors.id, sponsorLinks.sponsorId))
    .where(eq(sponsorLinks.tokenHash, hashToken(token)))
    .get()?.sponsor;
}

/** Sign-ups whose contact is this person, newest first: their way in from /me. */
export function sponsorshipsOf(db: Db, person: Person): Array<{ sponsor: Sponsor; eventName: string; eventSlug: string }> {
  return db
    .select({ sponsor: sponsors, eventName: events.name, eventSlug: events.slug })
    .from(sponsors)
    .innerJoin(events, eq(events.id, sponsors.eventId))
    .where(eq(sponsors.contactEmail, normaliseEmail(person.email)))
    .orderBy(desc(sponsors.createdAt))
    .all();
}

export function sponsorsOf(db: Db, eventId: number): Sponsor[] {
  return db.select().from(sponsors).where(eq(sponsors.eventId, eventId)).orderBy(asc(sponsors.createdAt), asc(sponsors.id)).all();
}

export function historyOf(db: Db, sponsorId: number): SponsorHistoryEntry[] {
  return db.select().from(sponsorHistory).where(eq(sponsorHistory.sponsorId, sponsorId)).orderBy(asc(sponsorHistory.at), asc(sponsorHistory.id)).all();
}

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
    record(tx, now, sponsor.id, 'approved', c.by);
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
    record(tx, now, sponsor.id, 'declined', c.by, c.reason);
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
    record(tx, now, sponsor.id, 'withdrawn', c.by);
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
    record(tx, now, sponsor.id, 'invoiced', c.by, `Invoice ${c.reference}`);
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
    record(tx, now, sponsor.id, 'paid', c.by);
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
    record(tx, now, sponsor.id, 'changed-details', c.by);
    return sponsor;
  });
}

export interface SponsorTotals {
  /** Agreed prices of approved sponsors. */
  pledgedPence: number;
  /** Of those, invoiced (including paid). */
  invoicedPence: number;
  paidPence: number;
  applied: number;
  approved: number;
}

/** Money pledged, invoiced and paid by approved sponsors, at the prices they agreed to. */
export function sponsorTotals(db: Db, eventId: number): SponsorTotals {
  const row = db
    .select({
      pledged: sql<number>`coalesce(sum(case when ${sponsors.status} = 'approved' then ${sponsors.agreedPricePence} end), 0)`,
      invoiced: sql<number>`coalesce(sum(case when ${sponsors.status} = 'approved' and ${sponsors.invoiceStatus} in ('invoiced', 'paid') then ${sponsors.agreedPricePence} end), 0)`,
      paid: sql<number>`coalesce(sum(case when ${sponsors.status} = 'approved' and ${sponsors.invoiceStatus} = 'paid' then ${sponsors.agreedPricePence} end), 0)`,
      applied: sql<number>`count(case when ${sponsors.status} = 'applied' then 1 end)`,
      approved: sql<number>`count(case when ${sponsors.status} = 'approved' then 1 end)`,
    })
    .from(sponsors)
    .where(eq(sponsors.eventId, eventId))
    .get()!;
  return { pledgedPence: row.pledged, invoicedPence: row.invoiced, paidPence: row.paid, applied: row.applied, approved: row.approved };
}

/** Approved sponsors grouped by package, in the packages' display order: the event page's thanks. */
export function recognitionOf(db: Db, eventId: number): Array<{ pkg: SponsorPackage; sponsors: Sponsor[] }> {
  const rows = db
    .select({ pkg: sponsorPackages, sponsor: sponsors })
    .from(sponsors)
    .innerJoin(sponsorPackages, eq(sponsorPackages.id, sponsors.packageId))
    .where(and(eq(sponsors.eventId, eventId), inArray(sponsors.status, ['approved'])))
    .orderBy(asc(sponsorPackages.displayOrder), asc(sponsorPackages.id), asc(sponsors.createdAt), asc(sponsors.id))
    .all();
  const groups: Array<{ pkg: SponsorPackage; sponsors: Sponsor[] }> = [];
  for (const { pkg, sponsor } of rows) {
    const last = groups.at(-1);
    if (last && last.pkg.id === pkg.id) last.sponsors.push(sponsor);
    else groups.push({ pkg, sponsors: [sponsor] });
  }
  return groups;
}

export function findSponsorById(db: Db, sponsorId: number): Sponsor | undefined {
  return db.select().from(sponsors).where(eq(sponsors.id, sponsorId)).get();
}

/** The event a sponsor signed up to (their own pages are reached without the event's address). */
export function eventOfSponsor(db: Db, sponsor: Sponsor): CampEvent | undefined {
  return db.select().from(events).where(eq(events.id, sponsor.eventId)).get();
}

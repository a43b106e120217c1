import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { events } from '../events/events.table.ts';
import { findEventById, type CampEvent } from '../events/events.ts';
import { normaliseEmail, type Person } from '../people/people.ts';
import { hashToken } from '../people/tokens.ts';
import { RuleViolation } from '../rules.ts';
import type { StoredLogo } from './logos.ts';
import { recordChange } from './history.ts';
import { findPackage, holdUnit, pastDeadline, type SponsorPackage } from './packages.ts';
import { tellSponsor } from './sponsor-mail.ts';
import { sponsorLinks, sponsorPackages, sponsors, type SponsorStatus } from './sponsors.table.ts';

export type Sponsor = typeof sponsors.$inferSelect;

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


export const sponsorStatusLabels: Record<SponsorStatus, string> = {
  applied: 'Waiting for approval',
  approved: 'Approved',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export const invoiceStatusLabels = { 'not-invoiced': 'Not invoiced', invoiced: 'Invoiced', paid: 'Paid' } as const;

/** Statuses that hold a unit of the package. */
export const holdingStatuses: SponsorStatus[] = ['applied', 'approved'];


/**
 * Signs an organisation up for a package: holds one unit while the organisers review it,
 * copies the package's terms onto the sign-up, and emails the contact a link to their page.
 * Refused when the package is sold out or its deadline has passed.
 */
/** Sign-ups with one contact address in an hour: enough for a real sponsor taking several packages. */
export const signUpsPerAddressPerHour = 3;

/**
 * Refuses a public sign-up when its contact address has had several in the last hour: each
 * sign-up emails that address, and a stranger must not be able to flood one inbox.
 */
export function checkSignUpAllowance(db: Db, now: Date, contactEmail: string): void {
  const lately = db
    .select({ n: count() })
    .from(sponsors)
    .where(and(eq(sponsors.contactEmail, normaliseEmail(contactEmail)), gt(sponsors.createdAt, now.getTime() - 3_600_000)))
    .get()!.n;
  if (lately >= signUpsPerAddressPerHour) {
    throw new RuleViolation({ contactEmail: 'Several sponsors have signed up with this email address in the last hour. Wait an hour, or contact the organisers.' });
  }
}

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
    recordChange(tx, now, sponsor.id, 'applied', 'sponsor');
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

/**
 * A secret sponsor link works for 180 days after the email that carried it: every email brings
 * a fresh one, and the contact can always get in from /me by signing in.
 */
export const sponsorLinkLifetimeMs = 180 * 24 * 60 * 60 * 1000;

/** The sponsor a secret manage link belongs to, while the link is current. */
export function sponsorForToken(db: Db, now: Date, token: string): Sponsor | undefined {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  return db
    .select({ sponsor: sponsors })
    .from(sponsorLinks)
    .innerJoin(sponsors, eq(sponsors.id, sponsorLinks.sponsorId))
    .where(and(eq(sponsorLinks.tokenHash, hashToken(token)), gt(sponsorLinks.createdAt, now.getTime() - sponsorLinkLifetimeMs)))
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
  return findEventById(db, sponsor.eventId);
}

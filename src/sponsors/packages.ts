import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { localDate } from '../events/local-time.ts';
import { RuleViolation } from '../rules.ts';
import { sponsorPackages, sponsors, type LogoSize, type SponsorFund } from './sponsors.table.ts';

export type SponsorPackage = typeof sponsorPackages.$inferSelect;

export interface PackageDetails {
  name: string;
  benefits: string[];
  pricePence: number;
  available: number | null;
  signUpDeadline: string | null;
  displayOrder: number;
  logoSize: LogoSize;
  funds: SponsorFund[];
}

export const sponsorFundLabels: Record<SponsorFund, string> = {
  venue: 'The venue',
  food: 'Food and drink',
  creche: 'The creche',
  bursaries: 'Travel bursaries',
  accessibility: 'Accessibility (captions, interpreters, quiet rooms)',
};

export const logoSizeLabels: Record<LogoSize, string> = { large: 'Large', medium: 'Medium', small: 'Small' };

export function packagesOf(db: Db, eventId: number): SponsorPackage[] {
  return db
    .select()
    .from(sponsorPackages)
    .where(eq(sponsorPackages.eventId, eventId))
    .orderBy(asc(sponsorPackages.displayOrder), asc(sponsorPackages.id))
    .all();
}

export function findPackage(db: Db, eventId: number, packageId: number): SponsorPackage | undefined {
  return db
    .select()
    .from(sponsorPackages)
    .where(and(eq(sponsorPackages.eventId, eventId), eq(sponsorPackages.id, packageId)))
    .get();
}

/** How many more sponsors can take the package: null for unlimited. */
export function unitsLeft(pkg: Pick<SponsorPackage, 'available' | 'unitsHeld'>): number | null {
  return pkg.available === null ? null : Math.max(0, pkg.available - pkg.unitsHeld);
}

/** Sign-ups are taken up to and including the deadline day, in the event's time zone. */
export function pastDeadline(pkg: Pick<SponsorPackage, 'signUpDeadline'>, now: Date, timeZone: string): boolean {
  return pkg.signUpDeadline !== null && localDate(now.getTime(), timeZone) > pkg.signUpDeadline;
}

export type PackageAvailability = 'open' | 'sold-out' | 'closed';

export function availabilityOf(pkg: SponsorPackage, now: Date, timeZone: string): PackageAvailability {
  if (pastDeadline(pkg, now, timeZone)) return 'closed';
  return unitsLeft(pkg) === 0 ? 'sold-out' : 'open';
}

export function addPackage(db: Db, now: Date, eventId: number, details: PackageDetails): SponsorPackage {
  return db
    .insert(sponsorPackages)
    .values({ eventId, ...details, createdAt: now.getTime(), updatedAt: now.getTime() })
    .returning()
    .get();
}

/**
 * Changes a package for sponsors still to come. Sponsors already signed up keep what they
 * agreed to (copied onto their sign-up); the number available cannot drop below those held.
 */
export function updatePackage(db: Db, now: Date, eventId: number, packageId: number, details: PackageDetails): SponsorPackage {
  return db.transaction((tx) => {
    const pkg = findPackage(tx, eventId, packageId);
    if (!pkg) throw new RuleViolation({ name: 'This package no longer exists' });
    if (details.available !== null && details.available < pkg.unitsHeld) {
      throw new RuleViolation({ available: `${pkg.unitsHeld} sponsors already hold this package, so at least ${pkg.unitsHeld} must be available` });
    }
    return tx
      .update(sponsorPackages)
      .set({ ...details, updatedAt: now.getTime() })
      .where(eq(sponsorPackages.id, packageId))
      .returning()
      .get();
  });
}

/** Removes a package nobody has signed up for; one with sponsors, even past ones, stays as their record. */
export function removePackage(db: Db, eventId: number, packageId: number): void {
  db.transaction((tx) => {
    const used = tx.select({ n: count() }).from(sponsors).where(eq(sponsors.packageId, packageId)).get()!.n;
    if (used > 0) throw new RuleViolation({ package: 'Sponsors have signed up for this package, so it cannot be removed. Set how many are available to stop new sign-ups.' });
    tx.delete(sponsorPackages).where(and(eq(sponsorPackages.eventId, eventId), eq(sponsorPackages.id, packageId))).run();
  });
}

/**
 * Takes one unit of a package, or says it is sold out. The conditional update is the rule,
 * and the table's CHECK backs it: however requests interleave, no unit is taken twice.
 */
export function holdUnit(db: Db, packageId: number): boolean {
  const taken = db
    .update(sponsorPackages)
    .set({ unitsHeld: sql`${sponsorPackages.unitsHeld} + 1` })
    .where(and(eq(sponsorPackages.id, packageId), sql`(${sponsorPackages.available} IS NULL OR ${sponsorPackages.unitsHeld} < ${sponsorPackages.available})`))
    .run();
  return taken.changes === 1;
}

/** Gives a unit back when a sponsor is declined or withdraws. */
export function releaseUnit(db: Db, packageId: number): void {
  db.update(sponsorPackages)
    .set({ unitsHeld: sql`${sponsorPackages.unitsHeld} - 1` })
    .where(eq(sponsorPackages.id, packageId))
    .run();
}

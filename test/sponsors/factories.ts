import type { Db } from '../../src/db/open.ts';
import { addDay } from '../../src/events/days.ts';
import { changeEventStatus, createEvent, type CampEvent } from '../../src/events/events.ts';
import type { Person } from '../../src/people/people.ts';
import { addPackage, type PackageDetails, type SponsorPackage } from '../../src/sponsors/packages.ts';
import type { SponsorDetails } from '../../src/sponsors/sponsors.ts';
import { campDetails } from '../helpers/factories.ts';
import { testNow } from '../helpers/app.ts';

/** A published camp on 19 June 2027, owned by `owner`. */
export function publishedCamp(db: Db, owner: Person, overrides: Partial<ReturnType<typeof campDetails>> = {}): CampEvent {
  const event = createEvent(db, testNow, campDetails(overrides), owner.id);
  addDay(db, event.id, event.timeZone, { date: '2027-06-19', label: 'Camp day', opens: '09:00', closes: '17:00' });
  return changeEventStatus(db, testNow, event.id, 'published');
}

export const lunchPackage = (overrides: Partial<PackageDetails> = {}): PackageDetails => ({
  name: 'Lunch sponsor',
  benefits: ['Your logo on the lunch tables', 'Thanks in the closing plenary'],
  pricePence: 150_000,
  available: 1,
  signUpDeadline: '2027-05-31',
  displayOrder: 2,
  logoSize: 'medium',
  funds: ['food'],
  ...overrides,
});

export function offer(db: Db, event: CampEvent, overrides: Partial<PackageDetails> = {}): SponsorPackage {
  return addPackage(db, testNow, event.id, lunchPackage(overrides));
}

export const acme = (overrides: Partial<SponsorDetails> = {}): SponsorDetails => ({
  organisationName: 'Acme Digital',
  website: 'https://acme.example',
  contactName: 'Ada Acme',
  contactEmail: 'ada@acme.example',
  contactPhone: '01632 960 001',
  invoiceAddress: '1 Acme Street\nAnytown\nAT1 1AA',
  purchaseOrder: 'PO-42',
  vatNumber: 'GB123456789',
  description: 'We build things for councils.',
  ...overrides,
});

/** The sign-up form as a sponsor fills it in. */
export const signUpFields = (packageId: number, overrides: Record<string, string> = {}): Record<string, string> => ({
  packageId: String(packageId),
  organisationName: 'Acme Digital',
  website: 'acme.example',
  contactName: 'Ada Acme',
  contactEmail: 'ada@acme.example',
  contactPhone: '01632 960 001',
  invoiceAddress: '1 Acme Street, Anytown',
  purchaseOrder: '',
  vatNumber: '',
  description: 'We build things for councils.',
  terms: 'yes',
  ...overrides,
});

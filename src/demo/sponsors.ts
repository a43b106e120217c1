import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import type { Person } from '../people/people.ts';
import { checkLogo, storeLogo, type StoredLogo } from '../sponsors/logos.ts';
import { addPackage, type PackageDetails } from '../sponsors/packages.ts';
import { signUpSponsor } from '../sponsors/sponsors.ts';
import { approveSponsor, declineSponsor, markInvoiced, markPaid, withdrawSponsor } from '../sponsors/sponsor-changes.ts';

const demoSponsors: Array<{ name: string; logo: string; package: number; end: 'applied' | 'approved' | 'invoiced' | 'paid' | 'declined' | 'withdrawn'; description: string }> = [
  { name: 'Northgate Digital', logo: 'northgate-digital.png', package: 0, end: 'paid', description: 'We help councils build services people can use first time.' },
  { name: 'Civic Cloud', logo: 'civic-cloud.png', package: 1, end: 'invoiced', description: 'Hosting for the public sector, run from the UK.' },
  { name: 'Open Data Co-op', logo: 'open-data-co-op.png', package: 1, end: 'applied', description: 'A worker co-operative publishing local data.' },
  { name: 'Anytown Housing Trust', logo: 'anytown-housing-trust.png', package: 2, end: 'approved', description: 'Homes and support for 4,000 households in Anytown.' },
  { name: 'Bright Ideas Agency', logo: 'bright-ideas-agency.png', package: 2, end: 'declined', description: 'Growth hacking for government.' },
  { name: 'Parkside Consulting', logo: 'parkside-consulting.png', package: 2, end: 'withdrawn', description: 'Change management.' },
  { name: 'Mapmakers Guild', logo: 'mapmakers-guild.png', package: 3, end: 'approved', description: 'Volunteers who map paths, ramps and toilets for everyone.' },
];

/**
 * Small logos (a letter mark and the name, 240 × 96 PNGs kept beside this file), stored through
 * the same checks as an upload.
 */
export function storeDemoLogos(dataDir: string): StoredLogo[] {
  return demoSponsors.map((s) => {
    const data = readFileSync(new URL(`./logos/${s.logo}`, import.meta.url));
    const check = checkLogo(data);
    if (!check.ok) throw new Error(check.message);
    return storeLogo(dataDir, data, check.image);
  });
}

/**
 * Four packages (the Lunch sponsor one sold out) and sponsors in every status: applied,
 * approved (not invoiced, invoiced and paid), declined and withdrawn.
 */
export function seedDemoSponsors(db: Db, now: Date, args: { event: CampEvent; organiser: Person; baseUrl: string; firstDay: string; logos: StoredLogo[] }): void {
  const deadline = DateTime.fromISO(args.firstDay).minus({ weeks: 2 }).toISODate()!;
  const packages: PackageDetails[] = [
    { name: 'Venue partner', benefits: ['Your logo, large, at the top of the event page', 'Thanks in the opening and closing plenaries', 'A stand in the Main hall foyer'], pricePence: 500_000, available: 2, signUpDeadline: deadline, displayOrder: 1, logoSize: 'large', funds: ['venue', 'accessibility'] },
    { name: 'Lunch sponsor', benefits: ['Your logo on the lunch tables and the event page', 'Thanks before lunch on both days'], pricePence: 150_000, available: 2, signUpDeadline: deadline, displayOrder: 2, logoSize: 'medium', funds: ['food'] },
    { name: 'Creche and bursaries', benefits: ['Your logo on the event page', 'Travel bursaries for 10 people who could not otherwise come'], pricePence: 75_000, available: 4, signUpDeadline: deadline, displayOrder: 3, logoSize: 'medium', funds: ['creche', 'bursaries'] },
    { name: 'Friend of the camp', benefits: ['Your name and logo on the event page'], pricePence: 25_000, available: null, signUpDeadline: null, displayOrder: 4, logoSize: 'small', funds: ['bursaries'] },
  ];
  const offered = packages.map((p) => addPackage(db, now, args.event.id, p));
  const change = { event: args.event, by: { person: args.organiser }, baseUrl: args.baseUrl };
  demoSponsors.forEach((s, i) => {
    const slug = s.name.toLowerCase().replace(/[^a-z]+/g, '-');
    const { sponsor } = signUpSponsor(db, now, {
      event: args.event,
      packageId: offered[s.package]!.id,
      details: {
        organisationName: s.name,
        website: `https://${slug}.example`,
        contactName: `${s.name.split(' ')[0]} Contact`,
        contactEmail: `sponsor@${slug}.example`,
        contactPhone: '01632 960 00' + (i % 10),
        invoiceAddress: `${s.name}\n${i + 1} High Street\nAnytown\nAT1 ${i}AB`,
        purchaseOrder: i % 2 ? `PO-${1000 + i}` : '',
        vatNumber: i % 3 ? '' : `GB 123 4567 ${10 + i}`,
        description: s.description,
      },
      logo: args.logos[i] ?? null,
      baseUrl: args.baseUrl,
    });
    const c = { ...change, sponsorId: sponsor.id };
    if (s.end === 'declined') declineSponsor(db, now, { ...c, reason: 'We are not taking sponsors who sell growth hacking to attendees.' });
    if (s.end === 'withdrawn') withdrawSponsor(db, now, { ...c, by: 'sponsor' });
    if (['approved', 'invoiced', 'paid'].includes(s.end)) approveSponsor(db, now, c);
    if (['invoiced', 'paid'].includes(s.end)) markInvoiced(db, now, { ...c, reference: `ALGC-${String(sponsor.id).padStart(3, '0')}`, invoicedOn: DateTime.fromJSDate(now).toISODate()! });
    if (s.end === 'paid') markPaid(db, now, { ...c, paidOn: DateTime.fromJSDate(now).toISODate()! });
  });
}

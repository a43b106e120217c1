import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { longDate } from '../events/local-time.ts';
import { composeMail } from '../mail/compose.ts';
import { queueMail } from '../mail/outbox.ts';
import { hashToken, newSecretToken } from '../people/tokens.ts';
import { formatPence } from './money.ts';
import { sponsorLinks, type sponsors } from './sponsors.table.ts';

type Sponsor = typeof sponsors.$inferSelect;
export type SponsorChange = 'applied' | 'approved' | 'declined' | 'withdrawn' | 'invoiced' | 'paid';

/**
 * A new secret link to the sponsor's own page. Every email carries a fresh one, because only
 * hashes are kept and an old link cannot be read back.
 */
export function newSponsorLink(db: Db, now: Date, sponsorId: number, baseUrl: string): string {
  const token = newSecretToken();
  db.insert(sponsorLinks).values({ sponsorId, tokenHash: hashToken(token), createdAt: now.getTime() }).run();
  return `${baseUrl}/sponsorships/${token}`;
}

function wordsFor(change: SponsorChange, s: Sponsor, event: CampEvent, reason: string): { subject: string; paragraphs: string[] } {
  const pkg = `the ${s.agreedPackageName} package (${formatPence(s.agreedPricePence)})`;
  switch (change) {
    case 'applied':
      return {
        subject: `Thank you for offering to sponsor ${event.name}`,
        paragraphs: [
          `${s.organisationName} has signed up for ${pkg}. We are holding it for you while the organisers look at your sign-up, and we will email you when they have.`,
          'Until then you can change your details and logo, or withdraw, from your sponsor page.',
        ],
      };
    case 'approved':
      return {
        subject: `Your sponsorship of ${event.name} is approved`,
        paragraphs: [`The organisers have approved ${s.organisationName} for ${pkg}. Your logo and description now show on the event page. An invoice will follow.`],
      };
    case 'declined':
      return {
        subject: `Your sponsorship of ${event.name} was declined`,
        paragraphs: [`The organisers have declined ${s.organisationName}’s sign-up for ${pkg}.`, `Their reason: ${reason}`, 'Reply to the organisers if you have questions.'],
      };
    case 'withdrawn':
      return {
        subject: `You have withdrawn from sponsoring ${event.name}`,
        paragraphs: [`${s.organisationName}’s sign-up for ${pkg} is withdrawn, and the package is free for someone else.`],
      };
    case 'invoiced':
      return {
        subject: `Invoice ${s.invoiceReference} for sponsoring ${event.name}`,
        paragraphs: [`The organisers sent ${s.organisationName} invoice ${s.invoiceReference} for ${formatPence(s.agreedPricePence)} on ${longDate(s.invoicedOn!)}.`],
      };
    case 'paid':
      return {
        subject: `Thank you: your payment for ${event.name} has arrived`,
        paragraphs: [`The organisers received ${s.organisationName}’s payment of ${formatPence(s.agreedPricePence)} on ${longDate(s.paidOn!)}. Thank you for keeping the camp free.`],
      };
  }
}

/**
 * Emails the sponsor's contact about a change, with a link to their page. Call it inside the
 * transaction that makes the change; returns the link.
 */
export function tellSponsor(db: Db, now: Date, args: { sponsor: Sponsor; event: CampEvent; baseUrl: string; change: SponsorChange; reason?: string }): string {
  const link = newSponsorLink(db, now, args.sponsor.id, args.baseUrl);
  const { subject, paragraphs } = wordsFor(args.change, args.sponsor, args.event, args.reason ?? '');
  queueMail(db, now, {
    to: args.sponsor.contactEmail,
    ...composeMail('sponsor-update', subject, { contactName: args.sponsor.contactName, paragraphs, link, eventName: args.event.name }),
  });
  return link;
}

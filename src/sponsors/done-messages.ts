import type { DoneMessages } from '../web/input.ts';

/** The success banners of packages, sign-ups, review and a sponsor's own page. */
export const sponsorDone: DoneMessages = {
  applied: 'Thank you for signing up. The package is held for you while the organisers review your sign-up. We have emailed you a link to this page.',
  saved: 'Your changes have been saved.',
  withdrawn: 'You have withdrawn. The package is free for someone else.',
  'package-added': 'Package added.',
  removed: 'Removed.',
  approved: 'Sponsor approved. They have been emailed, and their logo now shows on the event page.',
  declined: 'Sponsor declined. They have been emailed the reason.',
  invoiced: 'Marked as invoiced. The sponsor has been emailed.',
  paid: 'Marked as paid. The sponsor has been emailed.',
};

import type { DoneMessages } from '../web/input.ts';

/** The success banners of ticket types, attendees and a person's own place. */
export const ticketDone: DoneMessages = {
  saved: 'Your changes have been saved.',
  accepted: 'Your changes have been saved.',
  'still-coming': 'Your changes have been saved.',
  removed: 'Removed.',
  cancelled: 'Removed.',
};

/** Check-in names the person just checked in (or out). */
export const checkInDone = (name: string): DoneMessages => ({ in: `${name} is checked in.`, out: `${name} is no longer checked in.` });

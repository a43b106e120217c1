import type { DoneMessages } from '../web/input.ts';

/** The success banners of pitching, the board, invitations and moderation. */
export const pitchDone: DoneMessages = {
  pitched: 'Your pitch is on the board. Share its short link so people can find it.',
  saved: 'Your changes have been saved.',
  'awaiting-approval': 'Your changes have been sent to the organisers. The grid is published, so they approve changes first.',
  withdrawn: 'Your pitch has been withdrawn.',
  confirmed: 'You are now a co-facilitator of this session.',
  declined: 'Invitation declined.',
  'settings-saved': 'Pitch settings saved.',
  hidden: 'The pitch is hidden. Its facilitators have been told why.',
  shown: 'The pitch is back on the board.',
  merged: 'Pitches merged. The merged pitch’s address now leads here.',
  'change-approved': 'Change approved and applied.',
  'change-rejected': 'Change rejected. The pitch stays as it was.',
};

import type { DoneMessages } from '../web/input.ts';

/** The success banners of /me. */
export const meDone: DoneMessages = {
  'feed-replaced': 'Your agenda has a new calendar address. The old one no longer works: subscribe again with the new one.',
};

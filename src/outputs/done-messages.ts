import type { DoneMessages } from '../web/input.ts';

/** The success banners of the organisers' outputs pages. */
export const outputDone: DoneMessages = {
  hidden: 'The output is hidden from the public.',
  restored: 'The output is shown again.',
  'settings-saved': 'Output settings saved.',
};

import { z } from 'zod';
import { wholeNumber } from '../web/forms.ts';
import { oneValue } from '../web/input.ts';

const outOfRange = 'Enter a whole number from 0 to 100';

/** The share of first-timers the organisers aim for, in percent. */
export const firstTimerTargetForm = z.object({
  firstTimerTarget: wholeNumber('Enter the share of first-timers you aim for', outOfRange, 0, 100, outOfRange),
});

/** The insights page's address: which camp to compare with (a slug, '' for none), and the banner. */
export const insightsQuery = z.object({ compare: oneValue, done: oneValue });

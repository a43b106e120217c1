import { z } from 'zod';

const single = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v) ?? '';
const personId = (message: string) => z.preprocess(single, z.string().regex(/^\d{1,12}$/, message).transform(Number));

/** An organiser choosing a first-timer's buddy. */
export const chooseBuddyForm = z.object({
  firstTimer: personId('Choose a first-timer who asked for a buddy'),
  buddy: personId('Choose someone who offered to be a buddy'),
});

/** When first-timers are given their buddies, in days before the camp's first day. */
export const buddyTimingForm = z.object({
  daysBefore: z.preprocess(
    (v) => String(single(v)).trim(),
    z.string().regex(/^\d{1,2}$/, 'Enter a whole number of days from 0 to 60').transform(Number).pipe(z.number().max(60, 'Enter a whole number of days from 0 to 60')),
  ),
});

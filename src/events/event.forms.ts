import { z } from 'zod';
import { checkboxes, joinDateParts, optionalText, radio, requiredText, wholeNumber, type FormBody } from '../web/forms.ts';
import { organiserRoles, roomFeatures, slotKinds } from './events.table.ts';
import { slugPattern } from './events.ts';
import { isRealDate, isValidTimeZone, normaliseClockTime } from './local-time.ts';

const single = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v) ?? '';

const clockTime = (missing: string) =>
  z.preprocess(
    single,
    z
      .string()
      .trim()
      .min(1, missing)
      .transform((v, ctx) => {
        const t = normaliseClockTime(v);
        if (t === null) {
          ctx.addIssue({ code: 'custom', message: 'Enter a time like 10:00 or 14:30' });
          return z.NEVER;
        }
        return t;
      }),
  );

const optionalClockTime = z.preprocess(
  single,
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === '') return null;
      const t = normaliseClockTime(v);
      if (t === null) {
        ctx.addIssue({ code: 'custom', message: 'Enter a time like 12:30, or leave it empty' });
        return z.NEVER;
      }
      return t;
    }),
);

export const eventForm = z.object({
  name: requiredText('Enter the event’s name', 120, 'Name must be 120 characters or fewer'),
  slug: z.preprocess(
    single,
    z
      .string()
      .trim()
      .toLowerCase()
      .min(1, 'Enter a web address for the event')
      .max(60, 'Web address must be 60 characters or fewer')
      .regex(slugPattern, 'Web address can only use lower-case letters, numbers and single hyphens, like localgovcamp-2027'),
  ),
  summary: optionalText(280, 'Summary must be 280 characters or fewer'),
  description: optionalText(10_000, 'Description must be 10,000 characters or fewer'),
  timeZone: z.preprocess(
    single,
    z
      .string()
      .trim()
      .min(1, 'Enter a time zone, like Europe/London')
      .refine(isValidTimeZone, 'Enter a time zone from the list, like Europe/London or Europe/Dublin'),
  ),
  venueName: optionalText(200, 'Venue name must be 200 characters or fewer'),
  venueAddress: optionalText(1000, 'Address must be 1,000 characters or fewer'),
  travelInformation: optionalText(5000, 'Travel information must be 5,000 characters or fewer'),
  accessInformation: optionalText(5000, 'Access information must be 5,000 characters or fewer'),
  codeOfConduct: optionalText(20_000, 'Code of conduct must be 20,000 characters or fewer'),
  reconfirmDaysBefore: z.preprocess(
    single,
    z
      .string()
      .trim()
      .regex(/^(\d{1,2})?$/, 'Days before must be a whole number, like 7, or left empty')
      .transform((v) => (v === '' ? null : Number(v)))
      .refine((v) => v === null || (v >= 1 && v <= 60), 'Days before must be between 1 and 60'),
  ),
  needsKeptForDays: wholeNumber('Enter how many days access and dietary needs are kept', 'Days kept must be a whole number, like 30', 0, 365, 'Days kept must be between 0 and 365'),
});

export function parseDayBody(body: FormBody): FormBody {
  joinDateParts(body, 'date');
  return body;
}

export const dayForm = z.object({
  date: z.preprocess(
    single,
    z.string().min(1, 'Enter the date of the day').refine(isRealDate, 'The date must be a real date, like 19 6 2027'),
  ),
  label: optionalText(60, 'Label must be 60 characters or fewer'),
  opens: clockTime('Enter when the day opens'),
  closes: clockTime('Enter when the day closes'),
});

export const roomForm = z.object({
  name: requiredText('Enter the room’s name', 80, 'Name must be 80 characters or fewer'),
  capacity: wholeNumber('Enter how many people the room holds', 'Capacity must be a whole number, like 40', 1, 10_000, 'Capacity must be between 1 and 10,000'),
  features: checkboxes(roomFeatures),
  notes: optionalText(1000, 'Notes must be 1,000 characters or fewer'),
  displayOrder: z.preprocess(
    (v) => (single(v) === '' ? '0' : single(v)),
    z.string().trim().regex(/^-?\d{1,4}$/, 'Order must be a whole number, like 1').transform(Number),
  ),
});

export const slotForm = z.object({
  kind: radio(slotKinds, 'Choose what kind of slot this is'),
  starts: clockTime('Enter when the slot starts'),
  ends: clockTime('Enter when the slot ends'),
  label: optionalText(80, 'Label must be 80 characters or fewer'),
});

export const slotPatternForm = z.object({
  pitchingStarts: optionalClockTime,
  pitchingMinutes: wholeNumber('Enter how long pitching lasts', 'Pitching length must be a number of minutes', 5, 180, 'Pitching must last between 5 and 180 minutes'),
  firstSessionStarts: clockTime('Enter when the first session starts'),
  sessionMinutes: wholeNumber('Enter how long each session lasts', 'Session length must be a number of minutes', 10, 240, 'Sessions must last between 10 and 240 minutes'),
  changeoverMinutes: wholeNumber('Enter the changeover between sessions', 'Changeover must be a number of minutes', 0, 120, 'Changeover must be between 0 and 120 minutes'),
  sessionCount: wholeNumber('Enter how many sessions there are', 'Number of sessions must be a whole number', 1, 20, 'There can be between 1 and 20 sessions'),
  lunchStarts: optionalClockTime,
  lunchMinutes: wholeNumber('Enter how long lunch lasts', 'Lunch length must be a number of minutes', 10, 180, 'Lunch must last between 10 and 180 minutes'),
  replace: z.preprocess(single, z.string()).optional(),
});

export const inviteForm = z.object({
  email: z.preprocess(
    single,
    z.string().trim().min(1, 'Enter their email address').max(254, 'Email address must be 254 characters or fewer').pipe(z.email('Enter an email address in the correct format, like name@example.org')),
  ),
  role: radio(organiserRoles, 'Choose their role'),
});

export const roleForm = z.object({ role: radio(organiserRoles, 'Choose a role') });

export const statusForm = z.object({ status: radio(['draft', 'published', 'archived'] as const, 'Choose a status') });

/** "Copy this camp": how far on, and what the new camp is called. */
export const copyForm = z.object({
  weeks: wholeNumber('Enter how many weeks later the new camp is', 'Weeks must be a whole number, like 52', 1, 520, 'Weeks must be between 1 and 520'),
  name: eventForm.shape.name,
  slug: eventForm.shape.slug,
});

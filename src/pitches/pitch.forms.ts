import { z } from 'zod';
import { instantOf, isRealDate, normaliseClockTime } from '../events/local-time.ts';
import { RuleViolation } from '../rules.ts';
import { checkboxes, optionalText, radio, requiredText, tickbox } from '../web/forms.ts';
import { needChoices, type NeedChoice } from './labels.ts';
import { countVisibilities, pitchFormats, type PitchNeed } from './pitches.table.ts';

const single = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v) ?? '';

const title = requiredText('Enter a title for the session', 120, 'Title must be 120 characters or fewer');
const description = optionalText(2000, 'Description must be 2,000 characters or fewer');
const format = radio(pitchFormats, 'Choose the session’s format');
const needs = checkboxes(needChoices);

/** "Double length" is ticked among the needs but is the session's length, not a room feature. */
function splitNeeds(list: NeedChoice[]): { needs: PitchNeed[]; doubleLength: boolean } {
  return { needs: list.filter((n): n is PitchNeed => n !== 'double-length'), doubleLength: list.includes('double-length') };
}

/** An id picked from radios, or null for the "none" option. */
const optionalId = (none: string, invalid: string) =>
  z.preprocess(
    (v) => (single(v) === '' ? none : single(v)),
    z
      .string()
      .refine((v) => v === none || /^\d{1,12}$/.test(v), invalid)
      .transform((v) => (v === none ? null : Number(v))),
  );

/** Ticked checkboxes whose values are ids; which ids exist is the domain's to check. */
const ids = (invalid: string) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().regex(/^\d{1,12}$/, invalid)).max(50, invalid).transform((list) => [...new Set(list.map(Number))]),
  );
const themes = ids('Choose from the camp’s themes');

const emailList = z.preprocess(
  single,
  z
    .string()
    .max(1000, 'List at most 4 email addresses')
    .transform((text, ctx) => {
      const emails = text.split(/[\s,;]+/).filter(Boolean);
      const wrong = emails.find((e) => !z.email().safeParse(e).success);
      if (wrong !== undefined) {
        ctx.addIssue({ code: 'custom', message: `“${wrong.slice(0, 60)}” is not an email address. Enter each co-facilitator’s address, like name@example.org` });
        return z.NEVER;
      }
      return emails.map((e) => e.toLowerCase());
    }),
);

/** An attendee's pitch, new or edited. */
export const pitchForm = z
  .object({
    title,
    description,
    format,
    coFacilitators: emailList,
    needs,
    preferredDay: optionalId('any', 'Choose one of the camp’s days'),
    unavailable: ids('Choose from the camp’s session slots'),
    themes,
  })
  .transform(({ needs: chosen, preferredDay, unavailable, themes: themeIds, ...rest }) => ({ ...rest, ...splitNeeds(chosen), preferredDayId: preferredDay, unavailableSlotIds: unavailable, themeIds }));

const showOfHands = z.preprocess(
  single,
  z
    .string()
    .trim()
    .regex(/^\d{0,5}$/, 'Show of hands must be a whole number, like 25')
    .transform((v) => (v === '' ? null : Number(v)))
    .pipe(z.number().int().max(5000, 'Show of hands must be 5,000 or fewer').nullable()),
);

/** The morning pitch desk: just what is needed to put a pitch on the board quickly. */
export const deskForm = z
  .object({
    title,
    facilitator: requiredText('Enter the facilitator’s name', 100, 'Name must be 100 characters or fewer'),
    format,
    needs,
    showOfHands,
    day: optionalId('any', 'Choose one of the camp’s days'),
    mustBeOnDay: tickbox(),
    themes,
  })
  .transform(({ needs: chosen, day, mustBeOnDay, themes: themeIds, ...rest }) => ({ ...rest, ...splitNeeds(chosen), dayId: day, mustBeOnDay: day !== null && mustBeOnDay, themeIds }));

/** Organisers' edit: the pitch's details plus the scheduler's hard rules. */
export const organiserPitchForm = z
  .object({
    title,
    description,
    format,
    needs,
    showOfHands,
    needsBiggerRoom: tickbox(),
    pinnedDay: optionalId('none', 'Choose one of the camp’s days'),
  })
  .transform(({ needs: chosen, pinnedDay, ...rest }) => ({ ...rest, ...splitNeeds(chosen), pinnedDayId: pinnedDay }));

export const hideForm = z.object({ reason: requiredText('Enter the reason the facilitators will see', 500, 'Reason must be 500 characters or fewer') });

export const mergeForm = z.object({
  into: z.preprocess(single, z.string().regex(/^\d{1,12}$/, 'Choose the pitch to merge it into').transform(Number)),
});

export const interestForm = z.object({
  want: radio(['yes', 'no'] as const, 'Say whether you’d go'),
});

export const answerForm = z.object({ answer: radio(['accept', 'decline'] as const, 'Say whether you will co-facilitate') });

export const decisionForm = z.object({ decision: radio(['approve', 'reject'] as const, 'Approve or reject the change') });

/** Settings: the date boxes are joined into "YYYY-MM-DD" (see joinDateParts) before parsing. */
export const settingsForm = z.object({
  opens: z.preprocess(single, z.string()),
  opensTime: z.preprocess(single, z.string().trim()),
  closes: z.preprocess(single, z.string()),
  closesTime: z.preprocess(single, z.string().trim()),
  counts: radio(countVisibilities, 'Choose when counts are shown'),
  changesNeedApproval: tickbox(),
});

/** The settings form's date and time boxes as instants in the camp's time zone, or messages. */
export function settingsFromForm(value: z.infer<typeof settingsForm>, zone: string) {
  const errors: Record<string, string> = {};
  const instant = (date: string, time: string, field: 'opens' | 'closes'): number | null => {
    if (date === '' && time === '') return null;
    const word = field === 'opens' ? 'opens' : 'closes';
    if (date === '' || date === 'invalid' || !isRealDate(date)) {
      errors[field] = `Enter the date interest ${word}, like 19 6 2027, or leave the date and time empty`;
      return null;
    }
    const clock = normaliseClockTime(time);
    if (clock === null) {
      errors[`${field}Time`] = `Enter the time interest ${word}, like 09:30`;
      return null;
    }
    const at = instantOf(date, clock, zone);
    if (at === null) errors[`${field}Time`] = 'That time does not exist on this date (the clocks go forward)';
    return at;
  };
  const interestOpensAt = instant(value.opens, value.opensTime, 'opens');
  const interestClosesAt = instant(value.closes, value.closesTime, 'closes');
  if (Object.keys(errors).length) throw new RuleViolation(errors);
  return { interestOpensAt, interestClosesAt, counts: value.counts, changesNeedApproval: value.changesNeedApproval };
}

import { z } from 'zod';
import { instantOf, isRealDate, localClockTime, localDate, normaliseClockTime } from '../events/local-time.ts';
import { RuleViolation } from '../rules.ts';
import { joinDateParts, optionalText, radio, requiredText, splitDate, wholeNumber, type FormBody } from '../web/forms.ts';
import type { TicketType } from './registrations.ts';
import type { ReleaseWave, TicketTypeDetails } from './ticket-types.ts';
import { allocations, visibilities } from './tickets.table.ts';

const single = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v) ?? '';

const date = (missing: string, optional = false) =>
  z.preprocess(
    single,
    z
      .string()
      .refine((v) => optional || v !== '', missing)
      .refine((v) => v === '' || isRealDate(v), 'Enter a real date, like 1 11 2027'),
  );
const time = (optional = false) =>
  z.preprocess(
    single,
    z
      .string()
      .trim()
      .refine((v) => (optional && v === '') || normaliseClockTime(v) !== null, 'Enter a time like 12:00')
      .transform((v) => normaliseClockTime(v) ?? ''),
  );
const optionalCount = (message: string) =>
  z.preprocess(
    single,
    z
      .string()
      .trim()
      .regex(/^\d{0,5}$/, message)
      .transform((v) => (v === '' ? 0 : Number(v))),
  );

export const ticketTypeForm = z.object({
  name: requiredText('Enter the ticket’s name', 80, 'Name must be 80 characters or fewer'),
  description: optionalText(500, 'Description must be 500 characters or fewer'),
  dayIds: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().regex(/^\d{1,12}$/, 'Choose days of this event')).transform((list) => [...new Set(list)].map(Number)),
  ),
  capacity: wholeNumber('Enter how many places there are', 'Places must be a whole number, like 250', 1, 100_000, 'Places must be between 1 and 100,000'),
  opens: date('Enter when registration opens'),
  opensTime: time(),
  closes: date('Enter when registration closes'),
  closesTime: time(),
  visibility: radio(visibilities, 'Choose who can see this ticket'),
  accessCode: optionalText(100, 'Access code must be 100 characters or fewer'),
  allocation: radio(allocations, 'Choose how places are given'),
  draw: date('', true),
  drawTime: time(true),
  perOrganisationCap: optionalCount('The cap must be a whole number, or left empty'),
  reservedForFirstTimers: optionalCount('Reserved places must be a whole number, or left empty'),
  reservedForCouncillors: optionalCount('Reserved places must be a whole number, or left empty'),
  reservedUntil: date('', true),
  reservedUntilTime: time(true),
  offerHours: wholeNumber('Enter how long an offer is held', 'Hours must be a whole number, like 48', 1, 336, 'Offers can be held for 1 to 336 hours'),
  lastMinuteOfferHours: wholeNumber('Enter how long a last-minute offer is held', 'Hours must be a whole number, like 4', 1, 48, 'Last-minute offers can be held for 1 to 48 hours'),
  waves: optionalText(2000, 'Waves must be 2,000 characters or fewer'),
  displayOrder: optionalCount('Order must be a whole number, or left empty'),
});

export type TicketTypeForm = z.infer<typeof ticketTypeForm>;

/** Joins the date boxes of the ticket type form before it is validated. */
export function prepareTicketTypeBody(body: FormBody): FormBody {
  for (const name of ['opens', 'closes', 'draw', 'reservedUntil']) joinDateParts(body, name);
  return body;
}

function at(date: string, time: string, zone: string, field: string): number {
  const instant = instantOf(date, time, zone);
  if (instant === null) throw new RuleViolation({ [field]: 'That time does not exist on that date (the clocks go forward)' });
  return instant;
}

/** Turns a wave line such as "1 November 2027 12:00, 100" or "2027-11-01 12:00, 100" into a wave. */
export function parseWaves(text: string, zone: string): Array<{ releasesAt: number; places: number }> {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      const m = /^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}[:.]\d{2})\s*,\s*(\d{1,6})$/.exec(line);
      const clock = m ? normaliseClockTime(m[2]!) : null;
      if (!m || !clock || !isRealDate(m[1]!)) {
        throw new RuleViolation({ waves: `Wave ${i + 1} should look like 2027-11-01 12:00, 100 (date, time, places)` });
      }
      return { releasesAt: at(m[1]!, clock, zone, 'waves'), places: Number(m[3]) };
    })
    .sort((a, b) => a.releasesAt - b.releasesAt);
}

/** The form's answers as a ticket type, with every time in the event's zone. */
export function ticketTypeFromForm(form: TicketTypeForm, zone: string): TicketTypeDetails {
  const ballot = form.allocation === 'ballot';
  if (ballot && (!form.draw || !form.drawTime)) throw new RuleViolation({ draw: 'Enter when the ballot is drawn' });
  const reserved = form.reservedForFirstTimers + form.reservedForCouncillors > 0;
  if (reserved && (!form.reservedUntil || !form.reservedUntilTime)) throw new RuleViolation({ reservedUntil: 'Enter until when the reserved places are held' });
  return {
    name: form.name,
    description: form.description,
    dayIds: form.dayIds,
    capacity: form.capacity,
    opensAt: at(form.opens, form.opensTime, zone, 'opens'),
    closesAt: at(form.closes, form.closesTime, zone, 'closes'),
    visibility: form.visibility,
    accessCode: form.visibility === 'hidden' ? form.accessCode || null : null,
    allocation: form.allocation,
    drawAt: ballot ? at(form.draw, form.drawTime, zone, 'draw') : null,
    perOrganisationCap: ballot && form.perOrganisationCap > 0 ? form.perOrganisationCap : null,
    reservedForFirstTimers: form.reservedForFirstTimers,
    reservedForCouncillors: form.reservedForCouncillors,
    reservedUntil: reserved ? at(form.reservedUntil, form.reservedUntilTime, zone, 'reservedUntil') : null,
    offerHours: form.offerHours,
    lastMinuteOfferHours: form.lastMinuteOfferHours,
    displayOrder: form.displayOrder,
    waves: parseWaves(form.waves, zone),
  };
}

const dateBoxes = (instant: number | null, name: string, zone: string): FormBody =>
  instant === null ? {} : { ...splitDate(localDate(instant, zone), name), [`${name}Time`]: localClockTime(instant, zone) };

/** A ticket type as the form shows it for editing. */
export function formFromTicketType(type: TicketType, waves: ReleaseWave[], zone: string): FormBody {
  return {
    name: type.name,
    description: type.description,
    dayIds: type.dayIds.map(String),
    capacity: String(type.capacity),
    ...dateBoxes(type.opensAt, 'opens', zone),
    ...dateBoxes(type.closesAt, 'closes', zone),
    visibility: type.visibility,
    accessCode: type.accessCode ?? '',
    allocation: type.allocation,
    ...dateBoxes(type.drawAt, 'draw', zone),
    perOrganisationCap: type.perOrganisationCap === null ? '' : String(type.perOrganisationCap),
    reservedForFirstTimers: String(type.reservedForFirstTimers),
    reservedForCouncillors: String(type.reservedForCouncillors),
    ...dateBoxes(type.reservedUntil, 'reservedUntil', zone),
    offerHours: String(type.offerHours),
    lastMinuteOfferHours: String(type.lastMinuteOfferHours),
    waves: waves.map((w) => `${localDate(w.releasesAt, zone)} ${localClockTime(w.releasesAt, zone)}, ${w.places}`).join('\n'),
    displayOrder: String(type.displayOrder),
  };
}

import { clockTime, dateAndTime, dateRange, dayOfCamp, localDate, longDate, timeRange, timeRangeOn } from '../events/local-time.ts';
import { andList } from '../mail/compose.ts';
import { attendeeRoleLabels, registrationStatusLabels } from '../tickets/ticket.forms.ts';
import { accessNeedLabels } from '../tickets/access-needs.ts';
import { describeChange } from '../grid/change-wording.ts';
import { roomFeatureLabels } from '../events/rooms.ts';
import { slotKindLabels } from '../events/slots.ts';
import { organiserRoleLabels } from '../events/organisers.ts';
import { formatPence } from '../sponsors/money.ts';
import { logoSizeLabels, sponsorFundLabels } from '../sponsors/packages.ts';
import { outputTextHtml } from '../outputs/output-text.ts';
import { licenceNames } from '../outputs/output-settings.ts';
import { invoiceStatusLabels, sponsorStatusLabels } from '../sponsors/sponsors.ts';

/** Small formatting functions templates call as `it.h.name(...)`. */
export const helpers = {
  /** "10:15am", "11am", "midday": how every page writes a time. */
  time: clockTime,
  /** "10:15am to 11am" */
  timeRange,
  /** "10:15am to 11am on Saturday 19 June 2027" */
  timeRangeOn,
  /** The local date (YYYY-MM-DD) of an instant in a zone. */
  dateIn: localDate,
  longDate,
  dayOfCamp,
  /** "Friday 18 June and Saturday 19 June": the days a ticket covers. */
  daysOfTicket(days: Array<{ date: string }>): string {
    return days.length ? andList(days.map((d) => dayOfCamp(d.date))) : 'no day set';
  },
  dateRange,
  roomFeatureLabels,
  slotKindLabels,
  organiserRoleLabels,
  attendeeRoleLabels,
  registrationStatusLabels,
  accessNeedLabels,
  /** "12:30pm on Monday 1 November 2027" in the event's zone. */
  dateTime(instant: number | null, zone: string): string {
    return instant === null ? 'a time to be announced' : dateAndTime(instant, zone);
  },
  /** 150000 → "£1,500". */
  pence: formatPence,
  sponsorFundLabels,
  logoSizeLabels,
  sponsorStatusLabels,
  invoiceStatusLabels,
  /** A slot as the public sees it: its label, with its kind where the label doesn't say it. */
  slotName(slot: { kind: keyof typeof slotKindLabels; label: string }): string {
    const kind = slotKindLabels[slot.kind];
    if (!slot.label) return kind;
    if (slot.kind === 'session' || slot.label.toLowerCase().includes(kind.toLowerCase())) return slot.label;
    return `${slot.label} (${kind.toLowerCase()})`;
  },
  describeChange,
  /** An output's notes as escaped paragraphs with their web addresses linked (use with <%~ %>). */
  outputText: outputTextHtml,
  licenceNames,
  /** "1 room", "3 rooms". */
  plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
  },
  /** Error messages in the order of the form's fields, for the error summary. */
  errorList(errors: Record<string, string> | undefined): Array<{ field: string; message: string }> {
    return Object.entries(errors ?? {}).map(([field, message]) => ({ field, message }));
  },
  /** What to show in a field that failed validation: what was typed, never a parsed copy. */
  value(values: Record<string, unknown> | undefined, name: string): string {
    const v = values?.[name];
    if (v === undefined || v === null) return '';
    return Array.isArray(v) ? String(v[0] ?? '') : String(v);
  },
  /** Whether a checkbox or radio value was chosen (the value may be a string or a list). */
  chosen(values: Record<string, unknown> | undefined, name: string, option: string): boolean {
    const v = values?.[name];
    return Array.isArray(v) ? v.map(String).includes(option) : String(v ?? '') === option;
  },
};

export type ViewHelpers = typeof helpers;

import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open.ts';
import { campIsOver, type CampEvent } from '../events/events.ts';
import { timeRange } from '../events/local-time.ts';
import { safeSameSitePath } from '../web/redirects.ts';
import { timetableOf } from '../events/timetable.ts';
import { themesOf } from '../themes/themes.ts';
import { pitchLabels } from './labels.ts';
import type { Pitch, PitchDetails } from './pitches.ts';

/** What every pitch page's template gets besides its own data; `over`: the camp is archived, so pages drop their calls to action. */
export const pitchViewBase = (event: CampEvent) => ({ event, pl: pitchLabels, over: campIsOver(event) });

/** The camp's days, session slots and themes as form options: preferred day radios, unavailable-slot and theme checkboxes. */
export function dayAndSlotOptions(db: Db, event: CampEvent) {
  const timetable = timetableOf(db, event.id);
  const dayName = (d: { label: string; date: string }) => (d.label ? `${d.label}, ` : '') + d.date;
  return {
    themeOptions: themesOf(db, event.id).map((t) => ({ value: String(t.id), text: t.name })),
    dayOptions: timetable.map((t) => ({ value: String(t.day.id), text: dayName(t.day) })),
    slotOptions: timetable.flatMap((t) =>
      t.slots
        .filter((s) => s.kind === 'session')
        .map((s) => ({
          value: String(s.id),
          text: `${timetable.length > 1 ? `${t.day.label || t.day.date}: ` : ''}${timeRange(s.startsAt, s.endsAt, event.timeZone)}${s.label ? ` (${s.label})` : ''}`,
        })),
    ),
  };
}

/** A pitch's details as the form's fields hold them, for editing. */
export function pitchFormValues(details: PitchDetails): Record<string, unknown> {
  return {
    title: details.title,
    description: details.description,
    format: details.format,
    coFacilitators: details.coFacilitators.join('\n'),
    needs: [...details.needs, ...(details.doubleLength ? ['double-length'] : [])],
    preferredDay: details.preferredDayId === null ? 'any' : String(details.preferredDayId),
    unavailable: details.unavailableSlotIds.map(String),
    themes: (details.themeIds ?? []).map(String),
  };
}

export function organiserFormValues(pitch: Pitch): Record<string, unknown> {
  return {
    title: pitch.title,
    description: pitch.description,
    format: pitch.format,
    needs: [...pitch.needs, ...(pitch.doubleLength ? ['double-length'] : [])],
    showOfHands: pitch.showOfHands === null ? '' : String(pitch.showOfHands),
    needsBiggerRoom: pitch.needsBiggerRoom ? 'yes' : '',
    pinnedDay: pitch.pinnedDayId === null ? 'none' : String(pitch.pinnedDayId),
  };
}

/** A fresh key for a form that creates a pitch (see alreadySubmitted). */
export const newSubmissionKey = () => randomBytes(16).toString('base64url');

/** The key a creating form sent back, if it looks like one we made. */
export function submissionKeyOf(body: Record<string, unknown>): string | null {
  const raw = Array.isArray(body.submission) ? body.submission[0] : body.submission;
  return typeof raw === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(raw) ? raw : null;
}

/** A same-site path on this camp's pitch pages to return to after a form, or the fallback. */
export function backTo(value: unknown, slug: string, fallback: string): string {
  const raw = safeSameSitePath(value);
  if (raw === null) return fallback;
  const prefix = `/events/${slug}/pitches`;
  return raw === prefix || raw.startsWith(`${prefix}/`) || raw.startsWith(`${prefix}?`) || raw.startsWith(`${prefix}#`) ? raw : fallback;
}

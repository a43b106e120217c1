import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { RuleViolation } from '../rules.ts';
import { pitchSettings, type CountVisibility } from './pitches.table.ts';

export type PitchSettings = typeof pitchSettings.$inferSelect;

export interface PitchSettingsDetails {
  interestOpensAt: number | null;
  interestClosesAt: number | null;
  counts: CountVisibility;
  changesNeedApproval: boolean;
}

/** An event's pitch settings; an event nobody has configured gets the defaults (always open, counts shown). */
export function pitchSettingsOf(db: Db, eventId: number): PitchSettings {
  return (
    db.select().from(pitchSettings).where(eq(pitchSettings.eventId, eventId)).get() ?? {
      eventId,
      interestOpensAt: null,
      interestClosesAt: null,
      counts: 'while-open',
      changesNeedApproval: false,
      updatedAt: 0,
    }
  );
}

/** Saves the settings; interest must close after it opens. */
export function savePitchSettings(db: Db, now: Date, eventId: number, details: PitchSettingsDetails): PitchSettings {
  if (details.interestOpensAt !== null && details.interestClosesAt !== null && details.interestClosesAt <= details.interestOpensAt) {
    throw new RuleViolation({ closes: 'Interest must close after it opens' });
  }
  const values = { ...details, updatedAt: now.getTime() };
  return db
    .insert(pitchSettings)
    .values({ eventId, ...values })
    .onConflictDoUpdate({ target: pitchSettings.eventId, set: values })
    .returning()
    .get();
}

export type InterestState = 'not-yet' | 'open' | 'closed';

export function interestState(settings: PitchSettings, now: Date): InterestState {
  const t = now.getTime();
  if (settings.interestOpensAt !== null && t < settings.interestOpensAt) return 'not-yet';
  if (settings.interestClosesAt !== null && t >= settings.interestClosesAt) return 'closed';
  return 'open';
}

/**
 * Whether the public sees how many would go. Hidden-until-close keeps early pitches from
 * snowballing: people mark what they'd go to, not what is already popular.
 */
export function countsVisible(settings: PitchSettings, now: Date): boolean {
  return settings.counts === 'while-open' || interestState(settings, now) === 'closed';
}

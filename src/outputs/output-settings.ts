import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { outputSettings, type OutputLicence } from './outputs.table.ts';

export interface OutputSettings {
  licence: OutputLicence;
  /** Days after the camp's last day that the digest email goes out. */
  digestDaysAfter: number;
}

export const defaultOutputSettings: OutputSettings = { licence: 'CC-BY-4.0', digestDaysAfter: 7 };

/** What each licence is called and where its terms are, for pages, feeds and exports. */
export const licenceNames: Record<OutputLicence, { name: string; url: string }> = {
  'CC-BY-4.0': { name: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  'CC-BY-SA-4.0': { name: 'Creative Commons Attribution-ShareAlike 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
  'CC0-1.0': { name: 'Creative Commons Zero (public domain)', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'OGL-UK-3.0': { name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
};

export function outputSettingsOf(db: Db, eventId: number): OutputSettings {
  const row = db.select().from(outputSettings).where(eq(outputSettings.eventId, eventId)).get();
  return row ? { licence: row.licence, digestDaysAfter: row.digestDaysAfter } : defaultOutputSettings;
}

/** New outputs take the new licence; those already shared keep the one they were given. */
export function saveOutputSettings(db: Db, eventId: number, settings: OutputSettings): void {
  db.insert(outputSettings)
    .values({ eventId, ...settings })
    .onConflictDoUpdate({ target: outputSettings.eventId, set: settings })
    .run();
}

import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import type { Person } from '../people/people.ts';
import { pitchSettingsOf, savePitchSettings } from '../pitches/settings.ts';
import { peopleToTell, tellPeopleAboutChanges } from './change-emails.ts';
import { StaleGrid } from './editor.ts';
import { gridVersions } from './grid.table.ts';
import { loadGrid } from './model.ts';
import { nextSnapshot } from './next-snapshot.ts';
import type { PublishedGrid } from './published.ts';
import { latestPublished } from './published-versions.ts';

/**
 * Publishes the draft as the next numbered version, with its change log and note, and emails
 * every facilitator and interested attendee of a changed session one message listing what
 * changed for them. All in one transaction; the emails go through the outbox.
 */
export function publishGrid(db: Db, now: Date, args: { event: CampEvent; version: number; note: string; by: Person; baseUrl: string; notify?: boolean }): PublishedGrid {
  return db.transaction((tx) => {
    const model = loadGrid(tx, args.event);
    if (model.version !== args.version) throw new StaleGrid(model.version);
    const snapshot = nextSnapshot(tx, args.event, now, args.note, latestPublished(tx, args.event.id));
    tx.insert(gridVersions).values({ eventId: args.event.id, number: snapshot.version, publishedAt: now.getTime(), publishedBy: args.by.id, snapshot }).run();
    // Once a grid is public, facilitators' edits to their pitches wait for organisers.
    const settings = pitchSettingsOf(tx, args.event.id);
    if (!settings.changesNeedApproval) {
      savePitchSettings(tx, now, args.event.id, { interestOpensAt: settings.interestOpensAt, interestClosesAt: settings.interestClosesAt, counts: settings.counts, changesNeedApproval: true });
    }
    if (args.notify ?? true) tellPeopleAboutChanges(tx, now, args.event, snapshot, peopleToTell(tx, snapshot, model.instance.attendees), args.baseUrl);
    return snapshot;
  });
}

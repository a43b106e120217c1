import { openDatabase } from '../../src/db/open.ts';
import { seedDemoCamp, demoOrganiserEmail } from '../../src/demo/seed.ts';
import { addRoom, roomsOf } from '../../src/events/rooms.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { loadGrid } from '../../src/grid/model.ts';
import { applyProposal, proposeGrid } from '../../src/grid/plan.ts';
import { publishGrid } from '../../src/grid/publish.ts';
import { latestPublished } from '../../src/grid/published-versions.ts';
import { findOrCreatePerson } from '../../src/people/people.ts';
import { takeDeskPitch } from '../../src/pitches/desk.ts';
import type { PitchFormat } from '../../src/pitches/pitches.table.ts';

export interface PagesCamp {
  slug: string;
  /** Sessions on the latest published grid (not cancelled). */
  sessions: number;
  pitches: number;
  rooms: number;
  /** Session places: rooms × session slots. */
  places: number;
  unscheduled: number;
  version: number;
  /** Characters of the published snapshot's JSON, which the public routes read per request. */
  snapshotChars: number;
}

const formats: PitchFormat[] = ['discussion', 'show-and-tell', 'workshop', 'discussion', 'other'];
const subjects = ['housing repairs', 'parking permits', 'libraries', 'planning portals', 'social care records', 'waste rounds', 'school admissions', 'council tax', 'licensing', 'elections'];
const angles = ['what went wrong', 'a year on', 'doing it in the open', 'on no budget', 'with residents', 'the data behind it', 'starting from scratch', 'lessons from a pilot'];

/**
 * The demo camp (8 rooms, a Friday of 4 session slots and a Saturday of 5, 40 pitches, a
 * published grid of two versions), grown to about `targetSessions` published sessions the way
 * organisers would: desk pitches from walk-ins, extra rooms so they fit, then the scheduler's
 * grid applied and published as the next version. The database is closed again so a server
 * process can open it.
 */
export function seedPagesCamp(databasePath: string, dataDir: string, options: { targetSessions: number; baseUrl: string; now?: Date; timeLimitMs?: number }): PagesCamp {
  const now = options.now ?? new Date();
  const db = openDatabase(databasePath);
  try {
    const event = seedDemoCamp(db, now, options.baseUrl, dataDir);
    const organiser = findOrCreatePerson(db, now, demoOrganiserEmail);
    const model = loadGrid(db, event);
    const slotCount = model.instance.slots.length;
    // Places needed: every session, a double-length one twice, with a little slack for the scheduler.
    const existing = [...model.pitches.values()];
    const doubles = existing.filter((p) => (p.session.length ?? 1) > 1).length;
    const toAdd = Math.max(0, options.targetSessions - existing.length);
    const placesNeeded = Math.ceil((options.targetSessions + doubles) * 1.1);
    const roomsNeeded = Math.ceil(placesNeeded / slotCount);
    for (let i = roomsOf(db, event.id).length; i < roomsNeeded; i++) {
      addRoom(db, event.id, { name: `Breakout room ${i - 7}`, capacity: 20 + (i % 3) * 10, features: ['step-free'], notes: 'Second floor, lift by reception', displayOrder: i + 1 });
    }
    for (let i = 0; i < toAdd; i++) {
      takeDeskPitch(db, new Date(now.getTime() + i), {
        event,
        enteredBy: organiser,
        pitch: {
          title: `${subjects[i % subjects.length]!.replace(/^./, (c) => c.toUpperCase())}: ${angles[Math.floor(i / subjects.length) % angles.length]}`,
          facilitator: `Walk-in facilitator ${i + 1}`,
          format: formats[i % formats.length]!,
          needs: [],
          doubleLength: false,
          showOfHands: 5 + ((i * 7) % 30),
        },
      });
    }
    const version = loadGrid(db, event).version;
    const proposal = proposeGrid(db, now, event, version, 'replan', { timeLimitMs: options.timeLimitMs ?? 3000, seed: 1 });
    applyProposal(db, now, event, version);
    publishGrid(db, now, { event, version: loadGrid(db, event).version, note: 'Everything pitched at the desk, in the new breakout rooms.', by: organiser, baseUrl: options.baseUrl, notify: false });
    const published = latestPublished(db, event.id)!;
    const after = loadGrid(db, findEventBySlug(db, event.slug)!);
    return {
      slug: event.slug,
      sessions: published.sessions.filter((s) => !s.cancelled).length,
      pitches: after.pitches.size,
      rooms: after.rooms.length,
      places: after.rooms.length * after.instance.slots.length,
      unscheduled: proposal.unscheduled.length,
      version: published.version,
      snapshotChars: JSON.stringify(published).length,
    };
  } finally {
    db.$client.close();
  }
}

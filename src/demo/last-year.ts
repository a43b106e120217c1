import { eq } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { Day } from '../events/days.ts';
import type { CampEvent } from '../events/events.ts';
import { addRoom } from '../events/rooms.ts';
import { generateSlots } from '../events/slots.ts';
import { replacePlacements } from '../grid/editor.ts';
import { draftVersion } from '../grid/model.ts';
import { publishGrid } from '../grid/publish.ts';
import { addOutput } from '../outputs/outputs.ts';
import { people } from '../people/people.table.ts';
import { pitchFacilitators, pitches } from '../pitches/pitches.table.ts';
import { tagPitch } from '../themes/themes.ts';
import { lastYearSessions } from './last-year-sessions.ts';
import { defineDemoThemes, demoThemesOf } from './themes.ts';

const minute = 60_000;

/**
 * Last year's camp as it was run: four rooms, four session slots, its board of sessions with
 * the demo's themes, the published grid, and what most sessions made (notes, links, actions
 * under the camp's licence, CC BY 4.0), added by their facilitators just after each session.
 * `facilitatorIds`: people who came that year, in a fixed order, so the demo is the same every time.
 */
export function seedLastYearSessions(db: Db, now: Date, args: { event: CampEvent; day: Day; organiserId: number; facilitatorIds: number[] }): void {
  const { event, day } = args;
  const roomIds = [
    ['Main hall', 150],
    ['Council chamber', 80],
    ['Committee room 1', 40],
    ['Library', 25],
  ].map(([name, capacity], i) => addRoom(db, event.id, { name: name as string, capacity: capacity as number, features: ['step-free'], notes: '', displayOrder: i + 1 }).id);
  const slots = generateSlots(db, day, event.timeZone, {
    pitchingStarts: '09:30',
    pitchingMinutes: 30,
    firstSessionStarts: '10:15',
    sessionMinutes: 45,
    changeoverMinutes: 15,
    sessionCount: 4,
    lunchStarts: '12:15',
    lunchMinutes: 45,
  }).filter((s) => s.kind === 'session');
  const themeIds = defineDemoThemes(db, now, event.id);
  const pitchedAt = day.startsAt + 45 * minute;
  const placed = lastYearSessions.map((session, i) => {
    const facilitatorId = args.facilitatorIds[i % args.facilitatorIds.length]!;
    const pitch = db
      .insert(pitches)
      .values({ eventId: event.id, title: session.title, format: session.format, source: 'desk', createdBy: args.organiserId, createdAt: pitchedAt + i, updatedAt: pitchedAt + i })
      .returning({ id: pitches.id })
      .get();
    db.insert(pitchFacilitators).values({ pitchId: pitch.id, personId: facilitatorId, confirmed: true, createdAt: pitchedAt }).run();
    tagPitch(db, pitch.id, demoThemesOf(session.title, session.topic).map((name) => themeIds.get(name)!));
    return { pitchId: pitch.id, roomId: roomIds[i % roomIds.length]!, slotId: slots[Math.floor(i / roomIds.length) % slots.length]!.id, pinned: false, session, facilitatorId };
  });
  replacePlacements(db, new Date(pitchedAt + 20 * minute), event, draftVersion(db, event.id), placed.map(({ pitchId, roomId, slotId, pinned }) => ({ pitchId, roomId, slotId, pinned })), 'The day’s grid');
  const organiser = db.select().from(people).where(eq(people.id, args.organiserId)).get()!;
  const grid = publishGrid(db, new Date(pitchedAt + 25 * minute), { event, version: draftVersion(db, event.id), note: 'The day’s grid.', by: organiser, baseUrl: '', notify: false });
  for (const { pitchId, session, facilitatorId } of placed) {
    const published = grid.sessions.find((s) => s.pitchId === pitchId)!;
    const facilitator = db.select().from(people).where(eq(people.id, facilitatorId)).get()!;
    session.outputs.forEach((output, k) => {
      const draft = { title: output.title, body: 'body' in output ? output.body : '', url: 'url' in output ? output.url : '', owner: 'owner' in output ? output.owner : '', credited: true };
      addOutput(db, new Date(published.endsAt + (5 + k * 7) * minute), { event, session: published, person: facilitator, draft: { kind: output.kind, ...draft } });
    });
  }
}

import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { placePitch } from '../grid/editor.ts';
import { loadGrid } from '../grid/model.ts';
import { applyProposal, proposeGrid } from '../grid/plan.ts';
import { publishGrid } from '../grid/publish.ts';
import type { Person } from '../people/people.ts';

/**
 * A published grid with a change log of two versions: the scheduler's grid, then one session
 * moved to a bigger room. Published quietly (no emails), as seeding is not a real publish.
 */
export function seedDemoGrid(db: Db, now: Date, event: CampEvent, organiser: Person, baseUrl: string): void {
  const hour = 3_600_000;
  // A fixed number of iterations, not a time limit: the demo's grid is the same on every machine.
  proposeGrid(db, new Date(now.getTime() - 2 * hour), event, 0, 'replan', { timeLimitMs: 30_000, seed: 1, iterations: 40_000 });
  applyProposal(db, new Date(now.getTime() - 2 * hour), event, 0);
  publishGrid(db, new Date(now.getTime() - 2 * hour), { event, version: 1, note: 'The first grid, straight from the pitches.', by: organiser, baseUrl, notify: false });
  const model = loadGrid(db, event);
  const taken = new Set(model.placements.map((p) => `${p.roomId}:${p.slotId}`));
  const single = model.placements.find((p) => (model.pitches.get(p.pitchId)?.session.length ?? 1) === 1 && !(model.pitches.get(p.pitchId)?.session.needs ?? []).length);
  const free = model.days.flatMap((d) => d.slots).flatMap((s) => model.rooms.map((r) => ({ roomId: r.id, slotId: s.id }))).find((c) => !taken.has(`${c.roomId}:${c.slotId}`));
  if (single && free) placePitch(db, new Date(now.getTime() - hour), event, 1, { pitchId: single.pitchId, ...free });
  publishGrid(db, new Date(now.getTime() - hour), { event, version: loadGrid(db, event).version, note: 'One session moved to give it more room.', by: organiser, baseUrl, notify: false });
}

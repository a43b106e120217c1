import type { Room } from '../events/rooms.ts';
import type { Slot } from '../events/slots.ts';
import { spanOf, type GridDay, type GridModel, type GridPitch, type Placement } from './model.ts';
import type { GridHealth, GridWarning } from './warnings.ts';

export const warningLabels: Record<GridWarning['kind'], string> = {
  'double-booked': 'Facilitator clash',
  needs: 'Needs not met',
  unavailable: 'Facilitator unavailable',
  'over-capacity': 'Over capacity',
  day: 'Wrong day',
};

/** What one room holds in one slot: a session starting there, one continuing from before, or nothing. */
export interface EditorCell {
  room: Room;
  session: { placement: Placement; pitch: GridPitch; double: boolean; warnings: string[] } | null;
  continues: boolean;
}

export interface EditorRow {
  slot: Slot;
  /** Attendees who want two or more of the sessions in this slot, so miss something. */
  misses: number;
  cells: EditorCell[];
}

/**
 * A day of the draft grid as the editor shows it, worked out once for both its forms: a table
 * (rooms across, slots down) on wide screens and a list by time on phones.
 */
export function editorRows(model: GridModel, day: GridDay, health: GridHealth): EditorRow[] {
  const startsAt = new Map(model.placements.map((p) => [`${p.roomId}:${p.slotId}`, p]));
  const continuing = new Set<string>();
  for (const p of model.placements) {
    const length = model.pitches.get(p.pitchId)?.session.length ?? 1;
    if (length > 1) for (const slotId of (spanOf(model, p.slotId, length) ?? []).slice(1)) continuing.add(`${p.roomId}:${slotId}`);
  }
  return day.slots.map((slot) => ({
    slot,
    misses: health.missesBySlot.get(slot.id) ?? 0,
    cells: model.rooms.map((room) => {
      const placement = startsAt.get(`${room.id}:${slot.id}`);
      const pitch = placement && model.pitches.get(placement.pitchId);
      if (!placement || !pitch) return { room, session: null, continues: continuing.has(`${room.id}:${slot.id}`) };
      const warnings = health.warnings.filter((w) => w.pitchId === placement.pitchId).map((w) => warningLabels[w.kind]);
      return { room, session: { placement, pitch, double: (pitch.session.length ?? 1) > 1, warnings }, continues: false };
    }),
  }));
}

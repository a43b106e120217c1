import { pitchIdOf, roomKey, sessionKey, slotKey } from '../pitches/scheduler-ids.ts';
import { scoreGrid } from '../scheduling/index.ts';
import { longDate } from '../events/local-time.ts';
import type { GridModel, GridPitch } from './model.ts';

export interface GridWarning {
  pitchId: number;
  kind: 'double-booked' | 'needs' | 'unavailable' | 'over-capacity' | 'day';
  message: string;
}

export interface GridHealth {
  warnings: GridWarning[];
  /** Per slot id: attendees who want two or more of the sessions in it, so miss something. */
  missesBySlot: Map<number, number>;
  metrics: { missed: number; overflow: number; score: number };
}

/**
 * What is wrong with the draft, shown in place and listed: a facilitator in two places at once,
 * a room without what a session needs, a slot a facilitator cannot do, a session away from the
 * day it must be on or on a day a facilitator has no place on, more people expected than the
 * room holds, and how many attendees each slot makes miss something.
 */
export function gridHealth(model: GridModel): GridHealth {
  const dayWarnings = wrongDays(model);
  const assignments = model.placements.map((p) => ({ session: sessionKey(p.pitchId), room: roomKey(p.roomId), slot: slotKey(p.slotId) }));
  const score = scoreGrid(model.instance, assignments);
  const warnings: GridWarning[] = [];
  for (const v of score.violations) {
    const pitches = v.ids.map(pitchIdOf).filter((id) => id !== null);
    const kind = v.rule === 2 ? 'double-booked' : v.rule === 3 ? 'needs' : v.rule === 4 ? 'unavailable' : null;
    if (!kind) continue;
    for (const pitchId of pitches) {
      // Days are sent to the scheduler as the other days' slots ruled out; say which day instead.
      if (kind === 'unavailable' && dayWarnings.some((w) => w.pitchId === pitchId)) continue;
      const title = model.pitches.get(pitchId)?.title ?? 'A session';
      const message =
        kind === 'double-booked'
          ? `A facilitator of “${title}” is also running another session at the same time`
          : kind === 'needs'
            ? needsMessage(model.pitches.get(pitchId)!)
            : `A facilitator of “${title}” said they cannot do this time`;
      if (!warnings.some((w) => w.pitchId === pitchId && w.kind === kind)) warnings.push({ pitchId, kind, message });
    }
  }
  warnings.push(...dayWarnings);
  for (const p of model.placements) {
    const pitch = model.pitches.get(p.pitchId);
    const room = model.rooms.find((r) => r.id === p.roomId);
    if (pitch && room && pitch.expected > room.capacity) {
      warnings.push({ pitchId: p.pitchId, kind: 'over-capacity', message: `“${pitch.title}” expects ${pitch.expected} people but ${room.name} holds ${room.capacity}` });
    }
  }
  const slotOfPitch = new Map(model.placements.map((p) => [p.pitchId, p.slotId]));
  const missesBySlot = new Map<number, number>();
  for (const attendee of model.instance.attendees) {
    const perSlot = new Map<number, number>();
    for (const want of attendee.wants) {
      const pitchId = pitchIdOf(want);
      const slot = pitchId === null ? undefined : slotOfPitch.get(pitchId);
      if (slot !== undefined) perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
    }
    for (const [slot, n] of perSlot) if (n > 1) missesBySlot.set(slot, (missesBySlot.get(slot) ?? 0) + 1);
  }
  return { warnings, missesBySlot, metrics: { missed: score.metrics.missed, overflow: score.metrics.overflow, score: score.metrics.score } };
}

/** Sessions placed away from the day they must be on, or on a day one of their facilitators has no place on. */
function wrongDays(model: GridModel): GridWarning[] {
  const found: GridWarning[] = [];
  const dayName = (id: number) => {
    const day = model.days.find((d) => d.id === id);
    return day ? `${day.label ? `${day.label}, ` : ''}${longDate(day.date)}` : 'another day';
  };
  for (const placement of model.placements) {
    const pitch = model.pitches.get(placement.pitchId);
    const dayId = model.slotById.get(placement.slotId)?.dayId;
    if (!pitch || dayId === undefined) continue;
    if (pitch.pinnedDayId !== null && pitch.pinnedDayId !== dayId) {
      found.push({ pitchId: pitch.id, kind: 'day', message: `“${pitch.title}” must be on ${dayName(pitch.pinnedDayId)}` });
    }
    for (const f of pitch.facilitators) {
      if (f.days && !f.days.has(dayId)) {
        found.push({ pitchId: pitch.id, kind: 'day', message: `${f.name}, a facilitator of “${pitch.title}”, has no place on ${dayName(dayId)}` });
      }
    }
  }
  return found;
}

/** What a room lacks for a session; when people who'd go need step-free access, how many (never who). */
function needsMessage(pitch: GridPitch): string {
  const message = `“${pitch.title}” needs ${pitch.session.needs!.join(', ')}, which its room does not have`;
  if (pitch.stepFreeWanted === 0) return message;
  return `${message}: ${pitch.stepFreeWanted === 1 ? '1 person who’d go needs' : `${pitch.stepFreeWanted} people who’d go need`} step-free access`;
}

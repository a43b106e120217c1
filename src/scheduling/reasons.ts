// Why a session is not on the grid, in words an organiser can act on.
import type { GridState } from './grid-state.ts';

export function whyUnscheduled(state: GridState, s: number): string {
  const { model } = state;
  const session = model.instance.sessions[s]!;
  const needs = session.needs ?? [];
  const kind = needs.length > 0 ? `${needs.join(' + ')} room` : 'room';
  const candidates = model.candidates[s]!;
  if (candidates.length === 0) {
    const fitting = model.instance.rooms.filter((room) => needs.every((need) => (room.features ?? []).includes(need)));
    if (fitting.length === 0) return `no room has ${needs.join(', ')}`;
    const length = model.length[s]!;
    return `no ${kind} is available for ${length > 1 ? `${length} adjacent slots` : 'a slot'} when the session can run`;
  }
  const free = candidates.filter((where) => state.rooms.isFree(s, where));
  if (free.length === 0) return `no ${kind} free at any allowed time`;
  if (free.every((where) => !state.facilitatorsFreeAt(s, where))) {
    return `its facilitators (${session.facilitators.join(', ')}) run other sessions whenever a ${kind} is free`;
  }
  return 'left out: every free place would cost more (overflow or clashes) than it gains';
}

/**
 * The ids the scheduler's instance uses (docs/scheduling.md) for the things of a camp: a letter
 * for what it is and the row's id. Every id is built and read here, so the instance, the grid
 * built from it and the published snapshots (whose facilitators keep their keys) agree.
 *
 * - p<pitch id>: a session
 * - u<person id>: a facilitator or attendee who is a person with an account
 * - w<pitch facilitator row id>: a walk-in facilitator typed at the pitch desk (w0: a person
 *   who asked to be forgotten, shown as "a participant")
 * - s<slot id>, r<room id>: a session slot and a room
 */
const prefixes = { pitch: 'p', person: 'u', walkIn: 'w', slot: 's', room: 'r' } as const;

export type SchedulerIdKind = keyof typeof prefixes;

const shape = /^([puwsr])(0|[1-9][0-9]{0,14})$/;

export const sessionKey = (pitchId: number) => `${prefixes.pitch}${pitchId}`;
export const personKey = (personId: number) => `${prefixes.person}${personId}`;
export const walkInKey = (facilitatorRowId: number) => `${prefixes.walkIn}${facilitatorRowId}`;
export const slotKey = (slotId: number) => `${prefixes.slot}${slotId}`;
export const roomKey = (roomId: number) => `${prefixes.room}${roomId}`;

/** What a scheduler id stands for, or null for anything that is not one (`u`, `p1.5`, `gone-…`). */
export function parseSchedulerId(key: string): { kind: SchedulerIdKind; id: number } | null {
  const match = shape.exec(key);
  if (!match) return null;
  const kind = (Object.keys(prefixes) as SchedulerIdKind[]).find((k) => prefixes[k] === match[1])!;
  return { kind, id: Number(match[2]) };
}

/** The row id behind `key` when it is an id of that kind; null otherwise (another kind, or malformed). */
export function idOfKind(kind: SchedulerIdKind, key: string): number | null {
  const parsed = parseSchedulerId(key);
  return parsed?.kind === kind ? parsed.id : null;
}

export const pitchIdOf = (key: string) => idOfKind('pitch', key);
export const personIdOf = (key: string) => idOfKind('person', key);

/**
 * The row id behind an id the scheduler gave back for our own instance, which can only be well
 * formed: anything else is a bug, so it throws rather than carry a NaN into the grid.
 */
export function requireIdOfKind(kind: SchedulerIdKind, key: string): number {
  const id = idOfKind(kind, key);
  if (id === null) throw new Error(`The scheduler answered with “${key}” where a ${kind} id was expected`);
  return id;
}

// The first half of validation: is this JSON an instance at all? Field types and ranges,
// each problem pointing at the record it found it in.
import type { InstanceProblem } from './types.ts';

type Record_ = Record<string, unknown>;

const isRecord = (value: unknown): value is Record_ =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const isInstant = (value: unknown): boolean => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** Problems with the structure of `input`; empty when it has the shape of an instance. */
export function shapeProblems(input: unknown): InstanceProblem[] {
  const problems: InstanceProblem[] = [];
  const fail = (where: string, id: unknown, message: string): void => {
    const named = typeof id === 'string' ? ` (${id})` : '';
    problems.push({ code: 'malformed', message: `${where}${named}: ${message}`, ids: typeof id === 'string' ? [id] : [] });
  };
  if (!isRecord(input)) {
    fail('instance', undefined, 'must be a JSON object with rooms, slots, sessions and attendees');
    return problems;
  }
  for (const list of ['rooms', 'slots', 'sessions', 'attendees'] as const) {
    if (!Array.isArray(input[list])) fail(list, undefined, 'must be an array');
  }
  if (input.previous !== undefined && !Array.isArray(input.previous)) fail('previous', undefined, 'must be an array');
  if (problems.length > 0) return problems;

  const each = (list: string, check: (item: Record_, where: string) => void): void => {
    (input[list] as unknown[] | undefined)?.forEach((item, k) => {
      const where = `${list}[${k}]`;
      if (!isRecord(item)) return fail(where, undefined, 'must be an object');
      if (list !== 'previous' && (typeof item.id !== 'string' || item.id === '')) {
        return fail(where, undefined, 'needs a non-empty string id');
      }
      check(item, where);
    });
  };
  const optionalStrings = (item: Record_, where: string, field: string): void => {
    if (item[field] !== undefined && !isStringList(item[field])) fail(where, item.id, `${field} must be a list of strings`);
  };
  const place = (value: unknown, where: string, id: unknown, field: string): void => {
    if (!isRecord(value) || typeof value.room !== 'string' || typeof value.slot !== 'string') {
      fail(where, id, `${field} must be an object with string room and slot`);
    }
  };

  each('rooms', (room, where) => {
    if (typeof room.capacity !== 'number' || !Number.isFinite(room.capacity) || room.capacity < 0) {
      fail(where, room.id, 'capacity must be a number ≥ 0');
    }
    optionalStrings(room, where, 'features');
    optionalStrings(room, where, 'unavailable');
  });
  each('slots', (slot, where) => {
    if (typeof slot.day !== 'string') fail(where, slot.id, 'day must be a string');
    if (!isInstant(slot.start) || !isInstant(slot.end)) {
      fail(where, slot.id, 'start and end must be ISO 8601 instants');
    } else if (Date.parse(slot.end as string) <= Date.parse(slot.start as string)) {
      fail(where, slot.id, 'end must come after start');
    }
  });
  each('sessions', (session, where) => {
    if (!isStringList(session.facilitators)) fail(where, session.id, 'facilitators must be a list of strings');
    optionalStrings(session, where, 'needs');
    optionalStrings(session, where, 'unavailable');
    optionalStrings(session, where, 'preferredDays');
    const { length, audience, pin } = session;
    if (length !== undefined && !(Number.isInteger(length) && (length as number) >= 1)) {
      fail(where, session.id, 'length must be a whole number ≥ 1');
    }
    if (audience !== undefined && !(typeof audience === 'number' && Number.isFinite(audience) && audience >= 0)) {
      fail(where, session.id, 'audience must be a number ≥ 0');
    }
    if (pin !== undefined) place(pin, where, session.id, 'pin');
  });
  each('attendees', (attendee, where) => {
    if (!isStringList(attendee.wants)) fail(where, attendee.id, 'wants must be a list of session ids');
  });
  each('previous', (entry, where) => {
    if (typeof entry.session !== 'string') fail(where, undefined, 'needs a string session');
    place(entry, where, entry.session, 'entry');
  });
  return problems;
}

import { describe, expect, it } from 'vitest';
import { InvalidInstanceError, solve, validateInstance, type Instance } from '../../src/scheduling/index.ts';
import { camp, daySlots, room, session } from './camp.ts';

const valid = (): Instance =>
  camp({
    rooms: [room('hall', 50, ['step-free']), { id: 'nook', capacity: 5, unavailable: ['s3'] }],
    slots: [...daySlots(3), ...daySlots(1, { prefix: 'late', from: 17 * 60 })],
    sessions: [session('a', 'ana'), session('b', 'ben', { needs: ['step-free'] }), session('c', 'cat', { length: 2 })],
    attendees: [{ id: 'u1', wants: ['a', 'b'] }],
    previous: [{ session: 'a', room: 'hall', slot: 's1' }],
  });

/** The single problem found after `change` spoils an otherwise valid instance. */
function problemAfter(change: (instance: Instance) => void) {
  const instance = valid();
  change(instance);
  const problems = validateInstance(instance);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

describe('validateInstance', () => {
  it('accepts a well-formed camp', () => {
    expect(validateInstance(valid())).toEqual([]);
  });

  it('rejects something that is not an instance at all', () => {
    expect(validateInstance(null)[0]).toMatchObject({ code: 'malformed' });
    expect(validateInstance({ rooms: [] })[0]!.message).toBe('slots: must be an array');
  });

  it('names the record with a malformed field', () => {
    expect(problemAfter((i) => (i.sessions[2]!.length = 0))).toMatchObject({
      code: 'malformed',
      message: 'sessions[2] (c): length must be a whole number ≥ 1',
      ids: ['c'],
    });
    expect(problemAfter((i) => (i.slots[0]!.end = i.slots[0]!.start)).message).toBe('slots[0] (s1): end must come after start');
    expect(problemAfter((i) => (i.rooms[0]!.capacity = -1)).ids).toEqual(['hall']);
  });

  it('names duplicated ids', () => {
    expect(problemAfter((i) => i.sessions.push(session('a', 'dev')))).toEqual({
      code: 'duplicate-id',
      message: 'session id "a" appears twice',
      ids: ['a'],
    });
    expect(problemAfter((i) => i.rooms.push(room('hall', 3))).message).toBe('room id "hall" appears twice');
    expect(problemAfter((i) => i.slots.push(daySlots(1)[0]!)).message).toBe('slot id "s1" appears twice');
    expect(problemAfter((i) => i.attendees.push({ id: 'u1', wants: [] })).message).toBe('attendee id "u1" appears twice');
  });

  it('names unknown ids in wants, unavailability, pins and the previous grid', () => {
    expect(problemAfter((i) => i.attendees[0]!.wants.push('zz'))).toEqual({
      code: 'unknown-id',
      message: 'attendee u1 wants names unknown session "zz"',
      ids: ['zz'],
    });
    expect(problemAfter((i) => (i.sessions[0]!.unavailable = ['s9'])).message).toBe('session a unavailable names unknown slot "s9"');
    expect(problemAfter((i) => (i.rooms[0]!.unavailable = ['s9'])).message).toBe('room hall unavailable names unknown slot "s9"');
    expect(problemAfter((i) => (i.sessions[0]!.pin = { room: 'attic', slot: 's1' })).message).toBe(
      'pin of session a names unknown room "attic"',
    );
    expect(problemAfter((i) => i.previous!.push({ session: 'gone', room: 'hall', slot: 's2' })).message).toBe(
      'previous grid names unknown session "gone"',
    );
  });

  it('rejects a pin to a room that lacks a need', () => {
    expect(problemAfter((i) => (i.sessions[1]!.pin = { room: 'nook', slot: 's1' }))).toEqual({
      code: 'pin-breaks-rule',
      message: 'session b is pinned to nook at s1, but nook lacks step-free (rule 3)',
      ids: ['b', 'nook'],
    });
  });

  it('rejects a pin where the room or the session is unavailable', () => {
    expect(problemAfter((i) => (i.sessions[0]!.pin = { room: 'nook', slot: 's3' })).message).toBe(
      'session a is pinned to nook at s3, but nook is unavailable at s3 (rule 1)',
    );
    expect(
      problemAfter((i) => {
        i.sessions[0]!.pin = { room: 'hall', slot: 's2' };
        i.sessions[0]!.unavailable = ['s2'];
      }).message,
    ).toBe('session a is pinned to hall at s2, but the session is unavailable at s2 (rule 4)');
  });

  it('rejects a pinned double session with no adjacent slot after the pin', () => {
    expect(problemAfter((i) => (i.sessions[2]!.pin = { room: 'hall', slot: 's3' }))).toMatchObject({
      code: 'pin-breaks-rule',
      message: 'session c is pinned to hall at s3, but 2 adjacent slots do not follow from s3 (rule 6)',
    });
  });

  it('rejects two pins in one place, overlapping pins, and a facilitator pinned twice at once', () => {
    const twoInOnePlace = problemAfter((i) => {
      i.sessions[0]!.pin = { room: 'hall', slot: 's1' };
      i.sessions[1]!.pin = { room: 'hall', slot: 's1' };
    });
    expect(twoInOnePlace).toEqual({ code: 'pin-clash', message: 'sessions a and b are both pinned to hall at overlapping times', ids: ['a', 'b'] });
    expect(
      problemAfter((i) => {
        i.sessions[2]!.pin = { room: 'hall', slot: 's1' };
        i.sessions[0]!.pin = { room: 'hall', slot: 's2' };
      }).ids,
    ).toEqual(['a', 'c']);
    expect(
      problemAfter((i) => {
        i.sessions[0]!.pin = { room: 'nook', slot: 's1' };
        i.sessions[1]!.facilitators = ['ana'];
        i.sessions[1]!.pin = { room: 'hall', slot: 's1' };
      }),
    ).toEqual({ code: 'pin-clash', message: 'ana facilitates both a and b, pinned at overlapping times', ids: ['ana', 'a', 'b'] });
  });

  it('rejects a length no day can hold', () => {
    expect(problemAfter((i) => (i.sessions[2]!.length = 4))).toEqual({
      code: 'length-cannot-fit',
      message: 'session c needs 4 adjacent slots, and no day has that many',
      ids: ['c'],
    });
  });

  it('makes solve throw with every problem attached', () => {
    const instance = valid();
    instance.attendees[0]!.wants.push('zz', 'yy');
    expect(() => solve(instance)).toThrow(InvalidInstanceError);
    expect(() => solve(instance)).toThrow('invalid instance: attendee u1 wants names unknown session "zz" (and 1 more)');
  });
});

import { describe, expect, it } from 'vitest';
import { idOfKind, parseSchedulerId, personIdOf, personKey, pitchIdOf, requireIdOfKind, roomKey, sessionKey, slotKey, walkInKey } from '../../src/pitches/scheduler-ids.ts';

describe('the scheduler’s ids', () => {
  it('name what each thing is with a letter and its row id', () => {
    expect([sessionKey(12), personKey(7), walkInKey(3), slotKey(40), roomKey(2)]).toEqual(['p12', 'u7', 'w3', 's40', 'r2']);
  });

  it('read back to what they were built from', () => {
    expect(parseSchedulerId(sessionKey(12))).toEqual({ kind: 'pitch', id: 12 });
    expect(parseSchedulerId(personKey(7))).toEqual({ kind: 'person', id: 7 });
    expect(parseSchedulerId(walkInKey(3))).toEqual({ kind: 'walkIn', id: 3 });
    expect(parseSchedulerId(slotKey(40))).toEqual({ kind: 'slot', id: 40 });
    expect(parseSchedulerId(roomKey(2))).toEqual({ kind: 'room', id: 2 });
    // A forgotten person's place in a published grid: a walk-in with no row.
    expect(parseSchedulerId(walkInKey(0))).toEqual({ kind: 'walkIn', id: 0 });
  });

  it('give a person or a pitch only for an id of that kind', () => {
    expect(personIdOf('u7')).toBe(7);
    expect(personIdOf('w7')).toBeNull();
    expect(pitchIdOf('p12')).toBe(12);
    expect(pitchIdOf('u12')).toBeNull();
    expect(idOfKind('room', 'r2')).toBe(2);
  });

  it('say a malformed id is none, rather than a NaN or a wrong number', () => {
    for (const malformed of ['', 'u', 'p', 'x12', 'p1.5', 'p-1', 'p012', 'p 12', 'P12', 'u12a', 'gone-1718000000000', '12']) {
      expect(parseSchedulerId(malformed), malformed).toBeNull();
      expect(pitchIdOf(malformed), malformed).toBeNull();
      expect(personIdOf(malformed), malformed).toBeNull();
    }
  });

  it('refuse, loudly, a malformed id where the scheduler must have given a well-formed one', () => {
    expect(requireIdOfKind('slot', 's40')).toBe(40);
    expect(() => requireIdOfKind('slot', 'gone-1718000000000')).toThrow('where a slot id was expected');
    expect(() => requireIdOfKind('pitch', 'r2')).toThrow('where a pitch id was expected');
  });
});

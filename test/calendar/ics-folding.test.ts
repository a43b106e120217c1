import ical from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { renderCalendar, withQuickFolding } from '../../src/calendar/ics.ts';

const long = (unit: string, times: number) => Array.from({ length: times }, () => unit).join(' ');

/** Calendars whose lines fold: long ASCII, accented letters, CJK, emoji (surrogate pairs) across the fold. */
function calendars() {
  const texts = [
    long('Open data for parish councils', 12),
    long('Café, crèche and Māori naïveté', 10),
    long('議会のオープンデータ', 20),
    long('🏕️ camp 👩🏽‍💻 pitch', 15),
    'x'.repeat(73) + 'é' + 'y'.repeat(80) + '😀'.repeat(40),
  ];
  return texts.map((text, i) => {
    const calendar = ical({ name: `Camp ${i}` });
    calendar.createEvent({ id: `session-${i}@campgrid.test`, start: new Date(Date.UTC(2027, 0, 23, 10)), end: new Date(Date.UTC(2027, 0, 23, 11)), stamp: new Date(Date.UTC(2027, 0, 1)), summary: text, description: `${text}\n\n${text}`, location: text });
    return calendar;
  });
}

describe('folding calendar lines quickly', () => {
  it('gives exactly the bytes ical-generator gives on its own, whatever the characters', () => {
    for (const calendar of calendars()) expect(withQuickFolding(() => calendar.toString())).toBe(calendar.toString());
  });

  it('keeps every line within 75 octets', () => {
    const text = renderCalendar({ name: 'Camp', description: long('Ça va 😀', 40) }, [
      { uid: 'a@campgrid.test', sequence: 0, start: 0, end: 3_600_000, summary: long('Zażółć gęślą jaźń', 10), description: long('議会', 60), location: 'Room 1', changedAt: 0 },
    ]);
    const lines = text.split('\r\n');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('puts TextEncoder back afterwards, even when rendering throws', () => {
    const before = globalThis.TextEncoder;
    expect(() =>
      withQuickFolding(() => {
        expect(globalThis.TextEncoder).not.toBe(before);
        throw new Error('broken');
      }),
    ).toThrow('broken');
    expect(globalThis.TextEncoder).toBe(before);
    expect(new TextEncoder().encode('é')).toEqual(new Uint8Array([0xc3, 0xa9]));
  });
});

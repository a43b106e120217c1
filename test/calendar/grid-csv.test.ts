import { describe, expect, it } from 'vitest';
import { gridCsv } from '../../src/calendar/grid-csv.ts';
import { parseCsv } from '../../src/csv.ts';
import { campV2 } from '../helpers/published-grid.ts';

describe('the grid as CSV', () => {
  it('lists the sessions in day and time order on the camp’s own clock, without cancelled ones', () => {
    const csv = gridCsv(campV2());
    expect(csv).toBe(
      '\uFEFFDay,Start,End,Room,Title,Facilitators\r\n' +
        '2026-10-24,10:00,10:45,Main Hall,Opening circle,Ada Okafor\r\n' +
        '2026-10-25,10:00,11:00,Main Hall,Digital inclusion,Dee Patel\r\n' +
        '2026-10-25,14:00,15:00,Main Hall,"Open data, maps; and other things","Bo Lind, Cy Morgan"\r\n',
    );
  });

  it('makes organiser-typed text that a spreadsheet would run as a formula inert', () => {
    const grid = campV2();
    grid.sessions[0] = { ...grid.sessions[0]!, title: '=HYPERLINK("http://evil.example","Click")', facilitators: [{ key: 'w1', name: '@SUM(1+1)' }], roomName: 'Hall "A"\nupstairs' };
    const [, first] = parseCsv(gridCsv(grid));
    expect(first).toEqual(['2026-10-24', '10:00', '10:45', 'Hall "A"\nupstairs', '\'=HYPERLINK("http://evil.example","Click")', "'@SUM(1+1)"]);
  });
});

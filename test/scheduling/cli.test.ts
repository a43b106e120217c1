import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../src/scheduling/index.ts';
import { camp, daySlots, room, session } from './camp.ts';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'campgrid-schedule-'));
const file = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

function schedule(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/scheduling/cli.ts', ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const instance: Instance = camp({
  rooms: [room('hall', 20), room('nook', 4)],
  slots: daySlots(2),
  sessions: [session('a', 'ana'), session('b', 'ben'), session('c', 'cat')],
  attendees: [{ id: 'u1', wants: ['a', 'b'] }],
});
const instancePath = file('camp.json', instance);

// Seven commands, each a node process with tsx, start at once: on a loaded machine that is slow.
describe.concurrent('the schedule command', { timeout: 90_000 }, () => {
  it('prints the result JSON for a valid instance', async () => {
    const { code, stdout, stderr } = await schedule(instancePath, '--time-limit-ms', '200', '--seed', '3');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.assignments).toHaveLength(3);
    expect(result.unscheduled).toEqual([]);
    expect(result.metrics).toEqual({ missed: 0, overflow: 0, moves: 0, score: 0, lowerBound: 0 });
    expect(typeof result.elapsedMs).toBe('number');
  });

  it('exits 2 with one line naming the problem for an invalid instance', async () => {
    const bad = file('bad.json', { ...instance, attendees: [{ id: 'u1', wants: ['zz'] }] });
    const { code, stdout, stderr } = await schedule(bad);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('schedule: invalid instance: attendee u1 wants names unknown session "zz"\n');
  });

  it('exits 2 for a file that is not JSON, or not there', async () => {
    const notJson = await schedule(file('broken.json', '{ "rooms": '));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^schedule: .*broken\.json is not valid JSON: .*\n$/);
    const missing = await schedule(join(dir, 'nowhere.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^schedule: cannot read .*nowhere\.json: ENOENT\n$/);
  });

  it('re-plans after a published room is gone, warning about it and about a session wanted twice', async () => {
    const replan = file('replan.json', {
      ...instance,
      attendees: [{ id: 'u1', wants: ['a', 'b', 'a'] }],
      previous: [{ session: 'c', room: 'attic', slot: 's1' }],
    });
    const { code, stdout, stderr } = await schedule(replan, '--iterations', '2000');
    expect(code).toBe(0);
    expect(stderr).toBe(
      'schedule: warning: attendee u1 wants session a more than once; counted once\n' +
        'schedule: warning: session c was published in room attic, which no longer exists; it has to move\n',
    );
    const result = JSON.parse(stdout);
    expect(result.metrics).toEqual({ missed: 0, overflow: 0, moves: 1, score: 10, lowerBound: 10 });
    expect(result.warnings).toHaveLength(2);
  });

  it('exits 2 on a bad option', async () => {
    const { code, stderr } = await schedule(instancePath, '--time-limit-ms', 'soon');
    expect(code).toBe(2);
    expect(stderr).toBe('schedule: --time-limit-ms needs a number ≥ 0\n');
  });

  it('scores a given grid, as a result object or a bare array', async () => {
    const grid = [
      { session: 'a', room: 'hall', slot: 's1' },
      { session: 'b', room: 'nook', slot: 's1' },
    ];
    const expected = { missed: 1, overflow: 0, moves: 0, score: 1 };
    const asResult = await schedule('--score', instancePath, file('result.json', { assignments: grid }));
    expect(asResult.code).toBe(0);
    expect(JSON.parse(asResult.stdout)).toEqual(expected);
    const asArray = await schedule('--score', instancePath, file('grid.json', grid));
    expect(JSON.parse(asArray.stdout)).toEqual(expected);
  });

  it('exits 2 naming the hard rule a scored grid breaks', async () => {
    const clash = file('clash.json', [
      { session: 'a', room: 'hall', slot: 's1' },
      { session: 'b', room: 'hall', slot: 's1' },
    ]);
    const { code, stdout, stderr } = await schedule('--score', instancePath, clash);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('schedule: grid breaks hard rule 1: sessions a and b share hall at overlapping times\n');
  });
});

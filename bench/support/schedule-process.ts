// The scheduler as an organiser's machine runs it: a fresh process through the command line,
// so start-up (Node, tsx, reading and checking the instance) counts in the time, and GNU time
// (/usr/bin/time, Debian's `time` package) reports the peak memory of that one process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Instance, ScheduleResult } from '../../src/scheduling/types.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ProcessRun {
  result: ScheduleResult;
  /** From spawning the process to its exit. */
  wallMs: number;
  maxRssMb: number;
}

export function scheduleInProcess(instance: Instance, timeLimitMs: number): ProcessRun {
  const folder = mkdtempSync(join(tmpdir(), 'campgrid-schedule-'));
  try {
    const file = join(folder, 'instance.json');
    writeFileSync(file, JSON.stringify(instance));
    const began = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', 'maxrss-kb %M', process.execPath, '--import', 'tsx', join(root, 'src/scheduling/cli.ts'), file, '--time-limit-ms', String(timeLimitMs)], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = Math.round(performance.now() - began);
    const rss = /maxrss-kb (\d+)/.exec(run.stderr ?? '');
    if (run.status !== 0 || !rss) throw new Error(`schedule process failed (${run.error?.message ?? `status ${run.status}`}): ${run.stderr}`);
    return { result: JSON.parse(run.stdout) as ScheduleResult, wallMs, maxRssMb: Math.round(Number(rss[1]) / 1024) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

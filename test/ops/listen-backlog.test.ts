import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../../bench/support/server-process.ts';

/** A listening socket's accept queue as the kernel has it (ss prints it as Send-Q). */
function backlogOf(port: number): number {
  const line = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
  return Number(line.split(/\s+/)[2]);
}

describe('the real server on release day', () => {
  it('lets thousands of new connections wait to be accepted, not Node’s default 511, past which the kernel drops them and browsers retry a second later', async () => {
    const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
    const dir = mkdtempSync(join(tmpdir(), 'campgrid-backlog-'));
    const server = await startServerProcess({ databasePath: join(dir, 'c.db') });
    try {
      expect(backlogOf(server.port)).toBe(Math.min(4096, somaxconn));
    } finally {
      await server.stop('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

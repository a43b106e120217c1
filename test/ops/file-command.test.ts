import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { runFileCommand } from '../../src/commands/file-command.ts';

/** How backup and restore answer an operator: the exit code and the one line each, never a stack trace. */
describe('an operator’s command that takes one file', () => {
  let said: MockInstance;
  const env = { NODE_ENV: 'test', DATABASE_PATH: '/srv/campgrid/campgrid.db' };
  const usage = 'usage: npm run backup -- FILE';
  beforeEach(() => {
    said = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => said.mockRestore());

  it('acts on the file, made absolute, with the configuration, and exits 0', async () => {
    const act = vi.fn();
    expect(await runFileCommand('backup', usage, ['tonight.db'], act, env)).toBe(0);
    expect(act).toHaveBeenCalledWith(resolve('tonight.db'), expect.objectContaining({ databasePath: '/srv/campgrid/campgrid.db' }));
    expect(said).not.toHaveBeenCalled();
  });

  it('shows the usage and exits 2 for no file, two files or an option, without acting', async () => {
    const act = vi.fn();
    for (const args of [[], ['a.db', 'b.db'], ['--help']]) expect(await runFileCommand('backup', usage, args, act, env)).toBe(2);
    expect(act).not.toHaveBeenCalled();
    expect(said.mock.calls).toEqual([[usage], [usage], [usage]]);
  });

  it('says what is wrong with the configuration and exits 2', async () => {
    const act = vi.fn();
    expect(await runFileCommand('restore', usage, ['x.db'], act, { NODE_ENV: 'production' })).toBe(2);
    expect(act).not.toHaveBeenCalled();
    expect(said).toHaveBeenCalledTimes(1);
    expect(said.mock.calls[0]![0]).not.toMatch(/^restore:/);
  });

  it('turns a refusal or any failure into one line naming the command, and exits 1', async () => {
    const refused = () => {
      throw new Error('the database is in use; stop the server first');
    };
    const diskFull = async () => {
      throw new Error('ENOSPC: no space left on device');
    };
    expect(await runFileCommand('restore', usage, ['x.db'], refused, env)).toBe(1);
    expect(await runFileCommand('backup', usage, ['x.db'], diskFull, env)).toBe(1);
    expect(said.mock.calls).toEqual([['restore: the database is in use; stop the server first'], ['backup: ENOSPC: no space left on device']]);
  });
});

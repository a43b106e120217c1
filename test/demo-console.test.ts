import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * `npm run demo` as a newcomer runs it: the README and the demo's own console promise that a
 * sign-in link asked for on its pages is printed on the console, though the demo logs only warnings.
 */
describe('the demo on the console', () => {
  let dir: string;
  let demo: ChildProcess;
  let output = '';
  let address = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'campgrid-demo-console-'));
    const port = await freePort();
    address = `http://127.0.0.1:${port}`;
    const { SMTP_URL: _smtp, LOG_LEVEL: _level, ...env } = process.env;
    demo = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      env: { ...env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), BASE_URL: address, DEMO_DATABASE_PATH: join(dir, 'demo.db'), MAIL_POLL_SECONDS: '0.2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      demo.stdout!.on('data', () => output.includes('Campgrid demo is running at') && resolve());
      demo.on('exit', (code) => reject(new Error(`the demo stopped (${code}):\n${output}`)));
    });
  }, 120_000);
  afterAll(() => {
    demo?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the organiser’s one-time link when it starts', () => {
    expect(output).toMatch(new RegExp(`Sign in as its organiser: ${address}/sign-in/\\S+`));
  });

  it('prints a sign-in link that a visitor asks for on its sign-in page', async () => {
    const form = await fetch(`${address}/sign-in`);
    const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const sent = await fetch(`${address}/sign-in`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email: 'newcomer@example.org' }).toString(),
      redirect: 'manual',
    });
    expect(sent.status).toBeLessThan(400);
    await expect.poll(() => output, { timeout: 20_000 }).toMatch(new RegExp(`mail to newcomer@example.org: "[^"]*" written to [^\\n]+\\n  ${address}/sign-in/\\S+`));
  });
});

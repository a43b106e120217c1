// The floor the page benchmark compares against: Fastify (the app's own copy and version) with
// one route answering a constant string, nothing else registered. Run as its own process by
// startBaselineServer below; prints "listening PORT" once ready.
// The same V8 settings as the server it is compared with (src/v8-settings.ts).
import '../../src/v8-settings.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { freePort } from './server-process.ts';

export const baselineBody = 'Hello from a camp\n';

export interface BaselineServer {
  child: ChildProcess;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts this file as a child process on a free loopback port and waits until it answers. */
export async function startBaselineServer(timeoutMs = 30_000): Promise<BaselineServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', BASELINE_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (!printed.includes('listening')) {
    if (gone) throw new Error(`the baseline server exited before it was ready:\n${printed}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the baseline server was not ready within ${timeoutMs} ms:\n${printed}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      if (!gone) child.kill('SIGTERM');
      await exited;
    },
  };
}

// Run directly (as the child): serve the one route.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.env.BASELINE_PORT) {
  const app = Fastify({ logger: false });
  app.get('/', async (_request, reply) => reply.type('text/plain; charset=utf-8').send(baselineBody));
  await app.listen({ port: Number(process.env.BASELINE_PORT), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  console.log(`listening ${process.env.BASELINE_PORT}`);
}

import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/open.ts';
import { testNow } from './app.ts';
import { copyOf, demoWithoutGrid } from './demo-template.ts';

export interface ListeningDemo {
  app: FastifyInstance;
  db: Database;
  /** Where the server listens, like http://127.0.0.1:40123. */
  address: string;
  clock: FixedClock;
  /** Every log line the app has written, parsed (it logs each request at `info`). */
  lines: Array<{ msg: string; reqId?: string }>;
}

/**
 * For a describe block: the demo camp (without a grid) on a real listening server, logging each
 * request, started before its tests and closed after them. The front door exists only on a
 * real server: app.inject goes straight to the framework. Read the fields inside the tests.
 */
export function listeningDemo(): ListeningDemo {
  const demo = { clock: new FixedClock(testNow), lines: [] } as unknown as ListeningDemo;
  beforeAll(async () => {
    demo.db = openDatabase(copyOf(demoWithoutGrid()));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: demo.db.$client.name, LOG_LEVEL: 'info', BASE_URL: 'http://campgrid.test' });
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) demo.lines.push(JSON.parse(line) as { msg: string });
        done();
      },
    });
    demo.app = await buildApp(config, { db: demo.db, clock: demo.clock, startMail: false, logStream });
    demo.address = await demo.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await demo.app.close();
    demo.db.$client.close();
  });
  return demo;
}

import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/app.ts';

/** A raw connection to the listening server, keeping everything it answers and when it closed. */
async function rawClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString()));
  const opened = Date.now();
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
  socket.on('error', () => {});
  return { socket, closed, answer: () => answer };
}

/** Writes a little every 200 ms until the server closes the connection. */
function trickle(socket: Socket, piece: string): () => void {
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(piece);
  }, 200);
  socket.once('close', () => clearInterval(timer));
  return () => clearInterval(timer);
}

/**
 * The real server on a real port, its limits shortened (1 s for headers, 2 s for a request, 1 s
 * kept alive) so the test is quick; production has 10 s, 30 s and 5 s.
 */
describe('slow clients on a real listening socket', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await makeApp({ HEADERS_TIMEOUT_SECONDS: '1', REQUEST_TIMEOUT_SECONDS: '2', UPLOAD_TIMEOUT_SECONDS: '20', KEEP_ALIVE_SECONDS: '1' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => t.close());

  it('are cut off when their headers come too slowly, not held for Node’s minute and more', async () => {
    const client = await rawClient(port);
    client.socket.write('GET / HTTP/1.1\r\nHost: campgrid.test\r\n');
    trickle(client.socket, 'X-Slow: y\r\n');
    expect(await client.closed).toBeLessThan(4_000);
    expect(client.answer()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('are cut off when a form’s body comes too slowly', async () => {
    const client = await rawClient(port);
    client.socket.write('POST /sign-in HTTP/1.1\r\nHost: campgrid.test\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nemail=');
    trickle(client.socket, 'a');
    expect(await client.closed).toBeLessThan(5_000);
    expect(client.answer()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('let an upload take longer than an ordinary request', async () => {
    const client = await rawClient(port);
    const boundary = 'campgridslowupload';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="organisationName"\r\n\r\n${'x'.repeat(30)}\r\n--${boundary}--\r\n`;
    client.socket.write(`POST /events/no-such-camp/sponsor HTTP/1.1\r\nHost: campgrid.test\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n\r\n`);
    // The body comes over three seconds, past the ordinary two-second limit.
    for (let i = 0; i < body.length; i += 10) {
      client.socket.write(body.slice(i, i + 10));
      await new Promise((resolve) => setTimeout(resolve, 3_000 / (body.length / 10)));
    }
    await client.closed;
    expect(client.answer()).toMatch(/^HTTP\/1\.1 403 /);
  });

  it('keep an idle connection open only briefly after answering', async () => {
    const client = await rawClient(port);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: campgrid.test\r\n\r\n');
    expect(await client.closed).toBeLessThan(4_000);
    expect(client.answer()).toMatch(/^HTTP\/1\.1 200 /);
    expect(client.answer()).toMatch(/Keep-Alive: timeout=1/i);
  });
});

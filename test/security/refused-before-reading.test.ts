import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { signedInAgent, person } from '../helpers/people.ts';
import { publishedCamp } from '../helpers/tickets.ts';

/**
 * Sends the headers of a large upload and only the first bytes of its body, then waits for an
 * answer. A route that checks who is asking before it reads the body answers at once; one that
 * reads first would wait for megabytes that never come.
 */
function startUpload(address: string, path: string, cookie = ''): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${address}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz', 'content-length': String(16 * 1_048_576), cookie },
    });
    request.on('response', (response) => {
      resolve({ status: response.statusCode ?? 0, location: response.headers.location });
      response.resume();
      request.destroy();
    });
    request.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
    request.setTimeout(5_000, () => reject(new Error('no answer: the server is waiting for the body')));
    request.write('--xyz\r\nContent-Disposition: form-data; name="csvFile"; filename="a.csv"\r\n\r\nFirst Name');
  });
}

describe('organiser routes refuse people before reading what they send', () => {
  let t: TestApp;
  let address: string;
  beforeAll(async () => {
    t = await makeApp();
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    publishedCamp(t.db, t.clock.now());
  });
  afterAll(async () => t.close());

  it('sends a visitor to sign in, and refuses someone outside the team, without waiting for a 16 MB upload', async () => {
    const path = '/organise/events/localgovcamp-2027/attendees/import';
    expect(await startUpload(address, path)).toMatchObject({ status: 303, location: '/sign-in?next=%2Fme' });
    const outsider = await signedInAgent(t.app, person(t.db, 'outsider@example.org'));
    expect(await startUpload(address, path, outsider.cookieHeader)).toMatchObject({ status: 403 });
    expect(await startUpload(address, '/organise/events/no-such-camp/attendees/import', outsider.cookieHeader)).toMatchObject({ status: 404 });
  });
});

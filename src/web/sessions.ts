import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { SignedInPerson } from './context.ts';

export const sessionCookie = 'campgrid_session';

export interface SessionOptions {
  /** Who a session token belongs to, if it is still current (the people area answers). */
  personForSession: (token: string) => SignedInPerson | undefined;
}

/** Reads the signed session cookie on every request and puts the person on `request.person`. */
export const sessions = fp(
  async (app: FastifyInstance, { personForSession }: SessionOptions) => {
    // The plugin's own hook would parse cookies in a hook of its own and make a Map for each
    // reply; the session hook below parses them itself, and the plugin makes its Map only when
    // a reply sets a cookie.
    await app.register(fastifyCookie, { secret: app.campgrid.config.sessionSecret, hook: false });
    app.decorateRequest('person', null);
    app.decorateRequest('sessionToken', null);
    app.addHook('onRequest', (request, _reply, done) => {
      const header = request.headers.cookie;
      request.cookies = header ? app.parseCookie(header) : {};
      const raw = request.cookies[sessionCookie];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      const person = unsigned?.valid && unsigned.value ? personForSession(unsigned.value) : undefined;
      if (person) {
        request.person = person;
        request.sessionToken = unsigned!.value;
      }
      done();
    });
  },
  { name: 'campgrid-sessions' },
);

export function secureCookies(baseUrl: string): boolean {
  return baseUrl.startsWith('https://');
}

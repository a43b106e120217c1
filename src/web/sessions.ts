import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { endBrowserSession, personForSession, sessionLifetimeMs } from '../people/sign-in.ts';

export const sessionCookie = 'campgrid_session';

/** Reads the signed session cookie on every request and puts the person on `request.person`. */
export const sessions = fp(
  async (app: FastifyInstance) => {
    const { config, db, clock } = app.campgrid;
    await app.register(fastifyCookie, { secret: config.sessionSecret });
    app.decorateRequest('person', null);
    app.decorateRequest('sessionToken', null);
    app.addHook('onRequest', (request, _reply, done) => {
      const raw = request.cookies[sessionCookie];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      const person = unsigned?.valid && unsigned.value ? personForSession(db, clock, unsigned.value) : undefined;
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

/** Gives the browser a new session cookie; a new token at every sign-in stops session fixation. */
export function setSessionCookie(reply: FastifyReply, token: string, baseUrl: string): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(baseUrl),
    signed: true,
    maxAge: sessionLifetimeMs / 1000,
  });
}

export function signOut(app: FastifyInstance, token: string | null, reply: FastifyReply): void {
  if (token) endBrowserSession(app.campgrid.db, token);
  reply.clearCookie(sessionCookie, { path: '/' });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { secureCookies, sessionCookie } from '../web/sessions.ts';
import { endBrowserSession, sessionLifetimeMs } from './sign-in.ts';

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

import CsrfTokens from '@fastify/csrf';
import fastifyCsrf from '@fastify/csrf-protection';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { Config } from '../config.ts';
import { secureRandomBytes } from '../random.ts';
import { secureCookies } from './sessions.ts';

// Each visitor's CSRF secret is 18 bytes from the secure random source, as @fastify/csrf makes
// it, but drawn from Campgrid's pool (random.ts) rather than by a call to the source for each:
// that call was about a fiftieth of a registration's CPU in a rush, where every visitor opens the
// register page and gets a secret. The plugin offers no way to pass a generator in.
CsrfTokens.prototype.secretSync = function secretSync(this: { secretLength: number }): string {
  return secureRandomBytes(this.secretLength).toString('base64url');
};

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The site's security headers (securityHeadersFor, worked out once by the app, which the front
 * door sends too) on every answer, CSRF checks on every state-changing request, and the rate
 * limiter that routes opt into.
 */
export const security = fp(
  async (app: FastifyInstance, { securityHeaders }: { securityHeaders: Record<string, string> }) => {
    const { config } = app.campgrid;
    const https = secureCookies(config.baseUrl);
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(securityHeaders);
      // Every response names its request too, so a visitor's report can be matched to the log.
      reply.header('x-request-id', request.id);
      done();
    });
    await app.register(fastifyCsrf, {
      cookieKey: csrfCookie,
      cookieOpts: { ...csrfCookieAttributes(https), signed: true },
      getToken: (request) => {
        const body = request.body as Record<string, unknown> | undefined;
        // Multipart forms (uploads) arrive with each field as { value }, not a bare string.
        const field = body?._csrf;
        const fromBody =
          typeof field === 'string' ? field : field && typeof field === 'object' && typeof (field as { value?: unknown }).value === 'string' ? (field as { value: string }).value : undefined;
        const fromHeader = request.headers['x-csrf-token'];
        return fromBody ?? (typeof fromHeader === 'string' ? fromHeader : undefined);
      },
    });
    // After body parsing, so the token in the form body can be read; on the routes that take a
    // state-changing method only, first of their own checks, so a GET pays nothing for it.
    const checkCsrf: preHandlerHookHandler = (request, reply, done) => {
      if (safeMethods.has(request.method)) return done();
      app.csrfProtection(request, reply, done);
    };
    app.addHook('onRoute', (route) => {
      if ([route.method].flat().some((method) => !safeMethods.has(method))) route.preHandler = [checkCsrf, ...[route.preHandler ?? []].flat()];
    });
    await app.register(fastifyRateLimit, { global: false });
  },
  { name: 'campgrid-security', dependencies: ['campgrid-sessions'] },
);

const csrfCookie = 'campgrid_csrf';
const csrfCookieAttributes = (https: boolean) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: https });

/**
 * A new visitor's CSRF secret, as its signed cookie (a Set-Cookie value) and a token for it:
 * what the plugin's reply.generateCsrf() makes for a visitor who has no secret yet, for answers
 * made before the framework (web/form-pages.ts). The plugin checks them like its own when the
 * form comes back: the same cookie, signed with the same key, and a token made the same way.
 * Call it once the app is ready (the cookie serialiser loads as the app starts).
 */
export function newVisitorCsrf(app: FastifyInstance): () => { setCookie: string; token: string } {
  const tokens = CsrfTokens();
  const attributes = csrfCookieAttributes(secureCookies(app.campgrid.config.baseUrl));
  return () => {
    const secret = tokens.secretSync();
    return { setCookie: app.serializeCookie(csrfCookie, app.signCookie(secret), attributes), token: tokens.create(secret) };
  };
}

/**
 * The security headers every response carries. helmet says which; they are the same for every
 * response (no nonces), so they are worked out once and each response gets them from a plain
 * object, in the one write of its headers, rather than helmet's middleware setting each of them
 * on every request. The kept public pages (web/page-cache.ts, and so the front door) list the
 * same headers.
 */
export function securityHeadersFor(config: Config): Record<string, string> {
  const https = secureCookies(config.baseUrl);
  return headersSetBy(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          ...(https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
}

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** The headers a middleware sets on a response, found by running it once on a response that goes nowhere. */
function headersSetBy(middleware: Middleware): Record<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  middleware(request, response, (error) => {
    if (error) throw error;
  });
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]));
}

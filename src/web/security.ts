import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { secureCookies } from './sessions.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Security headers with a strict Content-Security-Policy (no inline script or style anywhere),
 * CSRF checks on every state-changing request, and the rate limiter that routes opt into.
 */
export const security = fp(
  async (app: FastifyInstance) => {
    const { config } = app.campgrid;
    const https = secureCookies(config.baseUrl);
    // helmet's middleware is built once here and applied to every response. (@fastify/helmet
    // rebuilt it, parsing the policy again, on every request.)
    const securityHeaders = helmet({
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
    });
    app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
    await app.register(fastifyCsrf, {
      cookieKey: 'campgrid_csrf',
      cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: https, signed: true },
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
    // After body parsing, so the token in the form body can be read.
    app.addHook('preHandler', (request, reply, done) => {
      if (safeMethods.has(request.method)) return done();
      app.csrfProtection(request, reply, done);
    });
    await app.register(fastifyRateLimit, { global: false });
  },
  { name: 'campgrid-security', dependencies: ['campgrid-sessions'] },
);

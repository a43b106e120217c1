import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * What a route takes from its address and query string is declared with zod schemas
 * (`schema: { params, querystring }`), checked by Fastify before the handler runs, and typed in
 * the handler through this instance type. Form bodies are not declared here: a form that is
 * wrong is shown again with what was typed (web/forms.ts), never refused.
 */
export type TypedApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** A positive whole number in the address (a day's, a room's id); anything else is a page that does not exist. */
export const id = z.string().regex(/^\d{1,12}$/).transform(Number);

/** Routes under /events/:slug and /organise/events/:slug. */
export const slugParams = z.object({ slug: z.string() });
/** Secret links (manage a ticket, sign in, a sponsor's page, a private feed). */
export const tokenParams = z.object({ token: z.string() });

/** A query value given once, or not at all: `?day=a&day=b` is a request that was not right (400). */
export const oneValue = z.string().optional();

/** The key a form leaves in ?done= after POST → 303 → GET, which the page shows as its success banner. */
export const doneQuery = z.object({ done: oneValue });

/**
 * What each area says once a form has done its work, by the key it redirects with. A key the
 * area does not know (typed by hand, or left from an old link) shows no banner.
 */
export type DoneMessages = Readonly<Record<string, string>>;

/** The success banner's text for a done key, or undefined for no banner. */
export function doneBanner(messages: DoneMessages, done: string | undefined): string | undefined {
  return done !== undefined && Object.hasOwn(messages, done) ? messages[done] : undefined;
}

/**
 * A request whose address or query string did not match its route's schema: a wrong id in the
 * address is a page that does not exist (404); a wrong query or body is a request that was not
 * right (400). Used by the error handler, the one place these are answered.
 */
export function statusForInvalidInput(error: FastifyError): number | undefined {
  if (!error.validation) return undefined;
  return error.validationContext === 'params' ? 404 : 400;
}

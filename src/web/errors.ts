import { validateHeaderValue } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { statusForInvalidInput } from './input.ts';

interface ErrorPage {
  status: number;
  title: string;
  message: string;
}

function pageFor(error: FastifyError): ErrorPage {
  const status = statusForInvalidInput(error) ?? error.statusCode ?? 500;
  if (error.code?.startsWith('FST_CSRF')) {
    return { status: 403, title: 'This form has expired', message: 'For your security, forms stop working after a while or when opened in another browser. Go back, reload the page and try again.' };
  }
  if (status === 404) return { status, title: 'Page not found', message: 'If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.' };
  if (status === 403) return { status, title: 'You do not have access to this page', message: 'Sign in with the email address that has access, or ask the event’s organisers to add you to the team.' };
  if (status === 429) return { status, title: 'Too many attempts', message: 'You have tried this too many times in a short while. Wait a few minutes, then try again.' };
  if (status === 413) return { status, title: 'That was too large', message: 'What you sent is larger than we accept. Try again with less.' };
  if (status >= 400 && status < 500) return { status: 400, title: 'Something in that request was not right', message: 'Go back and try again. If it keeps happening, contact the event’s organisers.' };
  return { status: 500, title: 'Sorry, there is a problem with the service', message: 'Try again later. Nothing you saved before this has been lost.' };
}

/** Headers set before the failure (a redirect's Location above all) have no place on an error page. */
function clearHeadersForErrorPage(reply: FastifyReply): void {
  reply.removeHeader('location');
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    try {
      validateHeaderValue(name, String(value));
    } catch {
      reply.removeHeader(name);
    }
  }
}

export async function renderErrorPage(reply: FastifyReply, page: ErrorPage): Promise<void> {
  reply.code(page.status).header('cache-control', 'no-store');
  if (!reply.locals) reply.locals = { errors: {}, values: {}, person: null };
  await reply.view('errors/error.eta', { title: page.title, message: page.message, status: page.status });
}

/** Only a request that asked for JSON (the interest button's script) is answered in JSON. */
const askedForJson = (request: FastifyRequest) => (request.headers.accept ?? '').includes('application/json');

/** The page in its plainest form, for when even the site's layout cannot be rendered. */
const plainPage = (page: ErrorPage) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${page.title}</title></head><body><h1>${page.title}</h1><p>${page.message}</p><p><a href="/">Go to the list of camps</a></p></body></html>`;

/** 404 and error pages in the site's look; visitors never see a stack trace. */
export const errorPages = fp(
  async (app: FastifyInstance) => {
    app.setNotFoundHandler(async (_request: FastifyRequest, reply: FastifyReply) => {
      await renderErrorPage(reply, pageFor({ statusCode: 404 } as FastifyError));
    });
    app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const page = pageFor(error);
      if (page.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: error.code, status: page.status }, error.message);
      clearHeadersForErrorPage(reply);
      if (page.status === 429) reply.header('retry-after', '300');
      if (askedForJson(request)) return reply.code(page.status).header('cache-control', 'no-store').send({ error: page.title });
      try {
        await renderErrorPage(reply, page);
      } catch (renderError) {
        request.log.error({ err: renderError }, 'error page failed');
        return reply.code(page.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(plainPage(page));
      }
    });
  },
  { name: 'campgrid-errors', dependencies: ['campgrid-views'] },
);

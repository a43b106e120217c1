import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from '../config.ts';

/** Anything that looks like an email address, wherever it appears in a line. */
const emailPattern = /[^\s@/?&=<>"'(),;:]+(?:@|%40)[^\s@/?&=<>"'(),;:]+\.[^\s@/?&=<>"'(),;:]+/gi;

/** Replaces every email address in a string with `[email]`. */
export function redactEmails(text: string): string {
  return text.replace(emailPattern, '[email]');
}

/** An incoming X-Request-Id is kept only if it is short and plain, so it cannot forge log lines. */
const safeRequestId = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && safeRequestId.test(incoming) ? incoming : randomUUID();
}

/**
 * Pino's options for Campgrid: structured JSON lines with each request's id, the session cookie
 * never logged, and (outside development) no email addresses in URLs, messages or errors,
 * since request logs are kept longer than the privacy notice allows personal data to be.
 */
export function loggerOptions(config: Config, stream?: DestinationStream): FastifyServerOptions['logger'] {
  const redact = config.env !== 'development';
  const scrub = (s: string): string => (redact ? redactEmails(s) : s);
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    redact: ['req.headers.cookie', 'req.headers.authorization'],
    serializers: {
      req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({
        method: req.method,
        url: scrub(req.url),
        host: req.hostname,
        remoteAddress: req.ip,
      }),
      err: (err: Error & { code?: string; statusCode?: number }) => ({
        type: err.name,
        message: scrub(err.message),
        stack: scrub(err.stack ?? ''),
        ...(err.code ? { code: err.code } : {}),
        ...(err.statusCode ? { statusCode: err.statusCode } : {}),
      }),
    },
    hooks: {
      // Every message string passes through here, whatever logged it.
      logMethod(args, method) {
        if (redact) {
          // log.error(err) alone makes err.message the line's message: give it a redacted one.
          if (args.length === 1 && (args[0] as unknown) instanceof Error) args.push((args[0] as unknown as Error).message);
          for (let i = 0; i < args.length; i++) if (typeof args[i] === 'string') args[i] = scrub(args[i] as string);
        }
        return method.apply(this, args as Parameters<typeof method>);
      },
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { pino, type DestinationStream } from 'pino';
import type { Config } from '../config.ts';

/** Anything that looks like an email address, wherever it appears in a line. */
const emailPattern = /[^\s@/?&=<>"'(),;:]+(?:@|%40)[^\s@/?&=<>"'(),;:]+\.[^\s@/?&=<>"'(),;:]+/gi;

/** Replaces every email address in a string with `[email]`. */
export function redactEmails(text: string): string {
  return text.replace(emailPattern, '[email]');
}

/** Route parameters that hold a secret: whoever has one can act as the person it was sent to. */
const secretParam = /^:(token|key|secret)\b/;
const escapeForPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The secret parts of tokened addresses (sign-in links, manage links, sponsors' links, feeds),
 * learnt from the route table as routes are added, so a tokened route added later is redacted
 * without anyone remembering to list it. Access codes in a query string are secrets too.
 */
export class SecretPaths {
  private readonly patterns = new Map<string, RegExp>();
  private readonly fixed = new Set<string>();
  /** How many addresses it has been told of, so what was redacted before one came can be redacted again. */
  learnt = 0;

  /** Takes note of one route's address, e.g. `/tickets/:id/:token/details`. */
  learn(url: string): void {
    this.learnt++;
    const segments = url.split('/');
    const at = segments.findIndex((segment) => secretParam.test(segment));
    if (at === -1) {
      this.fixed.add(url);
      return;
    }
    const before = segments
      .slice(0, at)
      .map((segment) => (segment.startsWith(':') ? '[^/?#\\s"\']+' : escapeForPattern(segment)))
      .join('/');
    if (!this.patterns.has(before)) this.patterns.set(before, new RegExp(`(${before}/)([^/?#.\\s"'<>]+)`, 'g'));
  }

  /** The text with every secret in a tokened address replaced by `[secret]`. */
  redact(text: string): string {
    let redacted = text.replace(/([?&](?:code|token)=)[^&#\s"']+/gi, '$1[secret]');
    for (const pattern of this.patterns.values()) {
      // A fixed page beside a tokened one (/sign-in/sent beside /sign-in/:token) is no secret.
      redacted = redacted.replace(pattern, (whole, path: string, secret: string) => (this.fixed.has(path + secret) ? whole : `${path}[secret]`));
    }
    return redacted;
  }
}

/**
 * One log line per request, when it is answered, saying who asked for what and what they got,
 * rather than Fastify's two ('incoming request', then 'request completed' without the address):
 * each line costs a request as much as the rest of a kept page's answer.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type Bindings = Record<string, unknown>;
type PinoLogger = FastifyBaseLogger & { isLevelEnabled(level: string): boolean };

/**
 * Each request's logger (its id bound into every line), made only when the request logs
 * something at a level the site writes. At `warn`, a busy site's usual level, most requests log
 * nothing, and making pino's child logger for each of them anyway (its bindings serialised) was
 * a tenth of what /healthz cost.
 */
export class RequestLogger {
  private made: PinoLogger | undefined;

  constructor(
    private readonly parent: PinoLogger,
    private readonly bindings: Bindings,
  ) {}

  private get logger(): PinoLogger {
    return (this.made ??= this.parent.child(this.bindings) as PinoLogger);
  }

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger.level = level;
  }

  private write(level: Level, args: unknown[]): void {
    if (!this.made && !this.parent.isLevelEnabled(level)) return;
    (this.logger[level] as (...args: unknown[]) => void)(...args);
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  isLevelEnabled(level: string): boolean {
    return (this.made ?? this.parent).isLevelEnabled(level);
  }

  child(bindings: Bindings, options?: object): FastifyBaseLogger {
    return this.logger.child(bindings, options);
  }
}

/**
 * Fastify's childLoggerFactory: a RequestLogger for each request, or pino's own child where a
 * route sets its own level or serializers (none does today).
 */
export function requestLoggerFor(logger: FastifyBaseLogger, bindings: Bindings, options: { level?: string; serializers?: unknown }): FastifyBaseLogger {
  if (options.level || options.serializers || typeof (logger as Partial<PinoLogger>).isLevelEnabled !== 'function') return logger.child(bindings, options as object);
  return new RequestLogger(logger as PinoLogger, bindings) as unknown as FastifyBaseLogger;
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
 * since request logs are kept longer than the privacy notice allows personal data to be, and
 * no secret from a tokened address, since whoever reads the log could use it.
 */
export function loggerOptions(config: Config, stream?: DestinationStream, secrets = new SecretPaths()): FastifyServerOptions['logger'] {
  const redact = config.env !== 'development';
  // The same addresses and messages come round again and again, and scrubbing one runs a
  // pattern per tokened route: short strings are scrubbed once and remembered (a few thousand
  // at most, forgotten whenever a route is added).
  const scrubbed = new Map<string, string>();
  let routesKnown = secrets.learnt;
  const scrub = (s: string): string => {
    if (!redact) return s;
    if (s.length > 300) return secrets.redact(redactEmails(s));
    if (routesKnown !== secrets.learnt || scrubbed.size >= 4096) {
      scrubbed.clear();
      routesKnown = secrets.learnt;
    }
    let clean = scrubbed.get(s);
    if (clean === undefined) scrubbed.set(s, (clean = secrets.redact(redactEmails(s))));
    return clean;
  };
  return {
    level: config.logLevel,
    // Standard output written asynchronously: lines logged while a write is under way go out
    // together in the next one, so a busy minute costs a few writes rather than one per line;
    // pino flushes what is left when the process exits.
    stream: stream ?? pino.destination({ dest: 1, sync: false }),
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

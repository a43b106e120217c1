import { z } from 'zod';

/** Every setting Campgrid reads from the environment, with its default. The README documents each. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BASE_URL: z.url().optional(),
  DATABASE_PATH: z.string().min(1).default('./data/campgrid.db'),
  DATA_DIR: z.string().min(1).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('Campgrid <campgrid@localhost>'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAIL_POLL_SECONDS: z.coerce.number().positive().default(10),
  JOB_SECONDS: z.coerce.number().positive().default(30),
  REGISTRATIONS_PER_IP_PER_MINUTE: z.coerce.number().int().positive().default(30),
  LISTEN_BACKLOG: z.coerce.number().int().min(1).max(65535).default(4096),
  HEADERS_TIMEOUT_SECONDS: z.coerce.number().positive().default(10),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  UPLOAD_TIMEOUT_SECONDS: z.coerce.number().positive().default(300),
  KEEP_ALIVE_SECONDS: z.coerce.number().positive().default(5),
  UPLOAD_SPACE_MB: z.coerce.number().positive().default(500),
  SPONSOR_SIGN_UPS_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(10),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  baseUrl: string;
  databasePath: string;
  /** Where uploads and file-delivered mail live; defaults to the database's folder. */
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  trustProxy: boolean;
  logLevel: string;
  mailPollMs: number;
  /** How often timed work runs: ballots, expiring offers, waves, reminders, deletions. */
  jobSeconds: number;
  registrationsPerIpPerMinute: number;
  /**
   * How many new connections may wait to be accepted. On release day thousands arrive at once;
   * past Node's default of 511 the kernel drops them and browsers wait a second or more to try
   * again. The kernel caps it at net.core.somaxconn.
   */
  listenBacklog: number;
  /**
   * How long a client may take: to send its headers, its whole request (uploads have longer),
   * and how long an idle kept-alive connection stays open.
   */
  timeouts: { headersMs: number; requestMs: number; uploadMs: number; keepAliveMs: number };
  /** The most the uploads folder (sponsors' logos) may hold. */
  uploadSpaceBytes: number;
  /** Public sponsor sign-ups one requester may make in an hour (each sends an email). */
  sponsorSignUpsPerIpPerHour: number;
  /** Sign-in link and registration rate limits: attempts per window. */
  rateLimits: { signInPerAddressPerHour: number; signInPerIpPerHour: number };
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; nothing else in Campgrid touches process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration: SESSION_SECRET is required in production');
  }
  const databasePath = e.DATABASE_PATH;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databasePath,
    dataDir: e.DATA_DIR ?? dirnameOf(databasePath),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    // A development secret is fine: sessions simply don't survive a change of it.
    sessionSecret: e.SESSION_SECRET ?? 'campgrid-development-secret-do-not-use-in-production',
    trustProxy: e.TRUST_PROXY === 'true',
    logLevel: e.LOG_LEVEL,
    mailPollMs: e.MAIL_POLL_SECONDS * 1000,
    jobSeconds: e.JOB_SECONDS,
    registrationsPerIpPerMinute: e.REGISTRATIONS_PER_IP_PER_MINUTE,
    listenBacklog: e.LISTEN_BACKLOG,
    timeouts: {
      headersMs: e.HEADERS_TIMEOUT_SECONDS * 1000,
      requestMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
      uploadMs: Math.max(e.UPLOAD_TIMEOUT_SECONDS, e.REQUEST_TIMEOUT_SECONDS, e.HEADERS_TIMEOUT_SECONDS) * 1000,
      keepAliveMs: e.KEEP_ALIVE_SECONDS * 1000,
    },
    uploadSpaceBytes: Math.round(e.UPLOAD_SPACE_MB * 1_048_576),
    sponsorSignUpsPerIpPerHour: e.SPONSOR_SIGN_UPS_PER_IP_PER_HOUR,
    rateLimits: { signInPerAddressPerHour: 5, signInPerIpPerHour: 30 },
  };
}

/**
 * The demo's configuration: the same settings, but its own database (DEMO_DATABASE_PATH,
 * default ./data/demo.db) so a demo never touches real data, and quieter logs.
 */
export function loadDemoConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig({ ...env, DATABASE_PATH: env.DEMO_DATABASE_PATH ?? './data/demo.db', LOG_LEVEL: env.LOG_LEVEL ?? 'warn' });
}

function dirnameOf(path: string): string {
  if (path === ':memory:') return './data';
  const i = path.lastIndexOf('/');
  return i <= 0 ? '.' : path.slice(0, i);
}

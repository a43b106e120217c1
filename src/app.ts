import { join } from 'node:path';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/open.ts';
import { tidyUp } from './housekeeping.ts';
import { organiseRoutes } from './events/organise.routes.ts';
import { publicEventRoutes } from './events/public.routes.ts';
import { MailSender } from './mail/sender.ts';
import { peopleRoutes } from './people/people.routes.ts';
import { organisePitchRoutes } from './pitches/moderation.routes.ts';
import { pitchingRoutes } from './pitches/pitching.routes.ts';
import { pitchRoutes } from './pitches/pitches.routes.ts';
import './web/context.ts';
import { errorPages } from './web/errors.ts';
import { security } from './web/security.ts';
import { sessions } from './web/sessions.ts';
import { sitePages } from './web/site-pages.ts';
import { views } from './web/views.ts';

export interface BuildOptions {
  /** An already-open database (tests, the demo); otherwise config.databasePath is opened. */
  db?: Database;
  clock?: Clock;
  /** Start the background mail sender (off in tests that drive delivery themselves). */
  startMail?: boolean;
  logger?: boolean;
}

/** Builds the whole Campgrid web app. Tests, the demo and the server all build it this way. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false || config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.cookie'] },
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 200 },
  });
  const db = options.db ?? openDatabase(config.databasePath);
  const clock = options.clock ?? systemClock;
  const mail = new MailSender({
    db,
    clock,
    from: config.mailFrom,
    smtpUrl: config.smtpUrl,
    mailDir: join(config.dataDir, 'mail'),
    pollMs: config.mailPollMs,
    log: { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m) },
  });
  const routes: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.decorate('campgrid', { config, db, clock, mail, routes });

  await app.register(fastifyFormbody);
  await app.register(sessions);
  await app.register(security);
  await app.register(views);
  await app.register(errorPages);

  await app.register(sitePages);
  await app.register(publicEventRoutes);
  await app.register(peopleRoutes);
  await app.register(organiseRoutes, { prefix: '/organise' });
  await app.register(pitchRoutes);
  await app.register(pitchingRoutes);
  await app.register(organisePitchRoutes, { prefix: '/organise/events/:slug' });

  let tidying: NodeJS.Timeout | undefined;
  if (options.startMail ?? true) {
    app.addHook('onReady', async () => {
      mail.start();
      tidyUp(db, clock.now());
      tidying = setInterval(() => tidyUp(db, clock.now()), 60 * 60 * 1000).unref();
    });
  }
  app.addHook('onClose', async () => {
    if (tidying) clearInterval(tidying);
    await mail.stop();
    if (!options.db) db.$client.close();
  });
  return app;
}

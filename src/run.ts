import { buildApp, type BuildOptions } from './app.ts';
import type { Config } from './config.ts';
import type { Database } from './db/open.ts';

/**
 * Builds the app, listens, and shuts down gracefully on SIGTERM or SIGINT: stop accepting,
 * finish requests in flight, let the mail attempt in flight finish, then close the database.
 */
export async function run(config: Config, db: Database, options: Pick<BuildOptions, 'mailLinksTo'> = {}): Promise<void> {
  const app = await buildApp(config, { db, ...options });
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received: finishing requests and mail, then stopping`);
    await app.close();
    db.$client.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host, backlog: config.listenBacklog });
}

import { buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { countAdministrators } from './people/people.ts';
import { createAdministratorLink } from './people/sign-in.ts';

try {
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  const app = await buildApp(config, { db });

  if (countAdministrators(db) === 0) {
    const link = createAdministratorLink(db, systemClock, { email: '', baseUrl: config.baseUrl });
    console.log(`\nNo administrator yet. Open this one-time link to become the first one (valid for 7 days):\n  ${link}\n`);
  }

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received: finishing requests and mail, then stopping`);
    // close() stops accepting connections, waits for in-flight requests, then runs onClose
    // hooks (the mail attempt in flight finishes); the database closes last.
    await app.close();
    db.$client.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  console.log(`Campgrid is running at ${config.baseUrl}`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

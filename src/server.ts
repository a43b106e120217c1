import './v8-settings.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { countAdministrators } from './people/people.ts';
import { createAdministratorLink } from './people/sign-in.ts';
import { run } from './run.ts';

try {
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  if (countAdministrators(db) === 0) {
    const link = createAdministratorLink(db, systemClock, { email: '', baseUrl: config.baseUrl });
    console.log(`\nNo administrator yet. Open this one-time link to become the first one (valid for 7 days):\n  ${link}\n`);
  }
  await run(config, db);
  console.log(`Campgrid is running at ${config.baseUrl}`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

// `npm run admin -- invite EMAIL`: prints a one-time link that makes whoever opens it an administrator.
import { z } from 'zod';
import { systemClock } from '../clock.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { createAdministratorLink } from '../people/sign-in.ts';

const usage = 'usage: npm run admin -- invite someone@example.org';
const [command, email] = process.argv.slice(2);
if (command !== 'invite' || !email || !z.email().safeParse(email.trim()).success) {
  console.error(usage);
  process.exit(2);
}
try {
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  const link = createAdministratorLink(db, systemClock, { email, baseUrl: config.baseUrl });
  db.$client.close();
  console.log(`One-time administrator link for ${email.trim().toLowerCase()} (valid for 7 days):\n  ${link}`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

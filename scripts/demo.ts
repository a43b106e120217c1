import '../src/v8-settings.ts';
import { systemClock } from '../src/clock.ts';
import { loadDemoConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/open.ts';
import { demoOrganiserEmail, seedDemoCamp } from '../src/demo/seed.ts';
import { createSignInLink } from '../src/people/sign-in.ts';
import { run } from '../src/run.ts';

const config = loadDemoConfig();
const db = openDatabase(config.databasePath);
const event = seedDemoCamp(db, systemClock.now(), config.baseUrl, config.dataDir);
const link = createSignInLink(db, systemClock.now(), { email: demoOrganiserEmail, baseUrl: config.baseUrl, next: '/organise', lifetimeMs: 24 * 60 * 60 * 1000 });
// The demo logs only warnings, but a sign-in link asked for on its pages is printed here all the same.
await run(config, db, { mailLinksTo: (line) => console.log(line) });
console.log(`
Campgrid demo is running at ${config.baseUrl}
  The demo camp:            ${config.baseUrl}/events/${event.slug}
  Sign in as its organiser: ${link}
  (one use, valid for 24 hours; run the demo again for a new link)
Mail is written to ${config.dataDir}/mail/ and sign-in links are printed here.
`);

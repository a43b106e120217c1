// The pitch board under load: 300 pitches and 3,000 "I'd go" marks in a temporary database,
// measured over loopback with autocannon, as a visitor and as a signed-in attendee (who gets a
// form per pitch). Run with `npm run bench:board`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/open.ts';
import { seedDemoAttendees, seedDemoInterest, seedDemoPitches } from '../src/demo/pitches.ts';
import { addDay } from '../src/events/days.ts';
import { changeEventStatus, createEvent } from '../src/events/events.ts';
import { findOrCreatePerson } from '../src/people/people.ts';
import { startBrowserSession } from '../src/people/sign-in.ts';
import { sessionCookie } from '../src/web/sessions.ts';

const dir = mkdtempSync(join(tmpdir(), 'campgrid-bench-'));
const path = join(dir, 'bench.db');
const now = new Date();
const db = openDatabase(path);
const organiser = findOrCreatePerson(db, now, 'organiser@bench.example');
const seeded = db.transaction((tx) => {
  const event = createEvent(tx, now, { name: 'Bench Camp', slug: 'bench-camp', summary: '', description: '', timeZone: 'Europe/London', venueName: '', venueAddress: '', travelInformation: '', accessInformation: '', codeOfConduct: '', reconfirmDaysBefore: null, needsKeptForDays: 30 }, organiser.id);
  addDay(tx, event.id, event.timeZone, { date: '2027-06-19', label: 'Camp day', opens: '09:00', closes: '17:00' });
  changeEventStatus(tx, now, event.id, 'published');
  const attendees = seedDemoAttendees(tx, now, event, 300, 'bench.example');
  const made = seedDemoPitches(tx, now, event, organiser.id, attendees, 300);
  return { attendees, marks: seedDemoInterest(tx, now, made, attendees, 3000) };
});

const config = loadConfig({ NODE_ENV: 'production', DATABASE_PATH: path, LOG_LEVEL: 'silent', SESSION_SECRET: 'b'.repeat(32), BASE_URL: 'http://127.0.0.1' });
const app = await buildApp(config, { db, startMail: false, logger: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const url = `${address}/events/bench-camp/pitches`;
const cookie = `${sessionCookie}=${app.signCookie(startBrowserSession(db, now, seeded.attendees[0]!))}`;

console.log(`Board of 300 pitches, ${seeded.marks} marks from ${seeded.attendees.length} attendees: ${url}`);
for (const [who, headers] of [['visitor', {}], ['signed-in attendee', { cookie }]] as const) {
  const warm = await fetch(url, { headers });
  const bytes = (await warm.arrayBuffer()).byteLength;
  if (!warm.ok) throw new Error(`board answered ${warm.status}`);
  const result = await autocannon({ url, connections: 10, duration: 10, headers });
  console.log(
    `${who.padEnd(19)} ${Math.round(result.requests.average)} requests/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `${(bytes / 1024).toFixed(0)} KB a page, ${result.non2xx} non-2xx, ${result.errors} errors`,
  );
}
await app.close();
db.$client.close();
rmSync(dir, { recursive: true, force: true });

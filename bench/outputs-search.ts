// Searching outputs: 10,000 outputs over 300 sessions in a temporary database, each query run
// through the same domain function /outputs uses (FTS5 match, visibility, newest 50, the count).
// Aim: under 20 ms a query. Run with `npm run bench:outputs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/open.ts';
import { seedDemoAttendees, seedDemoPitches } from '../src/demo/pitches.ts';
import { addDay } from '../src/events/days.ts';
import { changeEventStatus, createEvent } from '../src/events/events.ts';
import { findOutputs } from '../src/outputs/finding.ts';
import { outputKinds, outputs } from '../src/outputs/outputs.table.ts';
import { findOrCreatePerson } from '../src/people/people.ts';

const dir = mkdtempSync(join(tmpdir(), 'campgrid-bench-outputs-'));
const db = openDatabase(join(dir, 'bench.db'));
const now = new Date();
const organiser = findOrCreatePerson(db, now, 'organiser@bench.example');
// Real words among 400 made-up ones, picked by a seeded random source, so a word is in a few
// hundred outputs, not all of them, as in real notes.
const realWords = 'parish council data budget housing planning social care digital website accessibility minutes transparency democracy councillor library waste transport climate procurement'.split(' ');
const words = [...realWords, ...Array.from({ length: 400 }, (_, n) => `topic${n}`)];
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
db.transaction((tx) => {
  const event = createEvent(tx, now, { name: 'Bench Camp', slug: 'bench-camp', summary: '', description: '', timeZone: 'Europe/London', venueName: '', venueAddress: '', travelInformation: '', accessInformation: '', codeOfConduct: '', reconfirmDaysBefore: null, needsKeptForDays: 30 }, organiser.id);
  addDay(tx, event.id, event.timeZone, { date: '2027-06-19', label: 'Camp day', opens: '09:00', closes: '17:00' });
  changeEventStatus(tx, now, event.id, 'published');
  const attendees = seedDemoAttendees(tx, now, event, 50, 'bench.example');
  const made = seedDemoPitches(tx, now, event, organiser.id, attendees, 300);
  for (let i = 0; i < 10_000; i++) {
    const pick = (_n: number) => words[Math.floor(random() * words.length)]!;
    const text = Array.from({ length: 60 }, (_, n) => pick(n)).join(' ');
    tx.insert(outputs).values({ eventId: event.id, pitchId: made[i % made.length]!.id, kind: outputKinds[i % 3]!, title: `${pick(1)} ${pick(2)} ${i}`, body: text, url: null, authorId: attendees[i % attendees.length]!, createdAt: now.getTime() + i, updatedAt: now.getTime() + i }).run();
  }
});

const queries = ['parish', 'housing budget', 'accessibility', 'climate transport', 'council data', 'nothing-matches-this', 'dem'];
for (const q of queries) findOutputs(db, { q, limit: 50 }); // warm
const rounds = 20;
console.log(`10,000 outputs; each query ${rounds} times (newest 50 and the total):`);
let worst = 0;
for (const q of queries) {
  const started = performance.now();
  let total = 0;
  for (let r = 0; r < rounds; r++) total = findOutputs(db, { q, limit: 50 }).total;
  const ms = (performance.now() - started) / rounds;
  worst = Math.max(worst, ms);
  console.log(`  ${JSON.stringify(q).padEnd(24)} ${String(total).padStart(6)} found  ${ms.toFixed(2)} ms a query`);
}
console.log(`Slowest: ${worst.toFixed(2)} ms a query (aim: under 20 ms)`);
db.$client.close();
rmSync(dir, { recursive: true, force: true });

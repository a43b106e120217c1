// Searching outputs: 10,000 outputs over 300 sessions in a temporary database, each query run
// through the same domain function /outputs uses (FTS5 match, visibility, the camp filter, newest
// 50, the count).
// Aim: under 20 ms a query. Run with `npm run bench:outputs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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

// The searches people type, then the camp filter alone and with words, then the first page of all.
const camp = db.$client.prepare("select id from events where slug = 'bench-camp'").pluck().get() as number;
const queries: Array<{ q: string; eventId?: number }> = [
  ...['parish', 'housing budget', 'accessibility', 'climate transport', 'council data', 'nothing-matches-this', 'dem'].map((q) => ({ q })),
  { q: '', eventId: camp },
  { q: 'parish', eventId: camp },
  { q: '' },
];
for (const query of queries) findOutputs(db, { ...query, limit: 50 }); // warm
const rounds = 20;
console.log(`10,000 outputs; each query ${rounds} times (newest 50 and the total):`);
let worst = 0;
for (const query of queries) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let total = 0;
  for (let r = 0; r < rounds; r++) total = findOutputs(db, { ...query, limit: 50 }).total;
  const ms = (performance.now() - started) / rounds;
  // CPU time too: on a loaded machine the wall time is mostly waiting for a core.
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / rounds;
  worst = Math.max(worst, ms);
  const label = `${JSON.stringify(query.q)}${query.eventId ? ' in one camp' : ''}`;
  console.log(`  ${label.padEnd(24)} ${String(total).padStart(6)} found  ${ms.toFixed(2)} ms a query (${cpuMs.toFixed(2)} ms of CPU)`);
}
console.log(`Slowest: ${worst.toFixed(2)} ms a query (aim: under 20 ms); load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
db.$client.close();
rmSync(dir, { recursive: true, force: true });

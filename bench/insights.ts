// The insights pages with a season of history: `npm run bench:insights [-- --json FILE] [--requests N]`.
// Seeds a temporary database with four yearly camps, each copied from the one before, and 2,000
// registrations over them (500 a camp, people coming back year after year, organisations typed
// as people type them: most matched to councils of the register, some not), then builds the
// real app in production mode and asks it, signed in as an administrator, for the event
// insights page (compared with the camp before) and the site-wide page, one request at a time.
// Reports the server time per request (p50/p99, app.inject, so no network) and the CPU time a
// request took, with the machine's load, since a busy machine moves every figure.
// Aim: under 50 ms a request.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { FixedClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/open.ts';
import { addDay } from '../src/events/days.ts';
import { copyEvent } from '../src/events/copy.ts';
import { changeEventStatus, createEvent, type CampEvent } from '../src/events/events.ts';
import { eventCharts } from '../src/insights/event-charts.ts';
import { eventInsights } from '../src/insights/event-insights.ts';
import { siteInsights } from '../src/insights/site-insights.ts';
import { councilNames, keyForTyped } from '../src/organisations/names.ts';
import { mailboxOf } from '../src/people/mailbox.ts';
import { people } from '../src/people/people.table.ts';
import { findOrCreatePerson } from '../src/people/people.ts';
import { startBrowserSession } from '../src/people/sign-in.ts';
import { seededRandom } from '../src/tickets/ballot.ts';
import { addTicketType, ticketTypesOf } from '../src/tickets/ticket-types.ts';
import { attendeeRoles, registrations } from '../src/tickets/tickets.table.ts';
import { sessionCookie } from '../src/web/sessions.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const requests = Number(option('--requests') ?? 200);
const jsonFile = option('--json');
const aimMs = 50;
const dayMs = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'campgrid-bench-insights-'));
const db = openDatabase(join(dir, 'bench.db'));
const now = new Date('2027-06-01T09:00:00Z');
const random = seededRandom('bench-insights');
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const seedBegan = performance.now();
const administrator = findOrCreatePerson(db, now, 'admin@bench.example', 'Administrator');
db.update(people).set({ isAdministrator: true }).run();
const councils = councilNames(db);
const others = ['Acme Digital Ltd', 'Friends of Anytown Library', 'Freelance', 'GDS', 'Anytown Community Trust', 'Not given'];
const camps: CampEvent[] = [];
db.transaction((tx) => {
  const first = createEvent(tx, now, { name: 'LocalGovCamp 2024', slug: 'localgovcamp-2024', summary: '', description: '', timeZone: 'Europe/London', venueName: '', venueAddress: '', travelInformation: '', accessInformation: '', codeOfConduct: '', reconfirmDaysBefore: null, needsKeptForDays: 30 }, administrator.id);
  const day = addDay(tx, first.id, first.timeZone, { date: '2024-06-22', label: 'Camp day', opens: '09:00', closes: '17:00' });
  addTicketType(tx, now, first.id, {
    name: 'Camp day', description: '', dayIds: [day.id], capacity: 500, opensAt: day.startsAt - 120 * dayMs, closesAt: day.startsAt, visibility: 'public', accessCode: null,
    allocation: 'first-come', drawAt: null, perOrganisationCap: null, reservedForFirstTimers: 0, reservedForCouncillors: 0, reservedUntil: null, offerHours: 48, lastMinuteOfferHours: 4, displayOrder: 0, waves: [],
  });
  camps.push(changeEventStatus(tx, now, first.id, 'published'));
  for (const year of [2025, 2026, 2027]) camps.push(changeEventStatus(tx, now, copyEvent(tx, now, camps.at(-1)!, { name: `LocalGovCamp ${year}`, slug: `localgovcamp-${year}`, weeks: 52 }, administrator.id).id, 'published'));
  // A pool of 1,200 people; each camp draws 500 of them, so many come back and many are new.
  const pool = Array.from({ length: 1200 }, (_, n) => {
    const email = `person${n}@bench.example`;
    const organisation = random() < 0.8 ? pick(councils) : pick(others);
    const id = tx.insert(people).values({ email, mailbox: mailboxOf(email), name: `Person ${n}`, createdAt: now.getTime() }).returning({ id: people.id }).get().id;
    return { id, organisation, role: random() < 0.12 ? 'councillor' : pick(attendeeRoles) };
  });
  camps.forEach((camp, c) => {
    const type = ticketTypesOf(tx, camp.id)[0]!;
    const startsAt = Date.parse(`${2024 + c}-06-22T08:00:00Z`) - c * dayMs;
    const over = c < 3;
    const chosen = [...pool].sort(() => random() - 0.5).slice(0, 500);
    chosen.forEach((p, n) => {
      const at = startsAt - Math.floor(random() * 110 * dayMs);
      const status = n < 440 ? 'confirmed' : n < 480 ? 'waiting' : 'cancelled';
      tx.insert(registrations)
        .values({
          ticketTypeId: type.id, personId: p.id, status, name: `Person ${p.id}`, organisation: p.organisation, organisationKey: keyForTyped(tx, now, p.organisation),
          role: p.role as (typeof attendeeRoles)[number], firstCamp: random() < 0.45, agreedToCodeOfConductAt: at, queueOrder: at, manageKey: randomBytes(32).toString('base64url'),
          checkedInAt: over && status === 'confirmed' && random() < 0.85 ? startsAt + 3_600_000 : null, createdAt: at, updatedAt: at,
        })
        .run();
    });
  });
});
const seedSeconds = (performance.now() - seedBegan) / 1000;

const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'insights-benchmark-'.padEnd(64, 'x'), DATABASE_PATH: join(dir, 'bench.db'), DATA_DIR: dir, LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.bench' });
const app = await buildApp(config, { db, clock: new FixedClock(now), startMail: false, logger: false });
await app.ready();
const cookie = `${sessionCookie}=${app.signCookie(startBrowserSession(db, now, administrator.id))}`;

async function measure(name: string, url: string) {
  const ask = async () => {
    const began = performance.now();
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    const ms = performance.now() - began;
    if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}`);
    return { ms, kb: response.body.length / 1024 };
  };
  for (let i = 0; i < 10; i++) await ask();
  const times: number[] = [];
  let kb = 0;
  // CPU time is steadier than elapsed time on a machine shared with other work: it leaves out
  // the time this process waited for a core.
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < requests; i++) ({ kb } = await ask().then((r) => (times.push(r.ms), r)));
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { page: name, path: url, requests, p50Ms: at(0.5), p99Ms: at(0.99), cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / requests, kbPerResponse: kb, underAim: at(0.5) < aimMs };
}

/** p50 of a domain step on its own, to say where a request's time goes. */
function p50Of(work: () => unknown): number {
  for (let i = 0; i < 5; i++) work();
  const times = Array.from({ length: 30 }, () => {
    const began = performance.now();
    work();
    return performance.now() - began;
  }).sort((a, b) => a - b);
  return times[15]!;
}

const load = loadavg()[0]!;
console.log(`Insights: 4 camps, 2,000 registrations (${councils.length} councils in the register), seeded in ${seedSeconds.toFixed(1)} s`);
console.log(`${requests} requests each, one at a time, after 10 to warm up; Node ${process.version}, ${cpus().length} cores, load average ${load.toFixed(2)}\n`);
const results = [await measure('event insights (compared with the camp before)', '/organise/events/localgovcamp-2027/insights'), await measure('site-wide insights', '/organise/insights')];
const thisYear = camps.at(-1)!;
const figures = eventInsights(db, now, thisYear, administrator);
const steps = { figuresMs: p50Of(() => eventInsights(db, now, thisYear, administrator)), chartsMs: p50Of(() => eventCharts(figures)), siteFiguresMs: p50Of(() => siteInsights(db)) };
for (const r of results) console.log(`  ${r.page.padEnd(48)} p50 ${r.p50Ms.toFixed(1).padStart(6)} ms   p99 ${r.p99Ms.toFixed(1).padStart(6)} ms   CPU ${r.cpuMsPerRequest.toFixed(1).padStart(5)} ms a request   ${r.kbPerResponse.toFixed(0)} KB`);
console.log(`  of which (p50): event figures ${steps.figuresMs.toFixed(1)} ms, its six charts ${steps.chartsMs.toFixed(1)} ms; site figures ${steps.siteFiguresMs.toFixed(1)} ms`);
const loadAfter = loadavg()[0]!;
console.log(`\nAim: under ${aimMs} ms a request (p50). Load average ${load.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ results, figures: { ...steps, loadBefore: load, loadAfter, cores: cpus().length, node: process.version } }, null, 2));
await app.close();
db.$client.close();
rmSync(dir, { recursive: true, force: true });

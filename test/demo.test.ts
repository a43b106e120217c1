import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoFriday, demoSlug, seedDemoCamp } from '../src/demo/seed.ts';
import { roomsOf } from '../src/events/rooms.ts';
import { teamOf } from '../src/events/organisers.ts';
import { timetableOf } from '../src/events/timetable.ts';
import { ticketNumbers } from '../src/tickets/organiser-view.ts';
import { countPlaces } from '../src/tickets/places.ts';
import { latestPublished, publishedVersions } from '../src/grid/published-versions.ts';
import { outboxMessages } from './helpers/outbox.ts';
import { availabilityOf, packagesOf } from '../src/sponsors/packages.ts';
import { sponsorsOf, sponsorTotals } from '../src/sponsors/sponsors.ts';
import { findPersonByEmail } from '../src/people/people.ts';
import { pitchBoard } from '../src/pitches/board.ts';
import { schedulerInput } from '../src/pitches/scheduler-input.ts';
import { isRegisteredFor } from '../src/tickets/registrations.ts';
import { Agent } from './helpers/agent.ts';
import { makeApp, testNow, type TestApp } from './helpers/app.ts';

/** Roughly how many colours a PNG's pixels use (the distinct bytes of its inflated rows): a solid rectangle has a handful. */
function coloursIn(png: Buffer): number {
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return new Set(inflateSync(Buffer.concat(idat))).size;
}

describe('the demo camp', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(async () => t.close());

  it('is a published two-day camp, Friday makers day and Saturday camp, with 8 rooms and a full slot pattern', () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    expect(event.status).toBe('published');
    const days = timetableOf(t.db, event.id);
    expect(days.map((d) => [d.day.label, d.day.date])).toEqual([
      ['Makers day', demoFriday(testNow)],
      ['Camp day', '2027-05-01'],
    ]);
    expect(days[1]!.slots.map((s) => s.kind)).toEqual(['plenary', 'pitching', 'session', 'session', 'lunch', 'session', 'session', 'session', 'plenary']);
    expect(roomsOf(t.db, event.id)).toHaveLength(8);
    expect(teamOf(t.db, event.id).map((m) => m.role).sort()).toEqual(['helper', 'organiser', 'owner']);
  });

  it('has a full Camp day with a waiting list, a Makers day ballot taking entries, and a hidden volunteers ticket', () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    const [camp, makers, volunteers] = ticketNumbers(t.db, event.id, testNow, false);
    // Every general place is taken; what is left is held for first-timers and councillors.
    expect(camp!.confirmed + camp!.reservedLeft).toBe(300);
    expect(camp!.confirmed).toBeGreaterThan(260);
    expect(camp!.waiting).toBe(325 - camp!.confirmed);
    expect(countPlaces(t.db, camp!.type, testNow).generalFree).toBe(0);
    expect([makers!.type.allocation, makers!.entered]).toEqual(['ballot', 81]);
    expect([volunteers!.type.visibility, volunteers!.confirmed]).toEqual(['hidden', 0]);
    // Seeding registrations emails nobody.
    expect(outboxMessages(t.db).filter((m) => /place|waiting list|ballot/i.test(m.subject))).toEqual([]);
  });

  it('has four sponsor packages, one sold out, and sponsors in every status with their logos', async () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    const packages = packagesOf(t.db, event.id);
    expect(packages.map((p) => [p.name, availabilityOf(p, testNow, event.timeZone)])).toEqual([
      ['Venue partner', 'open'],
      ['Lunch sponsor', 'sold-out'],
      ['Creche and bursaries', 'open'],
      ['Friend of the camp', 'open'],
    ]);
    const sponsors = sponsorsOf(t.db, event.id);
    expect(new Set(sponsors.map((s) => s.status))).toEqual(new Set(['applied', 'approved', 'declined', 'withdrawn']));
    expect(new Set(sponsors.map((s) => s.invoiceStatus))).toEqual(new Set(['not-invoiced', 'invoiced', 'paid']));
    expect(sponsorTotals(t.db, event.id)).toMatchObject({ pledgedPence: 500_000 + 150_000 + 75_000 + 25_000, invoicedPence: 650_000, paidPence: 500_000 });
    const page = await new Agent(t.app).get(`/events/${demoSlug}`);
    for (const s of sponsors.filter((x) => x.status === 'approved')) {
      expect(page.body).toContain(`src="/uploads/${s.logo}" alt="${s.organisationName}"`);
      const logo = await new Agent(t.app).get(`/uploads/${s.logo}`);
      expect(logo.headers['content-type']).toBe('image/png');
      expect(coloursIn(logo.rawPayload), `${s.organisationName}’s logo is a picture, not a blank rectangle`).toBeGreaterThan(16);
    }
    expect(page.body).not.toContain('Bright Ideas Agency');
  });

  it('describes its pitches in plain English: “a” never comes before a vowel', () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    const descriptions = pitchBoard(t.db, event.id, null).map((p) => p.description);
    expect(descriptions.filter((d) => /\b[Aa] [aeiou]/.test(d))).toEqual([]);
  });

  it('lists each session slot’s sessions on the event page once its grid is published, not just “Session 1…5”', async () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    const grid = latestPublished(t.db, event.id)!;
    const first = grid.sessions.filter((s) => !s.cancelled).sort((a, b) => a.startsAt - b.startsAt)[0]!;
    const together = grid.sessions.filter((s) => !s.cancelled && s.startsAt === first.startsAt);
    const page = (await new Agent(t.app).get(`/events/${demoSlug}`)).body;
    const at = page.indexOf(`/pitches/${first.pitchId}"`);
    const row = page.slice(page.lastIndexOf('<tr', at), page.indexOf('</tr>', at));
    expect(row).toContain('Session 1');
    for (const s of together) expect(row).toContain(`<a class="govuk-link" href="/events/${demoSlug}/pitches/${s.pitchId}">${s.title}</a>, ${s.roomName}`);
  });

  it('is created once: running the demo again keeps what is there', () => {
    const first = seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    expect(seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir).id).toBe(first.id);
  });

  it('shows on the home page, with last year’s camp as a past camp', async () => {
    seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    const home = await new Agent(t.app).get('/');
    expect(home.body).toContain(`href="/events/${demoSlug}">Anytown LocalGovCamp 2027</a>`);
    expect(home.body).toContain('Past camps');
    expect((await new Agent(t.app).get(`/events/${demoSlug}`)).body).toContain('Welcome and housekeeping');
  });
});

describe('the demo camp’s pitches', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(async () => t.close());

  it('has 40 pitches across every format, with skewed, overlapping interest from the Camp day’s attendees', () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    const attendee = findPersonByEmail(t.db, 'attendee1@demo.campgrid.example')!;
    expect(isRegisteredFor(t.db, event.id, attendee.id)).toBe(true);
    const board = pitchBoard(t.db, event.id, null);
    expect(board).toHaveLength(40);
    expect(new Set(board.map((p) => p.format))).toEqual(new Set(['discussion', 'show-and-tell', 'workshop', 'makers', 'other']));
    const counts = board.map((p) => p.count).sort((a, b) => b - a);
    const total = counts.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(1500);
    expect(counts[0]!).toBeGreaterThan(4 * counts[counts.length - 1]!); // some popular, some niche
    expect(counts[counts.length - 1]!).toBeGreaterThan(0);
    const { sessions, attendees } = schedulerInput(t.db, event.id);
    expect(sessions).toHaveLength(40);
    expect(sessions.some((s) => s.facilitators[0]!.startsWith('w') && s.audience > 0)).toBe(true);
    expect(attendees.length).toBeGreaterThan(250);
    expect(attendees.filter((a) => a.wants.length > 1).length).toBeGreaterThan(230); // overlapping audiences
  });

  it('has a published grid with a change log of two versions', () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    const versions = publishedVersions(t.db, event.id);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]!.changes.map((c) => c.kind)).toEqual(['moved']);
    expect(versions[1]!.sessions.filter((s) => !s.cancelled).length).toBeGreaterThan(30);
  });

  it('keeps its pitches when seeded again', () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
    expect(pitchBoard(t.db, event.id, null)).toHaveLength(40);
  });
});

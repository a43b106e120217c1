import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoFriday, demoSlug, seedDemoCamp } from '../src/demo/seed.ts';
import { roomsOf } from '../src/events/rooms.ts';
import { teamOf } from '../src/events/organisers.ts';
import { timetableOf } from '../src/events/timetable.ts';
import { findPersonByEmail } from '../src/people/people.ts';
import { pitchBoard } from '../src/pitches/board.ts';
import { schedulerInput } from '../src/pitches/scheduler-input.ts';
import { isRegisteredFor } from '../src/tickets/registrations.ts';
import { Agent } from './helpers/agent.ts';
import { makeApp, testNow, type TestApp } from './helpers/app.ts';

describe('the demo camp', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(async () => t.close());

  it('is a published two-day camp, Friday makers day and Saturday camp, with 8 rooms and a full slot pattern', () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl);
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

  it('is created once: running the demo again keeps what is there', () => {
    const first = seedDemoCamp(t.db, testNow, t.config.baseUrl);
    expect(seedDemoCamp(t.db, testNow, t.config.baseUrl).id).toBe(first.id);
  });

  it('shows on the home page, with last year’s camp as a past camp', async () => {
    seedDemoCamp(t.db, testNow, t.config.baseUrl);
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

  it('has 300 confirmed attendees, 40 pitches across every format, and skewed, overlapping interest', () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl);
    const attendee = findPersonByEmail(t.db, 'attendee001@demo.campgrid.example')!;
    expect(isRegisteredFor(t.db, event.id, attendee.id)).toBe(true);
    expect(findPersonByEmail(t.db, 'attendee300@demo.campgrid.example')).toBeDefined();
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
    expect(attendees).toHaveLength(300);
    expect(attendees.filter((a) => a.wants.length > 1).length).toBeGreaterThan(250); // overlapping audiences
  });

  it('keeps its pitches when seeded again', () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl);
    seedDemoCamp(t.db, testNow, t.config.baseUrl);
    expect(pitchBoard(t.db, event.id, null)).toHaveLength(40);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoFriday, demoSlug, seedDemoCamp } from '../src/demo/seed.ts';
import { roomsOf } from '../src/events/rooms.ts';
import { teamOf } from '../src/events/organisers.ts';
import { timetableOf } from '../src/events/timetable.ts';
import { ticketNumbers } from '../src/tickets/organiser-view.ts';
import { countPlaces } from '../src/tickets/places.ts';
import { outboxMessages } from './helpers/outbox.ts';
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

  it('has a full Camp day with a waiting list, a Makers day ballot taking entries, and a hidden volunteers ticket', () => {
    const event = seedDemoCamp(t.db, testNow, t.config.baseUrl);
    const [camp, makers, volunteers] = ticketNumbers(t.db, event.id, testNow, false);
    // Every general place is taken; what is left is held for first-timers and councillors.
    expect(camp!.confirmed + camp!.reservedLeft).toBe(300);
    expect(camp!.confirmed).toBeGreaterThan(260);
    expect(camp!.waiting).toBe(325 - camp!.confirmed);
    expect(countPlaces(t.db, camp!.type, testNow).generalFree).toBe(0);
    expect([makers!.type.allocation, makers!.entered]).toEqual(['ballot', 81]);
    expect([volunteers!.type.visibility, volunteers!.confirmed]).toEqual(['hidden', 0]);
    expect(outboxMessages(t.db)).toHaveLength(2);
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

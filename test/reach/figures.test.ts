import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeEventStatus } from '../../src/events/events.ts';
import { campReach, siteReach } from '../../src/reach/figures.ts';
import { campsWithPublicReach, chooseReachPublication, reachIsPublic, reachPublicationOf } from '../../src/reach/publication.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { importedYear, registerFor } from '../helpers/history.ts';
import { person } from '../helpers/people.ts';
import { publishedCamp } from '../helpers/tickets.ts';
import { afterTheCamp, campOfTwelve } from './camp.ts';

describe('a camp’s reach', () => {
  let t: TestApp;
  beforeEach(async () => (t = await makeApp()));
  afterEach(async () => t.close());

  it('counts people once, first-timers, councillors and the councils they came from, by nation and region', () => {
    const reach = campReach(t.db, campOfTwelve(t.db, testNow));
    expect(reach.people).toEqual({ count: 12 });
    expect(reach.firstTimers).toEqual({ count: 7 });
    expect(reach.firstTimerShare).toEqual({ percent: 58 });
    expect(reach.councillors).toEqual({ count: null, fewerThan: 5 });
    expect(reach.notFromACouncil).toEqual({ count: null, fewerThan: 5 });
    expect(reach.councils.map((c) => c.name)).toEqual(['Bristol City Council', 'City of Cardiff Council', 'London Borough of Camden']);
    const england = reach.byNation.find((n) => n.nation === 'England')!;
    expect(england).toMatchObject({ people: { count: 8 }, councils: 2, councilsInRegister: 332 });
    // London's 5 is withheld, or South West's 3 would be England's 8 less London's 5.
    expect(england.regions.find((r) => r.region === 'London')!.people).toMatchObject({ count: null, withheld: expect.any(String) });
    expect(england.regions.find((r) => r.region === 'South West')!.people).toEqual({ count: null, fewerThan: 5 });
    expect(reach.byNation.find((n) => n.nation === 'Wales')).toMatchObject({ people: { count: null, fewerThan: 5 }, councils: 1, regions: [] });
  });

  it('takes first camp as a fact where the site has earlier camps, not only as said', () => {
    importedYear(t.db, testNow, 2026, [['came-before@example.org', 'Checked In']]);
    const event = campOfTwelve(t.db, testNow);
    // Said it was their first camp, but was checked in at 2026's: a returner.
    registerFor(t.db, testNow, event, 'came-before@example.org', true);
    const reach = campReach(t.db, event);
    expect(reach.people).toEqual({ count: 13 });
    // The twelve were never checked in here before, whatever five of them said; the thirteenth was.
    expect(reach.firstTimers).toEqual({ count: 12 });
    expect(reach.firstTimerShare.percent).toBeNull();
  });

  it('is empty, not an error, for a camp nobody has registered for', () => {
    const empty = campReach(t.db, publishedCamp(t.db, testNow).event);
    expect(empty).toMatchObject({ people: { count: null, fewerThan: 5 }, firstTimerShare: { percent: null }, councils: [] });
  });
});

describe('when a camp’s reach is public', () => {
  let t: TestApp;
  beforeEach(async () => (t = await makeApp()));
  afterEach(async () => t.close());

  it('is after the event unless its organisers choose now or never; a draft’s never is', () => {
    const event = campOfTwelve(t.db, testNow);
    const organiser = person(t.db, 'owner@example.org');
    expect(reachPublicationOf(t.db, event.id)).toBe('after-the-event');
    expect(reachIsPublic(t.db, event, testNow)).toBe(false);
    expect(reachIsPublic(t.db, event, afterTheCamp)).toBe(true);
    chooseReachPublication(t.db, testNow, event.id, 'now', organiser.id);
    expect(reachIsPublic(t.db, event, testNow)).toBe(true);
    chooseReachPublication(t.db, testNow, event.id, 'never', organiser.id);
    expect(reachIsPublic(t.db, event, afterTheCamp)).toBe(false);
    chooseReachPublication(t.db, testNow, event.id, 'now', organiser.id);
    expect(reachIsPublic(t.db, changeEventStatus(t.db, testNow, event.id, 'draft'), afterTheCamp)).toBe(false);
  });

  it('the site-wide figures count only camps whose reach is public, each person once', () => {
    const earlier = importedYear(t.db, testNow, 2026, [['someone@example.org', 'Checked In']]);
    const camp = campOfTwelve(t.db, testNow);
    expect(campsWithPublicReach(t.db, testNow).map((e) => e.slug)).toEqual([earlier.slug]);
    chooseReachPublication(t.db, testNow, earlier.id, 'never', person(t.db, 'owner@example.org').id);
    const site = siteReach(t.db, campsWithPublicReach(t.db, afterTheCamp));
    expect(site.camps.map((c) => c.event.slug)).toEqual([camp.slug]);
    expect(site.overall.people).toEqual({ count: 12 });
    expect(site.overall.councils).toHaveLength(3);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/events/events.ts';
import { eventInsights } from '../../src/insights/event-insights.ts';
import { siteInsights } from '../../src/insights/site-insights.ts';
import { RuleViolation } from '../../src/rules.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { campDetails } from '../helpers/factories.ts';
import { person } from '../helpers/people.ts';
import { afterTheCamp, twoYearsOfCamps } from './camps.ts';

describe('insights for a camp’s organisers', () => {
  let fresh: ReturnType<typeof freshDatabase>;
  let camps: ReturnType<typeof twoYearsOfCamps>;
  beforeEach(() => {
    fresh = freshDatabase();
    camps = twoYearsOfCamps(fresh.db, testNow);
  });
  afterEach(() => fresh.db.$client.close());

  const insights = (now = afterTheCamp, compare?: string) => eventInsights(fresh.db, now, camps.thisYear, camps.owner, compare);

  it('counts people once however many tickets they hold, with the first-timer share the messages’ first-timers make', () => {
    const { figures } = insights().camp;
    // Ana (two tickets), Dan and Eve; Finn waits and Gus released his place.
    expect(figures.people).toBe(3);
    expect([figures.firstTimers, figures.firstTimerPercent]).toEqual([2, 67]);
    expect(figures.councillors).toBe(1);
    expect(figures.roles.filter((r) => r.people > 0).map((r) => [r.label, r.people])).toEqual([['Council officer', 1], ['Councillor', 1], ['Supplier', 1]]);
    expect(insights().firstTimerTarget).toBe(50);
  });

  it('tells councils new to the camps from councils returning from an earlier camp, by nation and region', () => {
    const { councils, byRegion } = insights().camp.figures;
    expect(councils.represented.map((c) => c.name)).toEqual(['Bristol City Council', 'City of Cardiff Council']);
    expect(councils.returning.map((c) => c.name)).toEqual(['Bristol City Council']);
    expect(councils.new.map((c) => c.name)).toEqual(['City of Cardiff Council']);
    expect(byRegion).toEqual([
      { nation: 'England', region: 'South West', councils: 1 },
      { nation: 'Wales', region: 'Wales', councils: 1 },
    ]);
    // At the first camp every council was new; Leeds came with Ben, who did not turn up but held a place.
    const first = insights(afterTheCamp, 'localgovcamp-2026').comparison!.figures.councils;
    expect([first.new.length, first.returning.length]).toEqual([3, 0]);
  });

  it('counts no-shows only once the days of their ticket are over', () => {
    const before = insights(testNow).places.byTicketType;
    expect(before.map((r) => [r.label, r.confirmed, r.waiting, r.checkedIn, r.noShows])).toEqual([
      ['Camp day', 3, 1, 2, null],
      ['Makers day', 1, 0, 1, null],
    ]);
    const after = insights().places;
    expect(after.byTicketType.map((r) => [r.label, r.noShows])).toEqual([['Camp day', 1], ['Makers day', 0]]);
    expect(after.byDay.map((r) => [r.label, r.confirmed, r.waiting, r.checkedIn, r.noShows])).toEqual([
      ['Makers day, Thursday 17 June', 1, 0, 1, 0],
      ['Camp day, Friday 18 June', 3, 1, 2, 1],
    ]);
  });

  it('compares registrations with the camp it was copied from, by weeks before each first day', () => {
    const result = insights(testNow);
    expect(result.comparison?.event.name).toBe('LocalGovCamp 2026');
    expect(result.comparison?.isCopiedFrom).toBe(true);
    const at = (w: number) => result.weeks.find((row) => row.weeksBefore === w);
    // Gus registered 22 weeks before this year's Makers day; Ana 15 weeks before last year's camp.
    expect(result.weeks[0]).toEqual({ weeksBefore: 22, camp: 1, other: 0 });
    expect(at(16)).toEqual({ weeksBefore: 16, camp: 4, other: 0 });
    expect(at(15)).toEqual({ weeksBefore: 15, camp: 5, other: 1 });
    // This year has not reached 14 weeks before yet (1 March): no figure, not a zero.
    expect(at(14)).toEqual({ weeksBefore: 14, camp: null, other: 1 });
    // Ben registered 48 days (6 whole weeks) before last year's camp.
    expect([at(7)?.other, at(6)?.other]).toEqual([1, 2]);
    expect(result.weeks.at(-1)).toEqual({ weeksBefore: 0, camp: null, other: 3 });
  });

  it('compares with another camp the organiser picks, or none; a camp they do not organise is refused', () => {
    const other = createEvent(fresh.db, testNow, campDetails({ slug: 'someone-elses-camp', name: 'Someone else’s camp' }), person(fresh.db, 'else@example.org').id);
    expect(insights(testNow, '').comparison).toBeNull();
    expect(insights(testNow, '').weeks.every((w) => w.other === null)).toBe(true);
    expect(insights(testNow).choices.map((c) => c.slug)).toEqual(['localgovcamp-2026']);
    expect(() => insights(testNow, other.slug)).toThrow(RuleViolation);
  });

  it('has empty figures, not errors, for a camp nobody has registered for', () => {
    const empty = createEvent(fresh.db, testNow, campDetails({ slug: 'empty-camp', name: 'Empty camp' }), camps.owner.id);
    const result = eventInsights(fresh.db, testNow, empty, camps.owner);
    expect(result.camp.figures).toMatchObject({ people: 0, firstTimers: 0, firstTimerPercent: null, councillors: 0, byRegion: [] });
    expect(result.weeks).toEqual([{ weeksBefore: 0, camp: null, other: null }]);
    expect(result.places).toEqual({ byTicketType: [], byDay: [] });
  });
});

describe('insights across camps', () => {
  it('counts camps, people and councils reached by year and so far', () => {
    const fresh = freshDatabase();
    twoYearsOfCamps(fresh.db, testNow);
    expect(siteInsights(fresh.db)).toEqual({
      years: [
        { year: 2026, camps: 1, people: 3, newPeople: 3, councils: 3, councilsSoFar: 3 },
        { year: 2027, camps: 1, people: 3, newPeople: 2, councils: 2, councilsSoFar: 4 },
      ],
      totals: { camps: 2, people: 5, councils: 4 },
      campsWithoutDays: 0,
    });
    fresh.db.$client.close();
  });
});

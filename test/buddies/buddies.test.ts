import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buddyChoices, buddyPairs } from '../../src/buddies/buddies.table.ts';
import { buddyOverview, chooseBuddy, pairDueBuddies, setBuddyTiming } from '../../src/buddies/buddies.ts';
import { FixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/open.ts';
import type { CampEvent } from '../../src/events/events.ts';
import { organisationKey as matchingKey } from '../../src/organisations/matching.ts';
import { organisationNames, organisations } from '../../src/organisations/organisations.table.ts';
import { findPerson } from '../../src/people/people.ts';
import { releasePlace } from '../../src/tickets/manage.ts';
import { deletePersonalDetails } from '../../src/tickets/privacy.ts';
import { registerForTickets, type AttendeeDetails } from '../../src/tickets/register.ts';
import type { TicketType } from '../../src/tickets/registrations.ts';
import { freshDatabase } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { attendee, links, publishedCamp, ticketType } from '../helpers/tickets.ts';
import { violation } from '../helpers/rules.ts';

const day = 86_400_000;
// The camp day opens at 09:00 London time on 19 June 2027.
const campStarts = Date.parse('2027-06-19T08:00:00Z');

describe('first-timer buddies', () => {
  let db: Database;
  let clock: FixedClock;
  let event: CampEvent;
  let type: TicketType;
  beforeEach(() => {
    db = freshDatabase().db;
    clock = new FixedClock(new Date('2027-03-01T10:00:00Z'));
    event = publishedCamp(db, clock.now()).event;
    type = ticketType(db, clock.now(), event, { capacity: 50 });
  });
  afterEach(() => db.$client.close());

  const register = (details: Partial<AttendeeDetails>) => {
    const d = attendee(details);
    return registerForTickets(db, clock.now(), links, { event, types: [type], details: d })[0]!.outcome.registration;
  };
  const firstTimer = (organisation: string, shareEmail = false) => register({ organisation, firstCamp: true, buddy: { role: 'wants', shareEmail } });
  const buddy = (organisation: string, shareEmail = false) => register({ organisation, firstCamp: false, buddy: { role: 'offers', shareEmail } });
  const introductions = () => outboxMessages(db).filter((m) => /Your (buddy|first-timer) at/.test(m.subject));

  it('pairs each first-timer who asked with a buddy from another organisation, once, from seven days before the camp', () => {
    const f = firstTimer('Leeds City Council');
    buddy('Leeds council');
    const b = buddy('York');
    clock.set(new Date(campStarts - 7 * day - 1));
    expect(pairDueBuddies(db, clock.now(), links)).toBe(0);
    clock.set(new Date(campStarts - 7 * day));
    expect(pairDueBuddies(db, clock.now(), links)).toBe(1);
    expect(pairDueBuddies(db, clock.now(), links)).toBe(0);
    const { pairs, waiting } = buddyOverview(db, event.id);
    expect(pairs.map((p) => [p.firstTimer.personId, p.buddy.personId])).toEqual([[f.personId, b.personId]]);
    expect(waiting).toEqual([]);
    expect(introductions().map((m) => m.toAddress).sort()).toEqual([b, f].map((r) => findPersonById(r.personId)).sort());
  });

  it('prefers a buddy from the same nation or region, as the councils say, among those from other organisations', () => {
    const council = (name: string, region: string, nation: string) => {
      const { id } = db.insert(organisations).values({ kind: 'council', name, region, nation, createdAt: 0 }).returning().get();
      db.insert(organisationNames)
        .values({ key: matchingKey(name), text: name, organisationId: id, source: 'register', createdAt: 0 })
        .onConflictDoUpdate({ target: organisationNames.key, set: { organisationId: id } })
        .run();
    };
    council('Leeds City Council', 'Yorkshire and The Humber', 'England');
    council('City of York Council', 'Yorkshire and The Humber', 'England');
    council('Kent County Council', 'South East', 'England');
    council('Surrey County Council', 'South East', 'England');
    council('Cardiff Council', '', 'Wales');
    council('Swansea Council', '', 'Wales');
    const leeds = firstTimer('Leeds City Council');
    const cardiff = firstTimer('Cardiff Council');
    buddy('Kent County Council');
    const york = buddy('City of York Council');
    buddy('Surrey County Council');
    const swansea = buddy('Swansea Council');
    clock.set(new Date(campStarts - 7 * day));
    expect(pairDueBuddies(db, clock.now(), links)).toBe(2);
    const pairs = buddyOverview(db, event.id).pairs.map((p) => [p.firstTimer.personId, p.buddy.personId]);
    expect(pairs.sort()).toEqual(
      [
        [leeds.personId, york.personId],
        [cardiff.personId, swansea.personId],
      ].sort(),
    );
  });

  it('pairs later registrations on the next run, and never once the camp has started', () => {
    buddy('York');
    clock.set(new Date(campStarts - 3 * day));
    firstTimer('Leeds');
    expect(pairDueBuddies(db, clock.now(), links)).toBe(1);
    firstTimer('Kent');
    expect(pairDueBuddies(db, clock.now(), links)).toBe(1);
    firstTimer('Hull');
    clock.set(new Date(campStarts));
    expect(pairDueBuddies(db, clock.now(), links)).toBe(0);
    expect(buddyOverview(db, event.id).waiting).toHaveLength(1);
  });

  it('follows the days before the camp that the organisers set', () => {
    setBuddyTiming(db, clock.now(), event.id, 14);
    firstTimer('Leeds');
    buddy('York');
    clock.set(new Date(campStarts - 14 * day));
    expect(pairDueBuddies(db, clock.now(), links)).toBe(1);
  });

  it('shares addresses only when both agreed, and otherwise says where to meet on the morning', () => {
    const f = firstTimer('Leeds', true);
    const b = buddy('York', false);
    clock.set(new Date(campStarts - 7 * day));
    pairDueBuddies(db, clock.now(), links);
    const [toFirstTimer, toBuddy] = introductions();
    const buddyEmail = findPersonById(b.personId);
    const firstTimerEmail = findPersonById(f.personId);
    expect(toFirstTimer!.textBody).not.toContain(buddyEmail);
    expect(toBuddy!.textBody).not.toContain(firstTimerEmail);
    expect(toFirstTimer!.textBody).toContain('Meet at the welcome desk at Civic Hall when the camp opens');
  });

  it('puts both addresses in the introductions when both agreed', () => {
    const f = firstTimer('Leeds', true);
    const b = buddy('York', true);
    clock.set(new Date(campStarts - 7 * day));
    pairDueBuddies(db, clock.now(), links);
    const [toFirstTimer, toBuddy] = introductions();
    expect(toFirstTimer!.textBody).toContain(findPersonById(b.personId));
    expect(toBuddy!.textBody).toContain(findPersonById(f.personId));
  });

  it('gives a first-timer a new buddy when theirs releases their place', () => {
    const f = firstTimer('Leeds');
    const first = buddy('York');
    clock.set(new Date(campStarts - 7 * day));
    pairDueBuddies(db, clock.now(), links);
    const second = buddy('Kent');
    releasePlace(db, clock.now(), links, first.id);
    expect(pairDueBuddies(db, clock.now(), links)).toBe(1);
    expect(buddyOverview(db, event.id).pairs.map((p) => [p.firstTimer.personId, p.buddy.personId])).toEqual([[f.personId, second.personId]]);
    expect(introductions().filter((m) => m.toAddress === findPersonById(f.personId))).toHaveLength(2);
  });

  it('lets organisers choose another buddy, up to two first-timers each', () => {
    const [a, b, c] = [firstTimer('Leeds'), firstTimer('Hull'), firstTimer('Kent')];
    const york = buddy('York');
    chooseBuddy(db, clock.now(), links, event, a.personId, york.personId);
    chooseBuddy(db, clock.now(), links, event, b.personId, york.personId);
    expect(violation(() => chooseBuddy(db, clock.now(), links, event, c.personId, york.personId)).buddy).toContain('already looks after 2 first-timers');
    expect(buddyOverview(db, event.id).pairs).toHaveLength(2);
  });

  it('forgets everything about buddies when a person deletes their details, and pairs their first-timer again', () => {
    const f = firstTimer('Leeds');
    buddy('York');
    buddy('Kent');
    clock.set(new Date(campStarts - 7 * day));
    pairDueBuddies(db, clock.now(), links);
    const paired = buddyOverview(db, event.id).pairs[0]!.buddy.personId;
    deletePersonalDetails(db, clock.now(), links, findPerson(db, paired)!);
    expect(db.select().from(buddyChoices).all().some((c) => c.personId === paired)).toBe(false);
    expect(db.select().from(buddyPairs).all()).toEqual([]);
    expect(pairDueBuddies(db, clock.now(), links)).toBe(1);
    expect(buddyOverview(db, event.id).pairs[0]!.firstTimer.personId).toBe(f.personId);
  });

  function findPersonById(id: number): string {
    return db.$client.prepare('select email from people where id = ?').pluck().get(id) as string;
  }
});

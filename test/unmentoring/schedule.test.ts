import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db/open.ts';
import { runTimedWork } from '../../src/jobs.ts';
import { unmentoringRounds } from '../../src/unmentoring/unmentoring.table.ts';
import { joinUnmentoring, nextScheduledRoundOn, setRoundSchedule, startRound, startScheduledRound } from '../../src/unmentoring/unmentoring.ts';
import { freshDatabase } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person } from '../helpers/people.ts';
import { links } from '../helpers/tickets.ts';

describe('UnMentoring rounds on a schedule', () => {
  let db: Database;
  // Midday in London, so the day is the same in UTC and BST.
  const clock = new FixedClock(new Date('2027-03-01T12:00:00Z'));
  const on = (day: string) => clock.set(new Date(`${day}T12:00:00Z`));
  const rounds = () => db.select().from(unmentoringRounds).all();
  const run = () => runTimedWork(db, clock.now(), links);

  beforeEach(() => {
    db = freshDatabase().db;
    for (const [name, organisation] of [['Ann', 'Leeds'], ['Bob', 'York']]) {
      joinUnmentoring(db, clock.now(), person(db, `${name!.toLowerCase()}@example.org`, { name }).id, { organisation: organisation!, topics: 'Anything' });
    }
  });
  afterEach(() => db.$client.close());

  it('starts one round a month on or after day N, introducing people by email, however often the job runs', () => {
    setRoundSchedule(db, 10);
    on('2027-03-09');
    run();
    expect(rounds()).toEqual([]);
    expect(nextScheduledRoundOn(db, clock.now())).toBe('2027-03-10');
    on('2027-03-10');
    run();
    run();
    expect(rounds()).toHaveLength(1);
    expect(rounds()[0]!.startedBy).toBeNull();
    expect(outboxMessages(db).filter((m) => m.subject.startsWith('UnMentoring: meet')).map((m) => m.toAddress).sort()).toEqual(['ann@example.org', 'bob@example.org']);
    expect(nextScheduledRoundOn(db, clock.now())).toBe('2027-04-10');
    on('2027-03-31');
    run();
    expect(rounds()).toHaveLength(1);
    // Missed days (the server was down) still give that month's round, once.
    on('2027-04-20');
    expect(startScheduledRound(db, clock.now(), links.baseUrl)).not.toBeNull();
    expect(startScheduledRound(db, clock.now(), links.baseUrl)).toBeNull();
    expect(rounds()).toHaveLength(2);
  });

  it('counts a round started by hand this month as the month’s round', () => {
    setRoundSchedule(db, 1);
    on('2027-05-02');
    startRound(db, clock.now(), { startedBy: 1, baseUrl: links.baseUrl });
    expect(nextScheduledRoundOn(db, clock.now())).toBe('2027-06-01');
    run();
    expect(rounds()).toHaveLength(1);
    on('2027-06-01');
    run();
    expect(rounds()).toHaveLength(2);
  });

  it('takes the month in London time: a round just after midnight BST on the 1st belongs to the new month', () => {
    setRoundSchedule(db, 1);
    clock.set(new Date('2027-06-30T23:30:00Z')); // 00:30 on 1 July in London
    run();
    expect(rounds()).toHaveLength(1);
    clock.set(new Date('2027-07-15T12:00:00Z'));
    run();
    expect(rounds()).toHaveLength(1);
  });

  it('never starts a round when the schedule is never, nor when too few people take part', () => {
    on('2027-03-15');
    run();
    setRoundSchedule(db, 3);
    setRoundSchedule(db, null);
    run();
    expect(nextScheduledRoundOn(db, clock.now())).toBeNull();
    expect(rounds()).toEqual([]);
    setRoundSchedule(db, 3);
    db.$client.prepare('delete from unmentoring_members where person_id = (select id from people where email = ?)').run('bob@example.org');
    expect(startScheduledRound(db, clock.now(), links.baseUrl)).toBeNull();
    expect(rounds()).toEqual([]);
  });
});

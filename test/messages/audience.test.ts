import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/open.ts';
import { audienceOf, groupChoices } from '../../src/messages/audience.ts';
import { restartAnnouncements, stopAnnouncements } from '../../src/messages/unsubscribe.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { person } from '../helpers/people.ts';
import { campWithEveryone } from './camp.ts';

describe('who a message reaches', () => {
  let db: Database;
  let camp: ReturnType<typeof campWithEveryone>;
  beforeEach(() => {
    db = freshDatabase().db;
    camp = campWithEveryone(db, testNow);
  });
  afterEach(() => db.$client.close());

  const mailboxes = (groups: string[], now = testNow) => audienceOf(db, now, camp.event.id, groups).recipients.map((r) => r.mailbox).sort();

  it('offers each ticket type and every group, in the camp’s words', () => {
    expect(groupChoices(db, camp.event.id).map((c) => c.text)).toEqual([
      'Confirmed places on Camp day',
      'Confirmed places on Makers day',
      'Everyone with a confirmed place',
      'Everyone on a waiting list',
      'Everyone who checked in',
      'No-shows',
      'First-timers',
      'Councillors',
      'Facilitators',
      'Sponsor contacts',
    ]);
  });

  it('finds the people in each group', () => {
    expect(mailboxes([`ticket-type:${camp.campDay.id}`])).toEqual(['ana@example.org', 'cat@example.org']);
    expect(mailboxes([`ticket-type:${camp.makersDay.id}`])).toEqual(['ana@example.org', 'dan@example.org']);
    expect(mailboxes(['confirmed'])).toEqual(['ana@example.org', 'cat@example.org', 'dan@example.org']);
    expect(mailboxes(['waiting'])).toEqual(['ben@example.org']);
    expect(mailboxes(['checked-in'])).toEqual(['cat@example.org']);
    expect(mailboxes(['first-timers'])).toEqual(['ana@example.org']);
    expect(mailboxes(['councillors'])).toEqual(['ana@example.org']);
    // Fay's pitch was withdrawn: she runs nothing.
    expect(mailboxes(['facilitators'])).toEqual(['dan@example.org']);
    expect(mailboxes(['sponsor-contacts'])).toEqual(['dan@example.org', 'eve@acme.example']);
  });

  it('counts no-shows only once the day is over: confirmed and never checked in', () => {
    expect(mailboxes(['no-shows'])).toEqual([]);
    expect(mailboxes(['no-shows'], new Date('2027-06-20T09:00:00Z'))).toEqual(['ana@example.org', 'dan@example.org']);
  });

  it('writes to each person once however many groups they are in, their own mailbox whatever address a group knows', () => {
    const everyGroup = groupChoices(db, camp.event.id).map((c) => c.value);
    const { recipients, leftOut } = audienceOf(db, testNow, camp.event.id, everyGroup);
    expect(recipients.map((r) => r.email).sort()).toEqual(['ana@example.org', 'ben@example.org', 'cat@example.org', 'dan@example.org', 'eve@acme.example']);
    expect(leftOut).toBe(0);
    // Dan as a sponsor's contact alone is written to at the address the sponsor gave.
    expect(audienceOf(db, testNow, camp.event.id, ['sponsor-contacts']).recipients.map((r) => r.email)).toEqual(['dan+sponsors@example.org', 'eve@acme.example']);
  });

  it('leaves out whoever stopped announcements, under any address of their mailbox, and counts them', () => {
    stopAnnouncements(db, testNow, person(db, 'Dan+Other@example.org'));
    const { recipients, leftOut } = audienceOf(db, testNow, camp.event.id, ['confirmed', 'sponsor-contacts']);
    expect(recipients.map((r) => r.mailbox).sort()).toEqual(['ana@example.org', 'cat@example.org', 'eve@acme.example']);
    expect(leftOut).toBe(1);
    restartAnnouncements(db, camp.dan);
    expect(mailboxes(['confirmed'])).toContain('dan@example.org');
  });

  it('reaches nobody when the groups are empty', () => {
    expect(audienceOf(db, testNow, camp.event.id, ['no-shows'])).toEqual({ recipients: [], leftOut: 0 });
  });
});

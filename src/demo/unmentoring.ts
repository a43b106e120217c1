import type { Db } from '../db/open.ts';
import { findOrCreatePerson } from '../people/people.ts';
import { joinUnmentoring, skipNextRound, startRound } from '../unmentoring/unmentoring.ts';
import { demoAttendee } from './tickets.ts';

const day = 86_400_000;
const topics = [
  'Moving a service online without leaving people behind',
  'Being the only digital person in the building',
  'Open data, and getting anyone to use it',
  'Managing a team for the first time',
  'Working with councillors',
  'Leaving a legacy system',
  'User research on no budget at all',
  'Careers in local government',
  '',
];

/**
 * The site's UnMentoring scheme: 28 of the demo's people across councils and suppliers, two
 * rounds already run (eight and four weeks ago, introduced quietly: seeding sends no email),
 * four who joined since, and one sitting the next round out.
 */
export function seedDemoUnmentoring(db: Db, now: Date, organiserId: number): void {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
  const member = (n: number, daysAgo: number) => {
    const details = demoAttendee(n);
    const person = findOrCreatePerson(db, at(daysAgo), details.email, details.name);
    joinUnmentoring(db, at(daysAgo), person.id, { organisation: details.organisation, topics: topics[n % topics.length]! });
    return person.id;
  };
  for (let n = 3; n <= 72; n += 3) member(n, 70);
  startRound(db, at(56), { startedBy: organiserId, baseUrl: '', seed: 56, notify: false });
  startRound(db, at(28), { startedBy: organiserId, baseUrl: '', seed: 28, notify: false });
  for (const n of [101, 104, 107, 110]) member(n, 10);
  skipNextRound(db, member(9, 70), true);
}

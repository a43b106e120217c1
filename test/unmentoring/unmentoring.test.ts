import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/open.ts';
import { findPerson } from '../../src/people/people.ts';
import { deletePersonalDetails } from '../../src/tickets/privacy.ts';
import { unmentoringMembers } from '../../src/unmentoring/unmentoring.table.ts';
import { historyOf, joinUnmentoring, leaveUnmentoring, skipNextRound, startRound, unmentoringFigures } from '../../src/unmentoring/unmentoring.ts';
import { freshDatabase, testNow } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person } from '../helpers/people.ts';
import { violation } from '../helpers/rules.ts';
import { links } from '../helpers/tickets.ts';

describe('UnMentoring rounds', () => {
  let db: Database;
  beforeEach(() => {
    db = freshDatabase().db;
  });
  afterEach(() => db.$client.close());

  const member = (name: string, organisation: string) => {
    const who = person(db, `${name.toLowerCase()}@example.org`, { name });
    joinUnmentoring(db, testNow, who.id, { organisation, topics: `${name}'s topic` });
    return who;
  };
  const round = (seed: number) => startRound(db, testNow, { startedBy: 1, baseUrl: links.baseUrl, seed });

  it('pairs everyone taking part, one trio for an odd number, and introduces each group with their addresses and topics', () => {
    const [ann, bob, cat] = [member('Ann', 'Leeds'), member('Bob', 'York'), member('Cat', 'Kent')];
    expect(round(1)).toMatchObject({ groups: 1, unpaired: 0 });
    const toAnn = outboxMessages(db).find((m) => m.toAddress === ann.email)!;
    expect(toAnn.textBody).toContain(bob.email);
    expect(toAnn.textBody).toContain(cat.email);
    expect(toAnn.textBody).toContain("Would like to talk about: Bob's topic");
    expect(historyOf(db, ann.id)[0]!.met.map((m) => m.name).sort()).toEqual(['Bob', 'Cat']);
  });

  it('never pairs people from one organisation when another pairing exists, nor anyone met in the last six rounds', () => {
    const people = [member('Ann', 'Leeds City Council'), member('Ali', 'Leeds'), member('Bob', 'York'), member('Bea', 'York')];
    const seen = new Set<string>();
    for (let k = 0; k < 2; k++) {
      round(k + 10);
      for (const p of people) {
        const met = historyOf(db, p.id)[0]!.met;
        expect(met).toHaveLength(1);
        expect(met[0]!.organisation.startsWith(p.name === 'Ann' || p.name === 'Ali' ? 'Leeds' : 'York')).toBe(false);
        const pair = [p.name, met[0]!.name].sort().join('+');
        if (k === 0) seen.add(pair);
        else expect(seen.has(pair)).toBe(false);
      }
    }
  });

  it('leaves out whoever skips the round (once) and whoever leaves, and refuses a round of fewer than two', () => {
    const [ann, bob, cat] = [member('Ann', 'Leeds'), member('Bob', 'York'), member('Cat', 'Kent')];
    skipNextRound(db, cat.id, true);
    leaveUnmentoring(db, bob.id);
    expect(violation(() => round(2))).toEqual({ form: 'A round needs at least two people taking part' });
    member('Dan', 'Hull');
    expect(round(3)).toMatchObject({ groups: 1 });
    expect(historyOf(db, cat.id)).toEqual([]);
    expect(historyOf(db, ann.id)[0]!.met.map((m) => m.name)).toEqual(['Dan']);
    expect(db.select().from(unmentoringMembers).all().find((m) => m.personId === cat.id)!.skipNextRound).toBe(false);
  });

  it('shows administrators the number of pairs and organisations connected in each round, never who met whom', () => {
    member('Ann', 'Leeds');
    member('Bob', 'York');
    member('Cat', 'Kent');
    member('Dan', 'Hull council');
    round(4);
    expect(unmentoringFigures(db)).toMatchObject({ active: 4, skipping: 0, rounds: [{ pairs: 2, organisations: 4 }] });
  });

  it('takes a person who deletes their details out of UnMentoring and their partners’ history', () => {
    const [ann, bob] = [member('Ann', 'Leeds'), member('Bob', 'York')];
    round(5);
    deletePersonalDetails(db, testNow, links, findPerson(db, bob.id)!);
    expect(db.select().from(unmentoringMembers).all().map((m) => m.personId)).toEqual([ann.id]);
    expect(historyOf(db, ann.id)[0]!.met).toEqual([]);
  });
});

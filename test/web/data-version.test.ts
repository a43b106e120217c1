import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/open.ts';
import { ticketTypes } from '../../src/tickets/tickets.table.ts';
import { dataVersionOf, readOncePerVersion } from '../../src/web/data-version.ts';
import { Agent } from '../helpers/agent.ts';
import { freshDatabase, makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { publishedCamp, ticketType } from '../helpers/tickets.ts';

describe('reads kept until the data changes', () => {
  let db: Database;
  beforeEach(() => ({ db } = freshDatabase()));
  afterEach(() => db.$client.close());

  it('reads each key once between two writes, and afresh after any write', () => {
    const { event } = publishedCamp(db, testNow);
    const reads: string[] = [];
    const nameOf = readOncePerVersion(dataVersionOf(db.$client), (slug: string) => {
      reads.push(slug);
      return slug === event.slug ? event.name : null;
    });
    expect([nameOf(event.slug), nameOf(event.slug), nameOf('elsewhere'), nameOf('elsewhere')]).toEqual([event.name, event.name, null, null]);
    expect(reads).toEqual([event.slug, 'elsewhere']);
    // Any write at all, even to a table the read does not touch, reads again.
    ticketType(db, testNow, event);
    nameOf(event.slug);
    expect(reads).toEqual([event.slug, 'elsewhere', event.slug]);
  });

  it('keeps only so many answers between two writes, however many keys are asked for', () => {
    let reads = 0;
    const echo = readOncePerVersion(() => 'unchanging', (key: number) => (reads++, key), 3);
    for (const key of [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]) expect(echo(key)).toBe(key);
    expect(reads).toBe(7);
  });
});

describe('registering in a rush reads its event and ticket type once per change', () => {
  let t: TestApp;
  beforeEach(async () => (t = await makeApp()));
  afterEach(() => t.close());

  it('still sees a ticket type closed a moment ago', async () => {
    const { event } = publishedCamp(t.db, t.clock.now());
    const type = ticketType(t.db, t.clock.now(), event, { capacity: 10 });
    const form = (email: string) => ({ ticketTypeId: String(type.id), name: 'Rushing Person', email, role: 'citizen', firstCamp: 'no', codeOfConduct: 'yes' });
    const agent = new Agent(t.app);
    await agent.get(`/events/${event.slug}/register`);
    expect((await agent.post(`/events/${event.slug}/register`, form('one@example.org'))).statusCode).toBe(303);
    t.db.update(ticketTypes).set({ closesAt: t.clock.now().getTime() - 1 }).where(eq(ticketTypes.id, type.id)).run();
    const refused = await agent.post(`/events/${event.slug}/register`, form('two@example.org'));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(`Registration for ${type.name} has closed`);
  });
});

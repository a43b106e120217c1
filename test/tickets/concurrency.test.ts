import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registrations } from '../../src/tickets/tickets.table.ts';
import { openRegisterPage, rushAgent, submitRegistration } from '../../bench/support/registration-client.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { attendee, links, publishedCamp, ticketType } from '../helpers/tickets.ts';
import { registerAttendee } from '../../src/tickets/register.ts';

describe('many people registering at the same moment over real connections', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeEach(async () => {
    t = await makeApp({ REGISTRATIONS_PER_IP_PER_MINUTE: '1000' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterEach(() => t.close());

  it('gives the last 5 places to exactly 5 of 60 people and puts the other 55 on the waiting list, with no errors', async () => {
    const { event } = publishedCamp(t.db, t.clock.now());
    const type = ticketType(t.db, t.clock.now(), event, { capacity: 20 });
    for (let i = 0; i < 15; i++) registerAttendee(t.db, t.clock.now(), links, { event, type, details: attendee() });
    const csrf = await openRegisterPage(baseUrl, event.slug);
    const agent = rushAgent(60);

    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => submitRegistration(agent, baseUrl, { slug: event.slug, ticketTypeId: type.id, csrf }, { name: `Racer ${i}`, email: `racer${i}@example.org` })),
    );
    agent.destroy();

    expect(answers.map((a) => a.status)).toEqual(Array(60).fill(303));
    // Each is told to check their email; who got which is in the database (and their email).
    expect(answers.map((a) => a.outcome)).toEqual(Array(60).fill('check-email'));
    const held = t.db.select().from(registrations).where(and(eq(registrations.ticketTypeId, type.id), eq(registrations.status, 'confirmed'))).all();
    expect(held).toHaveLength(20);
    const waiting = t.db.select().from(registrations).where(and(eq(registrations.ticketTypeId, type.id), eq(registrations.status, 'waiting'))).all();
    expect(waiting).toHaveLength(55);
    // The queue is a strict order: positions 1…55, none shared.
    expect(new Set(waiting.map((r) => r.queueOrder)).size).toBe(55);
  });

  it('registers someone who submits the form twice at once only once', async () => {
    const { event } = publishedCamp(t.db, t.clock.now());
    const type = ticketType(t.db, t.clock.now(), event, { capacity: 2 });
    const csrf = await openRegisterPage(baseUrl, event.slug);
    const agent = rushAgent(10);

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => submitRegistration(agent, baseUrl, { slug: event.slug, ticketTypeId: type.id, csrf }, { name: 'Sam Eager', email: 'sam@example.org' })),
    );
    agent.destroy();

    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(303));
    expect(answers.map((a) => a.outcome)).toEqual(Array(10).fill('check-email'));
    expect(t.db.select().from(registrations).where(eq(registrations.ticketTypeId, type.id)).all()).toHaveLength(1);
  });
});

import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/open.ts';
import { people } from '../../src/people/people.table.ts';
import { findOrCreatePerson, type Person } from '../../src/people/people.ts';
import { startBrowserSession } from '../../src/people/sign-in.ts';
import { sessionCookie } from '../../src/web/sessions.ts';
import { Agent } from './agent.ts';

export function person(db: Db, email: string, options: { administrator?: boolean; name?: string } = {}): Person {
  const p = findOrCreatePerson(db, new Date(), email, options.name ?? '');
  if (options.administrator) return db.update(people).set({ isAdministrator: true }).where(eq(people.id, p.id)).returning().get();
  return p;
}

/** An agent already signed in as this person (the sign-in journey itself has its own tests). */
export async function signedInAgent(app: FastifyInstance, who: Person): Promise<Agent> {
  const agent = new Agent(app);
  const token = startBrowserSession(app.campgrid.db, app.campgrid.clock.now(), who.id);
  agent.setCookie(sessionCookie, app.signCookie(token));
  await agent.get('/me');
  return agent;
}

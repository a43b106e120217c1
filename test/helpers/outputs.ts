import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { FixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/open.ts';
import { demoSlug } from '../../src/demo/seed.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { seedDemoCamp } from '../../src/demo/seed.ts';
import type { CampEvent } from '../../src/events/events.ts';
import { latestPublished } from '../../src/grid/published-versions.ts';
import type { PublishedSession } from '../../src/grid/published.ts';
import type { Person } from '../../src/people/people.ts';
import { freshDatabase, testNow } from './app.ts';
import { copyOf } from './demo-template.ts';
import { person } from './people.ts';

let template: string | undefined;

/** A copy of the seeded demo camp (published grid, interest, attendees), seeded once per file. */
export function demoCampCopy(): string {
  if (!template) {
    const { db, path, dir } = freshDatabase();
    seedDemoCamp(db, testNow, 'http://campgrid.test', dir);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.close();
    template = path;
  }
  return copyOf(template);
}

export interface SessionPeople {
  event: CampEvent;
  session: PublishedSession;
  facilitator: Person;
  interested: Person;
  stranger: Person;
  organiser: Person;
}

/** A session of the demo camp with a named facilitator and someone who said they would go. */
export function sessionPeople(db: Database, event: CampEvent): SessionPeople {
  const sql = db.$client;
  const grid = latestPublished(db, event.id)!;
  const session = grid.sessions.find((s) => !s.cancelled && s.facilitators.some((f) => f.key.startsWith('u')))!;
  const byId = (id: number) => sql.prepare('select * from people where id = ?').get(id) as { email: string };
  const facilitatorId = Number(session.facilitators.find((f) => f.key.startsWith('u'))!.key.slice(1));
  const interestedId = (sql.prepare('select person_id as id from interest where pitch_id = ? and person_id != ? limit 1').get(session.pitchId, facilitatorId) as { id: number }).id;
  return {
    event,
    session,
    facilitator: person(db, byId(facilitatorId).email),
    interested: person(db, byId(interestedId).email),
    stranger: person(db, 'stranger@example.org', { name: 'Stranger' }),
    organiser: person(db, 'organiser@demo.campgrid.example'),
  };
}

export interface DemoCampApp {
  app: FastifyInstance;
  db: Database;
  clock: FixedClock;
  camp: SessionPeople;
  close: () => Promise<void>;
}

/** The real app serving a copy of the demo camp, with one session's people; env adds to its config. */
export async function demoCampApp(env: Record<string, string> = {}, options: { startMail?: boolean } = {}): Promise<DemoCampApp> {
  const path = demoCampCopy();
  const db = openDatabase(path);
  const clock = new FixedClock(testNow);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: path, DATA_DIR: join(path, '..'), LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.test', ...env });
  const app = await buildApp(config, { db, clock, startMail: options.startMail ?? false, logger: false });
  await app.ready();
  const camp = sessionPeople(db, findEventBySlug(db, demoSlug)!);
  return {
    app,
    db,
    clock,
    camp,
    close: async () => {
      await app.close();
      db.$client.close();
    },
  };
}

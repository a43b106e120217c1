import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { buddyOverview } from '../src/buddies/buddies.ts';
import { FixedClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/open.ts';
import { demoSlug } from '../src/demo/seed.ts';
import { findEventBySlug, type CampEvent } from '../src/events/events.ts';
import { latestPublished } from '../src/grid/published-versions.ts';
import { findOutputs } from '../src/outputs/finding.ts';
import { councilsWithOutputs } from '../src/outputs/finding-filters.ts';
import { pitchBoard } from '../src/pitches/board.ts';
import { themeBalance } from '../src/themes/balance.ts';
import { themesOf } from '../src/themes/themes.ts';
import { unmentoringFigures } from '../src/unmentoring/unmentoring.ts';
import { Agent } from './helpers/agent.ts';
import { outboxMessages } from './helpers/outbox.ts';
import { testNow } from './helpers/app.ts';
import { demoCampCopy } from './helpers/outputs.ts';

describe('the demo’s outputs, themes, buddies and UnMentoring', () => {
  let db: Database;
  let app: FastifyInstance;
  let coming: CampEvent;
  let lastYear: CampEvent;
  beforeAll(async () => {
    const path = demoCampCopy();
    db = openDatabase(path);
    app = await buildApp(loadConfig({ NODE_ENV: 'test', DATABASE_PATH: path, DATA_DIR: join(path, '..'), LOG_LEVEL: 'silent', BASE_URL: 'http://campgrid.test' }), { db, clock: new FixedClock(testNow), startMail: false, logger: false });
    await app.ready();
    coming = findEventBySlug(db, demoSlug)!;
    lastYear = findEventBySlug(db, `${demoSlug}-2026`)!;
  });
  afterAll(async () => {
    await app.close();
    db.$client.close();
  });

  it('has last year’s camp with a published grid, and outputs on most of its sessions: notes, links and actions under CC BY 4.0', () => {
    expect(lastYear.status).toBe('archived');
    const sessions = latestPublished(db, lastYear.id)!.sessions;
    expect(sessions).toHaveLength(16);
    const made = findOutputs(db, { eventId: lastYear.id, limit: 100 }).outputs;
    expect(new Set(made.map((o) => o.pitchId)).size).toBe(13);
    expect(new Set(made.map((o) => o.kind))).toEqual(new Set(['notes', 'link', 'action']));
    expect(new Set(made.map((o) => o.licence))).toEqual(new Set(['CC-BY-4.0']));
    expect(made.every((o) => o.by !== 'a participant' && sessions.some((s) => s.pitchId === o.pitchId && o.createdAt > s.endsAt))).toBe(true);
  });

  it('has themes on both camps’ pitches, every pitch of the coming camp tagged', () => {
    expect(themesOf(db, coming.id).map((th) => th.name)).toEqual(['Data', 'Democracy', 'Design', 'People', 'Places', 'Technology']);
    expect(pitchBoard(db, coming.id, null).filter((p) => p.themes.length === 0)).toEqual([]);
    const balance = themeBalance(db, lastYear.id);
    expect(balance.every((b) => b.pitched > 0 && b.scheduled === b.pitched)).toBe(true);
  });

  it('finds last year’s outputs on /outputs by theme and by council', async () => {
    const councils = councilsWithOutputs(db);
    expect(councils.length).toBeGreaterThan(2);
    const visitor = new Agent(app);
    const democracy = await visitor.get('/outputs?theme=democracy');
    expect(democracy.body).toContain('What made assemblies work');
    expect(democracy.body).not.toContain('Myths we busted');
    const council = await visitor.get(`/outputs?council=${councils[0]!.id}&q=`);
    expect(council.statusCode).toBe(200);
    expect(council.body).toMatch(/\d+ outputs? found/);
  });

  it('has first-timers asking for a buddy and returners offering to be one at the coming camp', () => {
    const buddies = buddyOverview(db, coming.id);
    expect(buddies.waiting.length).toBeGreaterThan(10);
    expect(buddies.buddies.length).toBeGreaterThan(10);
  });

  it('has an UnMentoring scheme with active members and two past rounds, run without emailing anyone', () => {
    const figures = unmentoringFigures(db);
    expect([figures.active, figures.skipping]).toEqual([27, 1]);
    expect(figures.rounds.map((r) => r.pairs)).toEqual([12, 12]);
    expect(figures.rounds.every((r) => r.organisations > 5)).toBe(true);
    expect(outboxMessages(db).filter((m) => m.subject.startsWith('UnMentoring'))).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unmentoringMembers } from '../../src/unmentoring/unmentoring.table.ts';
import { roundSchedule } from '../../src/unmentoring/unmentoring.ts';
import { errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, type TestApp } from '../helpers/app.ts';
import { outboxMessages } from '../helpers/outbox.ts';
import { person, signedInAgent } from '../helpers/people.ts';

describe('joining UnMentoring and starting a round', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(() => t.close());

  it('says on the join page that joining shares the address with partners, and keeps what was typed when topics are missing', async () => {
    const ann = await signedInAgent(t.app, person(t.db, 'ann@example.org', { name: 'Ann' }));
    const page = await ann.get('/unmentoring');
    expect(page.body).toContain('Joining is your agreement that your name, email address, organisation and what you would like to talk about are sent to the people you are paired with');
    const bad = await ann.post('/unmentoring', { organisation: 'Leeds <City> Council', topics: '   ' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Say what you would like to talk about']);
    expect(inputValue(bad.body, 'organisation')).toBe('Leeds <City> Council');
    expect(bad.body).toContain('Leeds &lt;City&gt; Council');
    const tooLong = await ann.post('/unmentoring', { organisation: 'Leeds', topics: 'x'.repeat(501) });
    expect(errorSummary(tooLong.body)).toEqual(['What you would like to talk about must be 500 characters or fewer']);
    expect(t.db.select().from(unmentoringMembers).all()).toEqual([]);
  });

  it('lets a person join, skip a round, come back and leave', async () => {
    const who = person(t.db, 'ann@example.org', { name: 'Ann' });
    const ann = await signedInAgent(t.app, who);
    expect((await ann.post('/unmentoring', { organisation: 'Leeds', topics: 'Open data' })).headers.location).toBe('/unmentoring?done=joined');
    expect((await ann.post('/unmentoring/skip', {})).headers.location).toBe('/unmentoring?done=skipping');
    expect((await ann.get('/unmentoring')).body).toContain('You are sitting out the next round.');
    expect((await ann.post('/unmentoring/return', {})).headers.location).toBe('/unmentoring?done=back');
    expect((await ann.post('/unmentoring/leave', {})).headers.location).toBe('/unmentoring?done=left');
    expect(t.db.select().from(unmentoringMembers).all()).toEqual([]);
    const notMember = await ann.post('/unmentoring/skip', {});
    expect(notMember.statusCode).toBe(400);
    expect(errorSummary(notMember.body)).toEqual(['Join UnMentoring first']);
  });

  it('lets an administrator start a round, which introduces each pair, and shows the figures', async () => {
    for (const [email, organisation] of [['ann@example.org', 'Leeds'], ['bob@example.org', 'York']] as const) {
      const agent = await signedInAgent(t.app, person(t.db, email, { name: email.split('@')[0] }));
      await agent.post('/unmentoring', { organisation, topics: 'Anything' });
    }
    const admin = await signedInAgent(t.app, person(t.db, 'admin@example.org', { administrator: true }));
    const started = await admin.post('/admin/unmentoring/rounds', {});
    expect(started.headers.location).toBe('/admin/unmentoring?done=started');
    expect(outboxMessages(t.db).filter((m) => m.subject.startsWith('UnMentoring: meet')).map((m) => m.toAddress).sort()).toEqual(['ann@example.org', 'bob@example.org']);
    const figures = await admin.get('/admin/unmentoring');
    expect(figures.body).toMatch(/<td class="govuk-table__cell govuk-table__cell--numeric">1<\/td><td class="govuk-table__cell govuk-table__cell--numeric">2<\/td>/);
    expect(figures.body).not.toContain('ann@example.org');
  });

  it('lets an administrator start rounds monthly on a day from 1 to 28, keeping what was typed when the day is wrong', async () => {
    const admin = await signedInAgent(t.app, person(t.db, 'admin@example.org', { administrator: true }));
    expect((await admin.get('/admin/unmentoring')).body).toContain('Rounds start only when an administrator starts one.');
    const bad = await admin.post('/admin/unmentoring/schedule', { schedule: 'monthly', dayOfMonth: '31' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Day of the month must be a whole number from 1 to 28']);
    expect(inputValue(bad.body, 'dayOfMonth')).toBe('31');
    expect(errorSummary((await admin.post('/admin/unmentoring/schedule', { schedule: 'monthly', dayOfMonth: '' })).body)).toEqual(['Enter the day of the month rounds start']);
    expect(errorSummary((await admin.post('/admin/unmentoring/schedule', { schedule: 'weekly' })).body)).toEqual(['Choose whether rounds start automatically']);
    expect(errorSummary((await admin.post('/admin/unmentoring/schedule', { schedule: 'never', dayOfMonth: 'soon' })).body)).toEqual(['Day of the month must be a whole number from 1 to 28']);
    expect(roundSchedule(t.db)).toBeNull();
    const saved = await admin.post('/admin/unmentoring/schedule', { schedule: 'monthly', dayOfMonth: '5' });
    expect(saved.headers.location).toBe('/admin/unmentoring?done=scheduled');
    expect(roundSchedule(t.db)).toBe(5);
    const page = await admin.get('/admin/unmentoring');
    expect(page.body).toContain('The next automatic round is due on');
    expect(inputValue(page.body, 'dayOfMonth')).toBe('5');
    expect((await admin.post('/admin/unmentoring/schedule', { schedule: 'never', dayOfMonth: '5' })).headers.location).toBe('/admin/unmentoring?done=scheduled');
    expect(roundSchedule(t.db)).toBeNull();
  });

  it('lets only administrators change the schedule, and only with the form’s token', async () => {
    const ann = await signedInAgent(t.app, person(t.db, 'ann@example.org'));
    const refused = await ann.post('/admin/unmentoring/schedule', { schedule: 'monthly', dayOfMonth: '5' });
    expect((await ann.get('/admin/unmentoring')).statusCode).toBe(refused.statusCode);
    expect([302, 303, 403]).toContain(refused.statusCode);
    const admin = await signedInAgent(t.app, person(t.db, 'admin@example.org', { administrator: true }));
    expect((await admin.post('/admin/unmentoring/schedule', { schedule: 'monthly', dayOfMonth: '5', _csrf: 'forged' })).statusCode).toBe(403);
    expect(roundSchedule(t.db)).toBeNull();
  });
});

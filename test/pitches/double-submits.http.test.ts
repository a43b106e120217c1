import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pitches } from '../../src/pitches/pitches.table.ts';
import { errorSummary, inputValue } from '../helpers/agent.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { twoDayCamp, type TwoDayCamp } from '../helpers/camp.ts';
import { signedInAgent } from '../helpers/people.ts';

describe('the same pitch form sent twice (a double click, a resend after a timeout)', () => {
  let t: TestApp;
  let camp: TwoDayCamp;
  beforeEach(async () => {
    t = await makeApp();
    camp = twoDayCamp(t.db, testNow);
  });
  afterEach(async () => t.close());

  it('makes one pitch, and both sends lead to it', async () => {
    const ana = await signedInAgent(t.app, registeredAttendee(t.db, camp.event, 'ana@example.org'));
    const submission = inputValue((await ana.get('/events/localgovcamp-2027/pitches/new')).body, 'submission')!;
    expect(submission).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const form = { submission, title: 'Open data', format: 'discussion' };
    const [first, second] = await Promise.all([ana.post('/events/localgovcamp-2027/pitches/new', form), ana.post('/events/localgovcamp-2027/pitches/new', form)]);
    expect(first.headers.location).toBe(second.headers.location);
    expect(t.db.select().from(pitches).all()).toHaveLength(1);
    const next = inputValue((await ana.get('/events/localgovcamp-2027/pitches/new')).body, 'submission');
    expect(next).not.toBe(submission);
  });

  it('keeps the key through a failed attempt, so correcting and resending still makes one pitch', async () => {
    const ana = await signedInAgent(t.app, registeredAttendee(t.db, camp.event, 'ana@example.org'));
    const submission = inputValue((await ana.get('/events/localgovcamp-2027/pitches/new')).body, 'submission')!;
    const failed = await ana.post('/events/localgovcamp-2027/pitches/new', { submission, title: '', format: 'discussion' });
    expect(errorSummary(failed.body)).toEqual(['Enter a title for the session']);
    expect(inputValue(failed.body, 'submission')).toBe(submission);
    await ana.post('/events/localgovcamp-2027/pitches/new', { submission, title: 'Fixed', format: 'discussion' });
    await ana.post('/events/localgovcamp-2027/pitches/new', { submission, title: 'Fixed', format: 'discussion' });
    expect(t.db.select({ title: pitches.title }).from(pitches).all()).toEqual([{ title: 'Fixed' }]);
  });

  it('takes one pitch at the desk when Enter is pressed twice', async () => {
    const dee = await signedInAgent(t.app, camp.organiser);
    const submission = inputValue((await dee.get('/organise/events/localgovcamp-2027/pitch-desk')).body, 'submission')!;
    const form = { submission, title: 'Housing data', facilitator: 'Sam', format: 'discussion' };
    const first = await dee.post('/organise/events/localgovcamp-2027/pitch-desk', form);
    const second = await dee.post('/organise/events/localgovcamp-2027/pitch-desk', form);
    expect(second.headers.location).toBe(first.headers.location);
    expect(t.db.select().from(pitches).all()).toHaveLength(1);
  });
});

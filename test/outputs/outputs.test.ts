import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/open.ts';
import { demoSlug } from '../../src/demo/seed.ts';
import { findEventBySlug } from '../../src/events/events.ts';
import { addOutput, editOutput, mayAddOutputs, outputsOfSession, setOutputHidden, type OutputDraft } from '../../src/outputs/outputs.ts';
import { saveOutputSettings } from '../../src/outputs/output-settings.ts';
import { outputTextHtml } from '../../src/outputs/output-text.ts';
import { deletePersonalDetails } from '../../src/tickets/privacy.ts';
import { linksFor } from '../../src/tickets/manage-links.ts';
import { Forbidden, RuleViolation } from '../../src/rules.ts';
import { testNow } from '../helpers/app.ts';
import { demoCampCopy, sessionPeople, type SessionPeople } from '../helpers/outputs.ts';

const notes = (overrides: Partial<OutputDraft> = {}): OutputDraft => ({ kind: 'notes', title: 'What we said', body: 'Share the data.', url: '', owner: '', credited: true, ...overrides });
const links = linksFor({ baseUrl: 'http://campgrid.test', sessionSecret: 's'.repeat(32), mailFrom: 'camp@example.org' });

describe('outputs of a session', () => {
  let db: Database;
  let camp: SessionPeople;
  let during: Date;
  beforeEach(() => {
    db = openDatabase(demoCampCopy());
    camp = sessionPeople(db, findEventBySlug(db, demoSlug)!);
    during = new Date(camp.session.startsAt + 10 * 60_000);
  });
  afterEach(() => db.$client.close());

  it('may be added once the session has started by its facilitators, people who said they would go, people checked in that day and the team; nobody else', () => {
    const may = (who: SessionPeople['facilitator'], at: Date) => mayAddOutputs(db, at, { event: camp.event, session: camp.session, person: who });
    expect(may(camp.facilitator, testNow)).toBe(false);
    expect([camp.facilitator, camp.interested, camp.organiser].map((p) => may(p, during))).toEqual([true, true, true]);
    expect(may(camp.stranger, during)).toBe(false);
    const sql = db.$client;
    const registration = sql.prepare('select r.id, r.person_id as personId from registrations r join ticket_types t on t.id = r.ticket_type_id where t.event_id = ? and r.person_id not in (select person_id from interest where pitch_id = ?) limit 1').get(camp.event.id, camp.session.pitchId) as { id: number; personId: number };
    const walkedIn = sql.prepare('select * from people where id = ?').get(registration.personId) as SessionPeople['facilitator'];
    expect(may(walkedIn, during)).toBe(false);
    // Checked in the day before is not there on the day.
    sql.prepare('update registrations set checked_in_at = ? where id = ?').run(camp.session.startsAt - 24 * 3600_000, registration.id);
    expect(may(walkedIn, during)).toBe(false);
    sql.prepare('update registrations set checked_in_at = ? where id = ?').run(camp.session.startsAt - 3600_000, registration.id);
    expect(may(walkedIn, during)).toBe(true);
    expect(() => addOutput(db, during, { event: camp.event, session: camp.session, person: camp.stranger, draft: notes() })).toThrow(Forbidden);
  });

  it('carries the camp’s licence and its author’s public name, or “a participant”', () => {
    addOutput(db, during, { event: camp.event, session: camp.session, person: camp.facilitator, draft: notes() });
    saveOutputSettings(db, camp.event.id, { licence: 'OGL-UK-3.0', digestDaysAfter: 7 });
    addOutput(db, during, { event: camp.event, session: camp.session, person: camp.interested, draft: notes({ title: 'Quietly', credited: false }) });
    const shown = outputsOfSession(db, camp.session.pitchId);
    expect(shown.map((o) => [o.title, o.licence, o.by])).toEqual([
      ['What we said', 'CC-BY-4.0', camp.facilitator.name || 'a participant'],
      ['Quietly', 'OGL-UK-3.0', 'a participant'],
    ]);
  });

  it('refuses links that are not http or https, and needs each kind’s own fields', () => {
    const add = (draft: OutputDraft) => () => addOutput(db, during, { event: camp.event, session: camp.session, person: camp.interested, draft });
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>', 'ftp://example.org/x', 'https://user:pw@example.org/']) {
      expect(add(notes({ kind: 'link', url })), url).toThrow(expect.objectContaining({ errors: { url: 'Enter a web address starting with https:// or http://' } }));
    }
    expect(add(notes({ body: '' }))).toThrow(RuleViolation);
    expect(add(notes({ kind: 'link', url: 'https://example.org/slides' }))().url).toBe('https://example.org/slides');
    expect(add(notes({ kind: 'action', title: 'Write it up', body: '', owner: 'Sam' }))().owner).toBe('Sam');
  });

  it('is edited by its author only, and hidden and restored by the team with a reason', () => {
    const output = addOutput(db, during, { event: camp.event, session: camp.session, person: camp.interested, draft: notes() });
    expect(() => editOutput(db, during, { output, person: camp.facilitator, draft: notes({ title: 'Hijacked' }) })).toThrow(Forbidden);
    editOutput(db, during, { output, person: camp.interested, draft: notes({ title: 'What we agreed' }) });
    expect(outputsOfSession(db, camp.session.pitchId).map((o) => o.title)).toEqual(['What we agreed']);

    expect(() => setOutputHidden(db, during, { event: camp.event, output, by: camp.interested, hidden: true, reason: 'Spam' })).toThrow(Forbidden);
    expect(() => setOutputHidden(db, during, { event: camp.event, output, by: camp.organiser, hidden: true, reason: ' ' })).toThrow(RuleViolation);
    setOutputHidden(db, during, { event: camp.event, output, by: camp.organiser, hidden: true, reason: 'Names a member of the public' });
    expect(outputsOfSession(db, camp.session.pitchId)).toEqual([]);
    expect(outputsOfSession(db, camp.session.pitchId, { includeHidden: true })[0]!.hiddenReason).toBe('Names a member of the public');
    setOutputHidden(db, during, { event: camp.event, output, by: camp.organiser, hidden: false, reason: 'Name taken out' });
    expect(outputsOfSession(db, camp.session.pitchId)).toHaveLength(1);
    expect(db.$client.prepare('select action, reason from output_moderation order by id').all()).toEqual([
      { action: 'hidden', reason: 'Names a member of the public' },
      { action: 'restored', reason: 'Name taken out' },
    ]);
  });

  it('stays, by “a participant”, when its author deletes their details', () => {
    db.$client.prepare("update people set name = 'Priya Named' where id = ?").run(camp.interested.id);
    addOutput(db, during, { event: camp.event, session: camp.session, person: camp.interested, draft: notes() });
    expect(outputsOfSession(db, camp.session.pitchId)[0]!.by).toBe('Priya Named');
    deletePersonalDetails(db, during, links, camp.interested);
    expect(outputsOfSession(db, camp.session.pitchId).map((o) => [o.title, o.by, o.authorId])).toEqual([['What we said', 'a participant', null]]);
  });
});

describe('the text of notes', () => {
  it('is escaped, with http(s) web addresses linked and nothing else', () => {
    expect(outputTextHtml('<script>alert(1)</script> see https://example.org/a?b=1&c=2.\n\njavascript:alert(1) "quoted"')).toBe(
      '<p class="govuk-body">&lt;script&gt;alert(1)&lt;/script&gt; see <a class="govuk-link" href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc">https://example.org/a?b=1&amp;c=2</a>.</p>\n' +
        '<p class="govuk-body">javascript:alert(1) &quot;quoted&quot;</p>',
    );
  });
});

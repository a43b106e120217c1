import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { daysOf } from '../../src/events/events.ts';
import { timeRangeOn } from '../../src/events/local-time.ts';
import { latestPublished } from '../../src/grid/published-versions.ts';
import { runTimedWork } from '../../src/jobs.ts';
import { stopAnnouncements } from '../../src/messages/unsubscribe.ts';
import { digestStopLink, sendDueDigests } from '../../src/outputs/digest.ts';
import { saveOutputSettings } from '../../src/outputs/output-settings.ts';
import { addOutput, setOutputHidden, type OutputDraft } from '../../src/outputs/outputs.ts';
import type { Person } from '../../src/people/people.ts';
import { linksFor } from '../../src/tickets/manage-links.ts';
import { Agent } from '../helpers/agent.ts';
import { registeredAttendee } from '../helpers/attendees.ts';
import { outboxMessages, pathOf } from '../helpers/outbox.ts';
import { demoCampApp, type DemoCampApp } from '../helpers/outputs.ts';
import { SmtpCapture } from '../helpers/smtp.ts';

const draft = (overrides: Partial<OutputDraft>): OutputDraft => ({ kind: 'notes', title: 'Notes', body: '', url: '', owner: '', credited: true, ...overrides });
const dayMs = 24 * 60 * 60 * 1000;

describe('the digest of a camp’s outputs by email', () => {
  let smtp: SmtpCapture;
  let t: DemoCampApp;
  let people: Record<'ana' | 'ben' | 'cat' | 'dan' | 'eve' | 'fay', Person>;
  let lastDayEnds: number;
  beforeEach(async () => {
    smtp = new SmtpCapture();
    await smtp.start();
    t = await demoCampApp({ SMTP_URL: smtp.url });
    const { db, camp } = t;
    const other = latestPublished(db, camp.event.id)!.sessions.find((s) => !s.cancelled && s.pitchId !== camp.session.pitchId && s.date !== camp.session.date)!;
    const sql = db.$client;
    sql.prepare("update outbox set status = 'sent'").run(); // the demo's own emails went long ago
    // Only the people below have marked the session that made things, so the emails are few.
    sql.prepare('delete from interest where pitch_id = ?').run(camp.session.pitchId);
    const marks = (who: Person, pitchId: number) => sql.prepare('insert into interest (pitch_id, person_id, created_at) values (?, ?, 0)').run(pitchId, who.id);
    const attendee = (name: string, status: 'confirmed' | 'waiting' = 'confirmed') => registeredAttendee(db, camp.event, `${name}@digest.example`, { name: name[0]!.toUpperCase() + name.slice(1), status });
    people = { ana: attendee('ana'), ben: attendee('ben'), cat: attendee('cat'), dan: attendee('dan', 'waiting'), eve: attendee('eve'), fay: attendee('fay') };
    marks(people.ana, camp.session.pitchId); // marked the session that made things
    marks(people.ben, other.pitchId); // marked only a session on another day that made nothing
    sql.prepare('update registrations set checked_in_at = ? where person_id = ?').run(camp.session.startsAt - 3 * 3600_000, people.cat.id); // walked in that day
    marks(people.dan, camp.session.pitchId); // on the waiting list: never had a place
    marks(people.eve, camp.session.pitchId);
    marks(people.fay, camp.session.pitchId);

    const during = new Date(camp.session.startsAt + 60_000);
    const add = (d: Partial<OutputDraft>) => addOutput(db, during, { event: camp.event, session: camp.session, person: camp.facilitator, draft: draft(d) });
    add({ title: 'Parish <websites> & “minutes”', body: 'Line one\nZoë’s line two <b>bold?</b>' });
    add({ kind: 'link', title: 'Slides', url: 'https://example.org/slides.pdf' });
    add({ kind: 'action', title: 'Write the guide', owner: 'Sam & Co' });
    const hidden = add({ title: 'Rude notes', body: 'Rude' });
    setOutputHidden(db, during, { event: camp.event, output: hidden, by: camp.organiser, hidden: true, reason: 'Rude' });
    lastDayEnds = Math.max(...daysOf(db, camp.event.id).map((d) => d.endsAt));
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  /** The digest's own job, or with `everything` all the timed work the site runs each minute. */
  const runJobAt = async (at: number, everything = false) => {
    t.clock.set(new Date(at));
    if (everything) runTimedWork(t.db, t.clock.now(), linksFor(t.app.campgrid.config));
    else sendDueDigests(t.db, t.clock.now(), linksFor(t.app.campgrid.config));
    await t.app.campgrid.mail.deliverDue();
  };
  const digests = () => smtp.messages.filter((m) => m.subject === `What you made at ${t.camp.event.name}`);
  const mailTo = (who: Person): ParsedMail[] => digests().filter((m) => smtp.to(who.email).includes(m));

  it('goes 7 days after the camp, once, to people with a place or checked in, with the outputs of the sessions they marked or attended', async () => {
    await runJobAt(lastDayEnds + 7 * dayMs - 60_000);
    expect(digests()).toEqual([]);

    await runJobAt(lastDayEnds + 7 * dayMs, true);
    const { ana, ben, cat, dan } = people;
    expect([ana, ben, cat, dan].map((p) => mailTo(p).length)).toEqual([1, 0, 1, 0]);
    const [toAna] = mailTo(ana);
    expect(toAna!.subject).toBe(`What you made at ${t.camp.event.name}`);
    const text = toAna!.text!;
    expect(text).toContain(`== ${t.camp.session.title} ==\n${timeRangeOn(t.camp.session.startsAt, t.camp.session.endsAt, t.camp.event.timeZone)}`);
    expect(text).toMatch(/(\d{1,2}(:\d\d)?(am|pm)|midday) to (\d{1,2}(:\d\d)?(am|pm)|midday) on \w+day \d{1,2} \w+ \d{4}/);
    expect(text).toContain('Notes: Parish <websites> & “minutes”\nLine one\nZoë’s line two <b>bold?</b>');
    expect(text).toContain('Link: Slides\nhttps://example.org/slides.pdf');
    expect(text).toContain('Action: Write the guide\nWho: Sam & Co');
    expect(text).not.toContain('Rude notes');
    const html = toAna!.html as string;
    expect(html).toContain('Parish &lt;websites&gt; &amp; “minutes”');
    expect(html).toContain('Zoë’s line two &lt;b&gt;bold?&lt;/b&gt;');
    expect(html).not.toContain('<b>bold');
    expect(html).not.toContain('Rude notes');
    expect(mailTo(cat)[0]!.text).toContain(t.camp.session.title);

    // The job runs every minute, and the site may restart: nobody gets a second one.
    const queued = outboxMessages(t.db).length;
    await runJobAt(lastDayEnds + 7 * dayMs + 60_000, true);
    expect(sendDueDigests(t.db, new Date(lastDayEnds + 8 * dayMs), linksFor(t.app.campgrid.config))).toBe(0);
    expect(outboxMessages(t.db).length).toBe(queued);
    expect(mailTo(ana)).toHaveLength(1);
  });

  it('leaves out people who opted out of this camp’s digest from its link, or stopped announcements, and follows the organisers’ day', async () => {
    saveOutputSettings(t.db, t.camp.event.id, { licence: 'CC-BY-4.0', digestDaysAfter: 3 });
    stopAnnouncements(t.db, t.clock.now(), people.fay);
    // Eve got an earlier camp's digest link, or this one's from a friend: it names her and this camp.
    const eve = new Agent(t.app);
    const stopPage = pathOf(digestStopLink(linksFor(t.app.campgrid.config), t.camp.event.id, people.eve.id));
    expect((await eve.get(stopPage)).body).toContain('Do not send me this camp’s digest</button>');
    expect((await eve.post(stopPage, { digest: 'stop' })).statusCode).toBe(303);
    expect((await eve.get(stopPage)).body).toContain('Digest stopped');
    expect((await eve.get(stopPage.slice(0, -3) + 'xyz')).statusCode).toBe(404);

    await runJobAt(lastDayEnds + 3 * dayMs);
    expect([people.ana, people.eve, people.fay].map((p) => mailTo(p).length)).toEqual([1, 0, 0]);
    const [toAna] = mailTo(people.ana);
    const stopLink = /http:\/\/campgrid\.test\/outputs\/digest\/\S+/.exec(toAna!.text!)![0];
    expect(toAna!.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/\r\n\s+/g, ' ')).toBe(`List-Unsubscribe: <${stopLink}>`);
    expect(toAna!.text).toMatch(/http:\/\/campgrid\.test\/unsubscribe\/\S+/);
  });

  it('is not sent for a camp that ended long before (30 days past its day)', async () => {
    await runJobAt(lastDayEnds + 38 * dayMs);
    expect(mailTo(people.ana)).toEqual([]);
  });
});

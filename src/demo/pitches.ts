import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { people } from '../people/people.table.ts';
import { mailboxOf } from '../people/mailbox.ts';
import { interest, pitchFacilitators, pitches, type PitchFormat, type PitchNeed } from '../pitches/pitches.table.ts';
import { registrations, ticketTypes } from '../tickets/tickets.table.ts';

/** A small deterministic random source (mulberry32), so every demo camp is the same camp. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const first = ['Aisha', 'Ben', 'Chloe', 'Dev', 'Ella', 'Femi', 'Grace', 'Hamza', 'Isla', 'Jack', 'Kiran', 'Leah', 'Mo', 'Nia', 'Owen', 'Priya', 'Rhys', 'Sara', 'Tom', 'Uma'];
const last = ['Ahmed', 'Brown', 'Clarke', 'Davies', 'Evans', 'Fraser', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morgan', 'Patel', 'Roberts'];

/** Confirmed attendees on a "Camp day" ticket type, added straight to the tables (the demo has no registration journey yet). */
export function seedDemoAttendees(db: Db, now: Date, event: CampEvent, count: number, domain = 'demo.campgrid.example'): number[] {
  const at = now.getTime();
  const ticket = db.insert(ticketTypes).values({ eventId: event.id, name: 'Camp day', capacity: Math.max(count, 300), opensAt: at, closesAt: at + 1, createdAt: at }).returning({ id: ticketTypes.id }).get();
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]}`;
    const email = `attendee${String(i + 1).padStart(3, '0')}@${domain}`;
    const id = db.insert(people).values({ email, mailbox: mailboxOf(email), name, createdAt: at }).onConflictDoUpdate({ target: people.email, set: { name } }).returning({ id: people.id }).get().id;
    db.insert(registrations)
      .values({ ticketTypeId: ticket.id, personId: id, status: 'confirmed', name, role: 'other', agreedToCodeOfConductAt: at, queueOrder: i, manageKey: randomBytes(32).toString('base64url'), createdAt: at, updatedAt: at })
      .run();
    ids.push(id);
  }
  return ids;
}

type Topic = 'data' | 'digital' | 'design' | 'democracy' | 'people';
type DemoPitch = [title: string, format: PitchFormat, topic: Topic, needs: PitchNeed[], doubleLength: boolean];

// Titles a LocalGovCamp board really has: the popular ones first, the niche ones last.
const demoPitches: DemoPitch[] = [
  ['AI in councils: hype, harm or help?', 'discussion', 'digital', ['projector'], false],
  ['What we learned replacing our website', 'show-and-tell', 'digital', ['projector'], false],
  ['Service design for adult social care', 'discussion', 'design', [], false],
  ['Open data that people actually use', 'discussion', 'data', [], false],
  ['Burnout in local government', 'discussion', 'people', ['quiet'], false],
  ['Build a service map in an hour', 'workshop', 'design', ['step-free'], true],
  ['Cyber security on a council budget', 'discussion', 'digital', [], false],
  ['Participatory budgeting: does it work?', 'discussion', 'democracy', [], false],
  ['Data ethics for housing teams', 'discussion', 'data', [], false],
  ['Paper prototyping for beginners', 'makers', 'design', ['step-free'], true],
  ['Legacy systems and how to leave them', 'discussion', 'digital', [], false],
  ['Hiring digital people when you can’t pay market rates', 'discussion', 'people', [], false],
  ['Climate emergency: what councils can measure', 'discussion', 'data', ['projector'], false],
  ['Accessibility beyond compliance', 'show-and-tell', 'design', ['projector', 'hearing-loop'], false],
  ['Councillors and digital: bridging the gap', 'discussion', 'democracy', [], false],
  ['Low-code: friend or foe?', 'discussion', 'digital', [], false],
  ['Dashboards nobody looks at', 'show-and-tell', 'data', ['projector'], false],
  ['Neurodiversity at work', 'discussion', 'people', ['quiet'], false],
  ['Making FOI requests less painful', 'discussion', 'democracy', [], false],
  ['User research with seldom-heard groups', 'workshop', 'design', [], false],
  ['Shared services between districts', 'discussion', 'digital', [], false],
  ['Data sharing agreements in plain English', 'workshop', 'data', [], false],
  ['Agile in a waterfall organisation', 'discussion', 'digital', [], false],
  ['Soldering for civil servants', 'makers', 'digital', ['step-free'], true],
  ['Digital inclusion in rural areas', 'discussion', 'people', [], false],
  ['Content design for council tax letters', 'workshop', 'design', ['projector'], false],
  ['Local democracy on TikTok', 'show-and-tell', 'democracy', ['projector'], false],
  ['Postcode lookups that don’t break', 'discussion', 'data', [], false],
  ['Mentoring circles: start one on Monday', 'discussion', 'people', [], false],
  ['Procurement that small suppliers can bid for', 'discussion', 'digital', [], false],
  ['Knitting the council’s org chart', 'makers', 'people', ['quiet'], false],
  ['Mapping street trees with volunteers', 'show-and-tell', 'data', [], false],
  ['Welsh-language services done well', 'discussion', 'design', [], false],
  ['Lego Serious Play for strategy', 'makers', 'design', ['step-free'], true],
  ['Parish council websites: a rescue plan', 'discussion', 'democracy', [], false],
  ['Unconference 101: how today works', 'other', 'people', [], false],
  ['Bin collection APIs', 'discussion', 'data', [], false],
  ['Walking meeting round the park', 'other', 'people', ['step-free'], false],
  ['Archives and digital preservation', 'discussion', 'data', ['quiet'], false],
  ['Board games about budgets', 'makers', 'democracy', [], false],
];
const topics: Topic[] = ['data', 'digital', 'design', 'democracy', 'people'];
/** "A workshop session about…"; a pitch of the "other" format is just "A session about…". */
const sessionOfFormat = (format: PitchFormat): string => (format === 'other' ? 'A session' : `A ${format.replace(/-/g, ' ')} session`);
const walkIns = ['Sam Okafor', 'Jo Whitfield', 'Ravi Mehta', 'Alex Byrne', 'Lou Carter'];

/**
 * Pitches for the demo camp (the first `count` of the list above, numbered after 40 for
 * benchmarks): two in three pitched online by attendees, the rest taken at the pitch desk for
 * walk-ins, with a show of hands.
 */
export function seedDemoPitches(db: Db, now: Date, event: CampEvent, enteredBy: number, attendeeIds: number[], count = demoPitches.length): Array<{ id: number; topic: Topic }> {
  const at = now.getTime();
  const made: Array<{ id: number; topic: Topic }> = [];
  for (let i = 0; i < count; i++) {
    const [title, format, topic, needs, doubleLength] = demoPitches[i % demoPitches.length]!;
    const atDesk = i % 3 === 2;
    const lead = attendeeIds[(i * 7) % attendeeIds.length]!;
    const pitch = db
      .insert(pitches)
      .values({
        eventId: event.id,
        title: i < demoPitches.length ? title : `${title} (${Math.floor(i / demoPitches.length) + 1})`,
        description: atDesk ? '' : `${sessionOfFormat(format)} about ${topic}. Bring your questions and your own stories.`,
        format,
        needs,
        doubleLength,
        showOfHands: atDesk ? 10 + ((i * 13) % 40) : null,
        source: atDesk ? 'desk' : 'online',
        createdBy: atDesk ? enteredBy : lead,
        createdAt: at + i,
        updatedAt: at + i,
      })
      .returning({ id: pitches.id })
      .get();
    if (atDesk) db.insert(pitchFacilitators).values({ pitchId: pitch.id, walkInName: walkIns[i % walkIns.length]!, confirmed: true, createdAt: at }).run();
    else db.insert(pitchFacilitators).values({ pitchId: pitch.id, personId: lead, confirmed: true, createdAt: at }).run();
    made.push({ id: pitch.id, topic });
  }
  return made;
}

/**
 * About `totalMarks` "I'd go" marks, skewed as a real board is: a pitch's pull falls with its
 * rank (a few popular, a long niche tail), and each attendee leans to one or two topics, so
 * audiences overlap the way clashes do. Returns the number of marks made.
 */
export function seedDemoInterest(db: Db, now: Date, made: Array<{ id: number; topic: Topic }>, attendeeIds: number[], totalMarks: number, seed = 2027): number {
  const random = seededRandom(seed);
  const perAttendee = totalMarks / attendeeIds.length;
  // How many each attendee marks: some mark a couple, keen ones many; then nudged to the exact total.
  const wanted = attendeeIds.map(() => Math.max(1, Math.min(made.length, Math.round(perAttendee * (0.5 + random())))));
  const target = Math.min(totalMarks, made.length * attendeeIds.length);
  for (let sum = wanted.reduce((a, b) => a + b, 0), i = 0; sum !== target; i = (i + 1) % wanted.length) {
    if (sum < target && wanted[i]! < made.length) (wanted[i]!++, sum++);
    else if (sum > target && wanted[i]! > 1) (wanted[i]!--, sum--);
  }
  const rows: Array<typeof interest.$inferInsert> = [];
  attendeeIds.forEach((personId, a) => {
    const likes = new Set([topics[Math.floor(random() * topics.length)]!, topics[Math.floor(random() * topics.length)]!]);
    const weights = made.map((p, rank) => (1 / (rank + 1) ** 0.8) * (likes.has(p.topic) ? 4 : 1));
    const chosen = new Set<number>();
    while (chosen.size < wanted[a]!) {
      let pick = random() * weights.reduce((x, y) => x + y, 0);
      let i = 0;
      while ((pick > weights[i]! || weights[i] === 0) && i < weights.length - 1) pick -= weights[i++]!;
      chosen.add(made[i]!.id);
      weights[i] = 0;
    }
    for (const pitchId of chosen) rows.push({ pitchId, personId, createdAt: now.getTime() });
  });
  for (let i = 0; i < rows.length; i += 500) db.insert(interest).values(rows.slice(i, i + 500)).onConflictDoNothing().run();
  return rows.length;
}

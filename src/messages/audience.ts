import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { mailboxOf } from '../people/mailbox.ts';
import { people } from '../people/people.table.ts';
import { pitchFacilitators, pitches } from '../pitches/pitches.table.ts';
import { holdingStatuses as sponsorHoldingStatuses } from '../sponsors/sponsors.ts';
import { sponsors } from '../sponsors/sponsors.table.ts';
import { campIsOver, ticketTypesOf } from '../tickets/ticket-types.ts';
import { registrations, ticketTypes, type AttendeeRole, type RegistrationStatus } from '../tickets/tickets.table.ts';
import { announcementOptOuts } from './messages.table.ts';

/** The groups a message can go to. A ticket type is `ticket-type:<id>`. */
export const fixedGroups = ['confirmed', 'waiting', 'checked-in', 'no-shows', 'first-timers', 'councillors', 'facilitators', 'sponsor-contacts'] as const;

export const groupLabels: Record<(typeof fixedGroups)[number], { text: string; hint: string }> = {
  confirmed: { text: 'Everyone with a confirmed place', hint: 'On any ticket type' },
  waiting: { text: 'Everyone on a waiting list', hint: 'Including people offered a place who have not yet claimed it' },
  'checked-in': { text: 'Everyone who checked in', hint: '' },
  'no-shows': { text: 'No-shows', hint: 'Confirmed places not checked in, once the days of their ticket are over' },
  'first-timers': { text: 'First-timers', hint: 'Confirmed places whose holders said this is their first camp' },
  councillors: { text: 'Councillors', hint: 'Confirmed places registered with the role councillor' },
  facilitators: { text: 'Facilitators', hint: 'People running a pitch still on the board, co-facilitators who confirmed included' },
  'sponsor-contacts': { text: 'Sponsor contacts', hint: 'The contacts of sponsors who applied or were approved' },
};

/** The registration facts the groups below are decided by (insights count the same groups). */
export interface PlaceFacts {
  status: RegistrationStatus;
  checkedInAt: number | null;
  firstCamp: boolean;
  role: AttendeeRole;
}

/** On a waiting list, including someone offered a place not yet claimed. */
export const isWaiting = (r: PlaceFacts): boolean => r.status === 'waiting' || r.status === 'offered';
/** A confirmed place not checked in once the days of its ticket are over. */
export const isNoShow = (r: PlaceFacts, over: boolean): boolean => r.status === 'confirmed' && r.checkedInAt === null && over;
/** A confirmed place whose holder said this is their first camp. */
export const isFirstTimer = (r: PlaceFacts): boolean => r.status === 'confirmed' && r.firstCamp;
/** A confirmed place registered with the role councillor. */
export const isCouncillor = (r: PlaceFacts): boolean => r.status === 'confirmed' && r.role === 'councillor';

export interface GroupChoice {
  value: string;
  text: string;
  hint: string;
}

/** What the organiser can choose from: each ticket type (its confirmed places), then the groups. */
export function groupChoices(db: Db, eventId: number): GroupChoice[] {
  return [
    ...ticketTypesOf(db, eventId).map((t) => ({ value: `ticket-type:${t.id}`, text: `Confirmed places on ${t.name}`, hint: '' })),
    ...fixedGroups.map((g) => ({ value: g, ...groupLabels[g] })),
  ];
}

/** One person a message goes to, known by the mailbox their address delivers to. */
export interface Recipient {
  mailbox: string;
  email: string;
  name: string;
  /** Null for a sponsor contact who has never signed in. */
  personId: number | null;
}

export interface Audience {
  /** Everyone in any chosen group, once each, who has not stopped announcements. */
  recipients: Recipient[];
  /** People in the groups who stopped announcements, so are left out. */
  leftOut: number;
}

/**
 * Who a message to these groups reaches: everyone in any of them, once each however many
 * groups they are in (compared by mailbox, so someone+camp@ and someone@ are one person),
 * leaving out whoever has stopped announcements.
 */
export function audienceOf(db: Db, now: Date, eventId: number, groups: string[]): Audience {
  const chosen = new Set(groups);
  const everyone = new Map<string, Recipient>();
  const add = (r: Omit<Recipient, 'mailbox'> & { mailbox: string }) => {
    const mailbox = r.mailbox || mailboxOf(r.email);
    if (!everyone.has(mailbox)) everyone.set(mailbox, { ...r, mailbox });
  };
  for (const r of registrationsIn(db, now, eventId)) {
    const inGroup =
      (r.status === 'confirmed' && (chosen.has('confirmed') || chosen.has(`ticket-type:${r.ticketTypeId}`))) ||
      (isWaiting(r) && chosen.has('waiting')) ||
      (r.checkedInAt !== null && chosen.has('checked-in')) ||
      (isNoShow(r, r.over) && chosen.has('no-shows')) ||
      (isFirstTimer(r) && chosen.has('first-timers')) ||
      (isCouncillor(r) && chosen.has('councillors'));
    if (inGroup) add(r);
  }
  if (chosen.has('facilitators')) for (const f of facilitatorsOf(db, eventId)) add(f);
  if (chosen.has('sponsor-contacts')) for (const s of sponsorContactsOf(db, eventId)) add(s);
  const stopped = stoppedMailboxes(db, [...everyone.keys()]);
  const recipients = [...everyone.values()].filter((r) => !stopped.has(r.mailbox));
  return { recipients, leftOut: everyone.size - recipients.length };
}

function registrationsIn(db: Db, now: Date, eventId: number) {
  const over = new Set(ticketTypesOf(db, eventId).filter((t) => campIsOver(db, t, now)).map((t) => t.id));
  return db
    .select({
      personId: registrations.personId,
      email: people.email,
      mailbox: people.mailbox,
      name: registrations.name,
      ticketTypeId: registrations.ticketTypeId,
      status: registrations.status,
      checkedInAt: registrations.checkedInAt,
      firstCamp: registrations.firstCamp,
      role: registrations.role,
    })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(eq(ticketTypes.eventId, eventId))
    .orderBy(registrations.id)
    .all()
    .map((r) => ({ ...r, over: over.has(r.ticketTypeId) }));
}

function facilitatorsOf(db: Db, eventId: number): Recipient[] {
  return db
    .select({ personId: people.id, email: people.email, mailbox: people.mailbox, name: people.name })
    .from(pitchFacilitators)
    .innerJoin(pitches, eq(pitches.id, pitchFacilitators.pitchId))
    .innerJoin(people, eq(people.id, pitchFacilitators.personId))
    .where(and(eq(pitches.eventId, eventId), eq(pitches.status, 'open'), eq(pitchFacilitators.confirmed, true), isNotNull(pitchFacilitators.personId)))
    .orderBy(pitchFacilitators.id)
    .all();
}

function sponsorContactsOf(db: Db, eventId: number): Recipient[] {
  return db
    .select({ email: sponsors.contactEmail, name: sponsors.contactName, personId: people.id })
    .from(sponsors)
    .leftJoin(people, eq(people.email, sponsors.contactEmail))
    .where(and(eq(sponsors.eventId, eventId), inArray(sponsors.status, sponsorHoldingStatuses)))
    .orderBy(sponsors.id)
    .all()
    .map((s) => ({ ...s, mailbox: mailboxOf(s.email) }));
}

function stoppedMailboxes(db: Db, mailboxes: string[]): Set<string> {
  const found = new Set<string>();
  // SQLite limits bound parameters; a big camp is asked in pieces.
  for (let i = 0; i < mailboxes.length; i += 500) {
    const part = mailboxes.slice(i, i + 500);
    for (const row of db.select({ mailbox: announcementOptOuts.mailbox }).from(announcementOptOuts).where(inArray(announcementOptOuts.mailbox, part)).all()) found.add(row.mailbox);
  }
  return found;
}

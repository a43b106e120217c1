import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { localDate } from '../events/local-time.ts';
import { roleAt } from '../events/organisers.ts';
import type { PublishedSession } from '../grid/published.ts';
import { wantsToGo } from '../pitches/interest.ts';
import { facilitates } from '../pitches/pitches.ts';
import { people } from '../people/people.table.ts';
import type { Person } from '../people/people.ts';
import { Forbidden, NotFound, RuleViolation } from '../rules.ts';
import { registrations, ticketTypes } from '../tickets/tickets.table.ts';
import { outputModeration, outputs, outputSettings, type OutputKind } from './outputs.table.ts';
import { outputSettingsOf } from './output-settings.ts';

export type Output = typeof outputs.$inferSelect;

/** What a person typed for an output; which fields count depends on its kind. */
export interface OutputDraft {
  kind: OutputKind;
  title: string;
  body: string;
  url: string;
  owner: string;
  credited: boolean;
}

/** An output as anyone may see it: the author's public name, never their address. */
export interface ShownOutput extends Output {
  by: string;
  mine: boolean;
}

export const aParticipantLower = 'a participant';

/** Only web addresses people can follow safely: http or https, no credentials. */
export function safeWebAddress(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}

function checkedInOnTheDay(db: Db, event: CampEvent, session: PublishedSession, personId: number): boolean {
  const day = localDate(session.startsAt, event.timeZone);
  return db
    .select({ at: registrations.checkedInAt })
    .from(registrations)
    .innerJoin(ticketTypes, eq(ticketTypes.id, registrations.ticketTypeId))
    .where(and(eq(ticketTypes.eventId, event.id), eq(registrations.personId, personId), isNotNull(registrations.checkedInAt)))
    .all()
    .some((r) => localDate(r.at!, event.timeZone) === day);
}

/**
 * The record of a session is made by the people who were there, once it has started: its
 * facilitators, anyone who said they would go or was checked in that day, and the camp's team.
 */
export function mayAddOutputs(db: Db, now: Date, args: { event: CampEvent; session: PublishedSession | null; person: Person | null | undefined }): boolean {
  const { event, session, person } = args;
  if (!person || !session || session.cancelled || now.getTime() < session.startsAt) return false;
  return (
    facilitates(db, session.pitchId, person.id) ||
    wantsToGo(db, session.pitchId, person.id) ||
    checkedInOnTheDay(db, event, session, person.id) ||
    !!roleAt(db, person, event.id)
  );
}

/** The kind's own required fields, and a link's address made safe; says what is wrong per field. */
function cleaned(draft: OutputDraft): Pick<Output, 'kind' | 'title' | 'body' | 'url' | 'owner' | 'credited'> {
  const errors: Record<string, string> = {};
  let url: string | null = null;
  if (draft.kind === 'notes' && !draft.body) errors.body = 'Enter the notes';
  if (draft.kind === 'link') {
    if (!draft.url) errors.url = 'Enter the web address';
    else if (!(url = safeWebAddress(draft.url))) errors.url = 'Enter a web address starting with https:// or http://';
  }
  if (Object.keys(errors).length) throw new RuleViolation(errors);
  return {
    kind: draft.kind,
    title: draft.title,
    body: draft.kind === 'link' ? '' : draft.body,
    url,
    owner: draft.kind === 'action' ? draft.owner : '',
    credited: draft.credited,
  };
}

export function addOutput(db: Db, now: Date, args: { event: CampEvent; session: PublishedSession | null; person: Person; draft: OutputDraft }): Output {
  if (!mayAddOutputs(db, now, args)) throw new Forbidden();
  const t = now.getTime();
  const { licence } = outputSettingsOf(db, args.event.id);
  return db
    .insert(outputs)
    .values({ eventId: args.event.id, pitchId: args.session!.pitchId, ...cleaned(args.draft), licence, authorId: args.person.id, createdAt: t, updatedAt: t })
    .returning()
    .get();
}

/** Authors edit their own outputs, and nobody else's; the licence it was given stays. */
export function editOutput(db: Db, now: Date, args: { output: Output; person: Person; draft: OutputDraft }): void {
  if (args.output.authorId !== args.person.id) throw new Forbidden();
  db.update(outputs)
    .set({ ...cleaned({ ...args.draft, kind: args.output.kind }), updatedAt: now.getTime() })
    .where(eq(outputs.id, args.output.id))
    .run();
}

/** Organisers hide an output from the public, or show it again, always saying why. */
export function setOutputHidden(db: Db, now: Date, args: { event: CampEvent; output: Output; by: Person; hidden: boolean; reason: string }): void {
  if (!roleAt(db, args.by, args.event.id) || args.output.eventId !== args.event.id) throw new Forbidden();
  if (!args.reason.trim()) throw new RuleViolation({ reason: args.hidden ? 'Enter why you are hiding it' : 'Enter why you are showing it again' });
  const t = now.getTime();
  db.transaction((tx) => {
    tx.update(outputs)
      .set(args.hidden ? { hiddenAt: t, hiddenReason: args.reason } : { hiddenAt: null, hiddenReason: null })
      .where(eq(outputs.id, args.output.id))
      .run();
    tx.insert(outputModeration).values({ outputId: args.output.id, action: args.hidden ? 'hidden' : 'restored', reason: args.reason, byPersonId: args.by.id, createdAt: t }).run();
  });
}

export function outputAt(db: Db, eventId: number, outputId: number): Output {
  const found = db.select().from(outputs).where(and(eq(outputs.id, outputId), eq(outputs.eventId, eventId))).get();
  if (!found) throw new NotFound();
  return found;
}

/** The author's public name, or "a participant" when they chose not to be named or have gone. */
export function publicAuthor(name: string | null, credited: boolean): string {
  return credited && name ? name : aParticipantLower;
}

/** A session's outputs, oldest first; hidden ones only when the team asks. */
export function outputsOfSession(db: Db, pitchId: number, args: { viewer?: Person | null; includeHidden?: boolean } = {}): ShownOutput[] {
  return db
    .select({ output: outputs, name: people.name })
    .from(outputs)
    .leftJoin(people, eq(people.id, outputs.authorId))
    .where(and(eq(outputs.pitchId, pitchId), args.includeHidden ? undefined : isNull(outputs.hiddenAt)))
    .orderBy(asc(outputs.createdAt), asc(outputs.id))
    .all()
    .map((r) => shown(r.output, r.name, args.viewer));
}

export function shown(output: Output, name: string | null, viewer?: Person | null): ShownOutput {
  return { ...output, by: publicAuthor(name, output.credited), mine: !!viewer && output.authorId === viewer.id };
}

/** Everything a camp's sessions made, newest first, hidden ones included for the team's page. */
export function outputsOfCampForTeam(db: Db, eventId: number): ShownOutput[] {
  return db
    .select({ output: outputs, name: people.name })
    .from(outputs)
    .leftJoin(people, eq(people.id, outputs.authorId))
    .where(eq(outputs.eventId, eventId))
    .orderBy(desc(outputs.createdAt), desc(outputs.id))
    .all()
    .map((r) => shown(r.output, r.name));
}

/** The last time the team hid or restored each of a camp's outputs, and why. */
export function lastModeration(db: Db, eventId: number): Map<number, { action: 'hidden' | 'restored'; reason: string }> {
  const rows = db
    .select({ outputId: outputModeration.outputId, action: outputModeration.action, reason: outputModeration.reason })
    .from(outputModeration)
    .innerJoin(outputs, eq(outputs.id, outputModeration.outputId))
    .where(eq(outputs.eventId, eventId))
    .orderBy(asc(outputModeration.id))
    .all();
  return new Map(rows.map((r) => [r.outputId, { action: r.action, reason: r.reason }]));
}

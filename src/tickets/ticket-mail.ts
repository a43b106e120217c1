import { dateAndTime } from '../events/local-time.ts';
import type { Db } from '../db/open.ts';
import type { CampEvent } from '../events/events.ts';
import { andList, composeMail } from '../mail/compose.ts';
import { registerDraftWriter, queueDraft } from '../mail/drafts.ts';
import { queueMail } from '../mail/outbox.ts';
import { registrationInvitation, takeInvitationSequence } from './invitation.ts';
import { manageLink, type Links } from './manage-links.ts';
import { ticketContext, type Registration, type TicketContext, type TicketType } from './registrations.ts';

export type TicketMessage =
  | { kind: 'confirmed'; signInLink?: string }
  | { kind: 'waiting'; position: number; signInLink?: string }
  | { kind: 'entered'; drawAt: number; signInLink?: string }
  | { kind: 'ballot-won' }
  | { kind: 'ballot-waiting'; position: number }
  | { kind: 'offered'; expiresAt: number }
  | { kind: 'offer-expired' }
  | { kind: 'released'; hadPlace?: boolean }
  | { kind: 'cancelled-by-organiser'; hadPlace?: boolean }
  | { kind: 'already-registered'; signInLink: string };

interface Parts {
  subject: string;
  heading: string;
  paragraphs: string[];
  actions: Array<{ text: string; url: string }>;
}

const when = (instant: number, zone: string): string => dateAndTime(instant, zone, false);

/** The words of each ticket email: one place to read everything an attendee is told. */
export function ticketMessageParts(message: TicketMessage, ctx: { event: CampEvent; type: TicketType; registration: Registration; manage: string }): Parts {
  const parts = partsFor(message, ctx);
  // A new registration's email is also how its owner first signs in.
  if ('signInLink' in message && message.signInLink && message.kind !== 'already-registered') {
    parts.actions.push({ text: 'Sign in to Campgrid (this link works once, for 24 hours)', url: message.signInLink });
  }
  return parts;
}

function partsFor(message: TicketMessage, ctx: { event: CampEvent; type: TicketType; registration: Registration; manage: string }): Parts {
  const { event, type, manage } = ctx;
  const ticket = `${type.name} at ${event.name}`;
  const manageAction = { text: 'See or manage your place', url: manage };
  switch (message.kind) {
    case 'confirmed':
      return {
        subject: `You have a place: ${ticket}`,
        heading: 'You have a place',
        paragraphs: [`Your place for ${ticket} is confirmed.`, 'If your plans change, please release your place so someone on the waiting list can have it.'],
        actions: [manageAction],
      };
    case 'waiting':
      return {
        subject: `You’re on the waiting list: ${ticket}`,
        heading: 'You’re on the waiting list',
        paragraphs: [`${ticket} is full, so you are number ${message.position} on the waiting list.`, 'If a place comes up we will email you, and you will have a limited time to claim it.'],
        actions: [manageAction],
      };
    case 'entered':
      return {
        subject: `You’re in the ballot: ${ticket}`,
        heading: 'You’re in the ballot',
        paragraphs: [`Places for ${ticket} are allocated by ballot, drawn at ${when(message.drawAt, event.timeZone)}.`, 'We will email you the result straight after the draw.'],
        actions: [manageAction],
      };
    case 'ballot-won':
      return {
        subject: `The ballot is drawn: you have a place at ${event.name}`,
        heading: 'You have a place',
        paragraphs: [`The ballot for ${ticket} has been drawn and you have a place.`, 'If your plans change, please release your place so someone on the waiting list can have it.'],
        actions: [manageAction],
      };
    case 'ballot-waiting':
      return {
        subject: `The ballot is drawn: you’re on the waiting list for ${event.name}`,
        heading: 'You’re on the waiting list',
        paragraphs: [`The ballot for ${ticket} has been drawn. You did not get a place this time, and you are number ${message.position} on the waiting list.`, 'Places often come up as people’s plans change; we will email you if one does.'],
        actions: [manageAction],
      };
    case 'offered':
      return {
        subject: `A place is yours if you want it: ${ticket}`,
        heading: 'A place has come up for you',
        paragraphs: [`A place for ${ticket} has come up and it is being held for you until ${when(message.expiresAt, event.timeZone)}.`, 'If you do not accept it by then, it will be offered to the next person waiting.'],
        actions: [{ text: 'Accept or decline the place', url: manage }],
      };
    case 'offer-expired':
      return {
        subject: `The place we held for you has passed on: ${ticket}`,
        heading: 'The place has passed on',
        paragraphs: ['The place we were holding for you was not claimed in time, so it has been offered to the next person waiting.', 'You can register again if you would still like to come.'],
        actions: [],
      };
    case 'released':
      return {
        subject: `You have released your place: ${ticket}`,
        heading: 'Thank you for releasing your place',
        paragraphs: [`You no longer have a place for ${ticket}. Your place goes to the next person waiting.`],
        actions: [],
      };
    case 'cancelled-by-organiser':
      return {
        subject: `Your registration has been cancelled: ${ticket}`,
        heading: 'Your registration has been cancelled',
        paragraphs: [`The organisers of ${event.name} have cancelled your registration for ${type.name}. If you think this is a mistake, reply to this email.`],
        actions: [],
      };
    case 'already-registered':
      return {
        subject: `You’re already registered: ${ticket}`,
        heading: 'You’re already registered',
        paragraphs: [`Someone (probably you) tried to register this email address for ${ticket} again. You are already registered, so nothing has changed.`],
        actions: [manageAction, { text: 'Sign in to see all your places', url: message.signInLink }],
      };
  }
}

/** What a ticket email's words are written from, kept in its outbox row until it is sent. */
interface TicketDraft {
  registrationId: number;
  message: TicketMessage;
  /** The manage link, made now: writing the words later needs no secret. */
  manage: string;
  /** The calendar invitation's method and SEQUENCE, if one goes with it (see below). */
  invitation: { method: 'REQUEST' | 'CANCEL'; sequence: number } | null;
  baseUrl: string;
  organizer: { name: string; email: string };
}

/**
 * Queues one ticket email; call it inside the transaction that made the change. Its subject is
 * written now and its words when it is sent (mail/drafts.ts): a registration rush queues one
 * per registration. The invitation's SEQUENCE is taken now, so invitations for one place keep
 * the order of the changes they announce whenever their words are written.
 */
export function queueTicketMail(db: Db, now: Date, links: Links, ctx: TicketContext, message: TicketMessage): void {
  const manage = manageLink(links, ctx.registration);
  const method = invitationMethod(message);
  const draft: TicketDraft = {
    registrationId: ctx.registration.id,
    message,
    manage,
    invitation: method ? { method, sequence: takeInvitationSequence(db, ctx.registration.id) } : null,
    baseUrl: links.baseUrl,
    organizer: links.organizer,
  };
  queueDraft(db, now, { to: ctx.to, subject: ticketMessageParts(message, { ...ctx, manage }).subject, writer: 'ticket', data: draft });
}

registerDraftWriter('ticket', (db, { data, to, queuedAt }) => {
  const draft = data as TicketDraft;
  const ctx = { ...ticketContext(db, draft.registrationId), to };
  const parts = ticketMessageParts(draft.message, { ...ctx, manage: draft.manage });
  const calendar = draft.invitation && registrationInvitation(db, { ...draft, ...draft.invitation }, ctx, queuedAt);
  return { ...composeMail('ticket', parts.subject, { ...parts }), calendar };
});

/** Getting a place brings a calendar invitation; losing one cancels it. */
function invitationMethod(message: TicketMessage): 'REQUEST' | 'CANCEL' | null {
  if (message.kind === 'confirmed' || message.kind === 'ballot-won') return 'REQUEST';
  if ((message.kind === 'released' || message.kind === 'cancelled-by-organiser') && message.hadPlace) return 'CANCEL';
  return null;
}

/**
 * Queues one "still coming?" email for a person, naming each of their places with its own
 * answer links, so someone coming on Friday only can release Saturday and keep Friday.
 */
export function queueStillComingMail(db: Db, now: Date, links: Links, ctx: { event: CampEvent; to: string; places: Array<{ type: TicketType; registration: Registration }> }): void {
  const { event, places } = ctx;
  const several = places.length > 1;
  const parts: Parts = {
    subject: `Are you still coming to ${event.name}?`,
    heading: 'Are you still coming?',
    paragraphs: [
      `${event.name} is nearly here, and you have a place for ${andList(places.map((p) => p.type.name))}.`,
      `Please tell us whether you are still coming${several ? ' to each' : ''}, so that if you can’t, your place goes to someone on the waiting list.`,
    ],
    actions: places.flatMap(({ type, registration }) => {
      const manage = manageLink(links, registration);
      return [
        { text: `Yes, I’m still coming to ${type.name}`, url: `${manage}/still-coming` },
        { text: `No, release my ${type.name} place`, url: `${manage}/release` },
      ];
    }),
  };
  queueMail(db, now, { to: ctx.to, ...composeMail('ticket', parts.subject, { ...parts }), calendar: null });
}

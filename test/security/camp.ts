import { createEvent, type CampEvent } from '../../src/events/events.ts';
import { inviteOrganiser } from '../../src/events/organisers.ts';
import { feedTokenFor } from '../../src/calendar/personal-feeds.ts';
import { seedDemoCamp } from '../../src/demo/seed.ts';
import { unsubscribeToken } from '../../src/messages/unsubscribe.ts';
import { digestStopLink } from '../../src/outputs/digest.ts';
import type { Person } from '../../src/people/people.ts';
import { newSponsorLink } from '../../src/sponsors/sponsor-mail.ts';
import { linksFor, manageLink } from '../../src/tickets/manage-links.ts';
import { startBrowserSession } from '../../src/people/sign-in.ts';
import { sessionCookie } from '../../src/web/sessions.ts';
import { Agent } from '../helpers/agent.ts';
import { makeApp, testNow, type TestApp } from '../helpers/app.ts';
import { campDetails } from '../helpers/factories.ts';
import { person } from '../helpers/people.ts';

export const roles = ['anonymous', 'attendee', 'facilitator', 'sponsor', 'helper', 'other-organiser', 'organiser', 'owner', 'administrator'] as const;
export type Role = (typeof roles)[number];

/**
 * The demo camp (tickets, attendees, pitches, sponsors in every status, a published grid) with
 * one person in every role, the ids route parameters need, and each kind of secret link.
 */
export interface SecurityCamp {
  t: TestApp;
  event: CampEvent;
  people: Record<Exclude<Role, 'anonymous'>, Person>;
  ids: Record<string, number>;
  /** Path parts of the real secret links: `/tickets/:id/:token`, `/sponsorships/:token`, `/feeds/:token.ics`, `/unsubscribe/:token`, `/outputs/digest/:token`. */
  secrets: { manage: string; sponsor: string; feed: string; unsubscribe: string; digest: string };
  /** A route pattern with real values in place of its parameters. */
  concrete(url: string): string;
  /** A browser-like client signed in as the role (a fresh session each time). */
  agent(role: Role): Promise<Agent>;
}

export async function securityCamp(): Promise<SecurityCamp> {
  const t = await makeApp();
  const event = seedDemoCamp(t.db, testNow, t.config.baseUrl, t.config.dataDir);
  const sql = t.db.$client;
  const one = <T>(query: string, ...params: unknown[]) => sql.prepare(query).get(...params) as T;
  const administrator = one<Person>('select * from people where is_administrator = 1 order by id limit 1');
  const personById = (id: number) => one<{ email: string }>('select email from people where id = ?', id).email;

  // A facilitator of an open pitch, and an attendee with a confirmed place who facilitates nothing.
  const pitched = one<{ pitchId: number; personId: number }>(
    `select f.pitch_id as pitchId, f.person_id as personId from pitch_facilitators f join pitches p on p.id = f.pitch_id
     join registrations r on r.person_id = f.person_id
     where p.event_id = ? and p.status = 'open' and f.confirmed = 1 and r.status = 'confirmed' order by f.pitch_id limit 1`,
    event.id,
  );
  const placed = one<{ id: number; personId: number; ticketTypeId: number }>(
    `select r.id, r.person_id as personId, r.ticket_type_id as ticketTypeId from registrations r join ticket_types tt on tt.id = r.ticket_type_id
     where tt.event_id = ? and r.status = 'confirmed' and r.person_id not in (select person_id from pitch_facilitators where person_id is not null)
     and r.person_id not in (select person_id from event_organisers) order by r.id limit 1`,
    event.id,
  );
  const sponsorRow = one<{ id: number; contactEmail: string; packageId: number }>(
    `select id, contact_email as contactEmail, package_id as packageId from sponsors where event_id = ? and status = 'applied' order by id limit 1`,
    event.id,
  );
  const day = one<{ id: number }>('select id from days where event_id = ? order by id limit 1', event.id);
  const slot = one<{ id: number }>('select id from slots where day_id = ? order by id limit 1', day.id);
  const room = one<{ id: number }>('select id from rooms where event_id = ? order by id limit 1', event.id);
  const theme = one<{ id: number }>('select id from themes where event_id = ? order by id limit 1', event.id);

  const other = createEvent(t.db, testNow, campDetails({ slug: 'other-camp', name: 'Other camp' }), administrator.id);
  const invite = (e: CampEvent, email: string, role: 'helper' | 'organiser' | 'owner') => {
    inviteOrganiser(t.db, testNow, { event: e, email, role, invitedBy: administrator, baseUrl: '' });
    return person(t.db, email);
  };
  const people = {
    attendee: person(t.db, personById(placed.personId)),
    facilitator: person(t.db, personById(pitched.personId)),
    sponsor: person(t.db, sponsorRow.contactEmail),
    helper: invite(event, 'helper@example.org', 'helper'),
    'other-organiser': invite(other, 'other.owner@example.org', 'owner'),
    organiser: invite(event, 'organiser@example.org', 'organiser'),
    owner: invite(event, 'owner@example.org', 'owner'),
    administrator,
  };
  const member = one<{ id: number }>('select id from event_organisers where event_id = ? and person_id = ?', event.id, people.helper.id);
  const output = sql
    .prepare("insert into outputs (event_id, pitch_id, kind, title, url, author_id, created_at, updated_at) values (?, ?, 'link', ?, ?, ?, ?, ?) returning id")
    .get(event.id, pitched.pitchId, 'Slides', 'https://example.org/slides', pitched.personId, testNow.getTime(), testNow.getTime()) as { id: number };
  const registration = one<{ id: number; manageKey: string }>('select id, manage_key as manageKey from registrations where id = ?', placed.id);
  const links = linksFor(t.config);
  const secrets = {
    manage: new URL(manageLink(links, registration)).pathname.split('/').pop()!,
    sponsor: newSponsorLink(t.db, testNow, sponsorRow.id, '').split('/').pop()!,
    feed: feedTokenFor(t.db, testNow, t.config.sessionSecret, event.id, people.attendee.id),
    unsubscribe: unsubscribeToken(t.config.sessionSecret, people.attendee.id),
    digest: digestStopLink(links, event.id, people.attendee.id).split('/').pop()!,
  };
  const ids: Record<string, number> = {
    dayId: day.id,
    slotId: slot.id,
    roomId: room.id,
    room: room.id,
    memberId: member.id,
    packageId: sponsorRow.packageId,
    sponsorId: sponsorRow.id,
    typeId: placed.ticketTypeId,
    registrationId: placed.id,
    pitchId: pitched.pitchId,
    outputId: output.id,
    themeId: theme.id,
  };
  const concrete = (url: string): string =>
    url
      .replace(':slug', event.slug)
      .replace('/tickets/:id/:token', `/tickets/${placed.id}/${secrets.manage}`)
      .replace('/sponsorships/:token', `/sponsorships/${secrets.sponsor}`)
      .replace('/feeds/:token.ics', `/feeds/${secrets.feed}.ics`)
      .replace('/unsubscribe/:token', `/unsubscribe/${secrets.unsubscribe}`)
      .replace('/outputs/digest/:token', `/outputs/digest/${secrets.digest}`)
      .replace('/sign-in/:token', '/sign-in/not-a-real-token')
      .replace(':id.ics', `${pitched.pitchId}.ics`)
      .replace(/:(dayId|slotId|roomId|room|memberId|packageId|sponsorId|typeId|registrationId|pitchId|outputId|themeId)\b/g, (_m, name: string) => String(ids[name]))
      .replace(':file', `${'0'.repeat(64)}.png`)
      .replace('*', 'campgrid.css');
  const agent = async (role: Role): Promise<Agent> => {
    const a = new Agent(t.app);
    if (role !== 'anonymous') a.setCookie(sessionCookie, t.app.signCookie(startBrowserSession(t.db, t.clock.now(), people[role].id)));
    await a.get('/sign-in');
    return a;
  };
  return { t, event, people, ids, secrets, concrete, agent };
}

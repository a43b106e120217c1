import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/open.ts';
import type { CampEvent } from '../../src/events/events.ts';
import { pitchFacilitators, pitches, type PitchStatus } from '../../src/pitches/pitches.table.ts';
import { addPackage } from '../../src/sponsors/packages.ts';
import { signUpSponsor } from '../../src/sponsors/sponsors.ts';
import type { TicketType } from '../../src/tickets/registrations.ts';
import { registrations, type AttendeeRole, type RegistrationStatus } from '../../src/tickets/tickets.table.ts';
import { acme, lunchPackage } from '../sponsors/factories.ts';
import { person } from '../helpers/people.ts';
import { publishedCamp, ticketType } from '../helpers/tickets.ts';

/**
 * A camp with someone in every group a message can go to, on Saturday 19 June 2027:
 * - Ana: a confirmed first-timer and councillor, on both Camp day and Makers day;
 * - Ben: on Camp day's waiting list;
 * - Cat: confirmed on Camp day and checked in;
 * - Dan: confirmed on Makers day, facilitates an open pitch, and is a sponsor's contact as dan+sponsors@;
 * - Eve: a sponsor's contact who never signed in;
 * - Fay: released her place and facilitated a pitch she withdrew: in no group.
 */
export function campWithEveryone(db: Db, now: Date) {
  const { event, dayId } = publishedCamp(db, now);
  const campDay = ticketType(db, now, event, { name: 'Camp day', capacity: 10, dayIds: [dayId] });
  const makersDay = ticketType(db, now, event, { name: 'Makers day', capacity: 10, dayIds: [dayId] });
  const place = (email: string, type: TicketType, options: { status?: RegistrationStatus; firstCamp?: boolean; role?: AttendeeRole; checkedIn?: boolean } = {}) => {
    const who = person(db, email, { name: email.split('@')[0]!.replace(/^./, (c) => c.toUpperCase()) });
    db.insert(registrations)
      .values({
        ticketTypeId: type.id,
        personId: who.id,
        status: options.status ?? 'confirmed',
        name: who.name,
        role: options.role ?? 'council-officer',
        firstCamp: options.firstCamp ?? false,
        agreedToCodeOfConductAt: now.getTime(),
        queueOrder: now.getTime(),
        manageKey: randomBytes(32).toString('base64url'),
        checkedInAt: options.checkedIn ? now.getTime() : null,
        createdAt: now.getTime(),
        updatedAt: now.getTime(),
      })
      .run();
    return who;
  };
  const ana = place('ana@example.org', campDay, { firstCamp: true, role: 'councillor' });
  place('ana@example.org', makersDay, { firstCamp: true, role: 'councillor' });
  const ben = place('ben@example.org', campDay, { status: 'waiting' });
  const cat = place('cat@example.org', campDay, { checkedIn: true });
  const dan = place('dan@example.org', makersDay);
  const fay = place('fay@example.org', campDay, { status: 'cancelled' });
  facilitate(db, now, event, dan.id, 'open');
  facilitate(db, now, event, fay.id, 'withdrawn');
  const pkg = addPackage(db, now, event.id, lunchPackage({ available: 5 }));
  for (const [contactEmail, contactName] of [['dan+sponsors@example.org', 'Dan'], ['eve@acme.example', 'Eve Acme']] as const) {
    signUpSponsor(db, now, { event, packageId: pkg.id, details: acme({ contactEmail, contactName }), logo: null, baseUrl: 'http://campgrid.test' });
  }
  return { event, campDay, makersDay, ana, ben, cat, dan, fay };
}

function facilitate(db: Db, now: Date, event: CampEvent, personId: number, status: PitchStatus): void {
  const pitch = db
    .insert(pitches)
    .values({ eventId: event.id, title: `A ${status} pitch`, format: 'discussion', source: 'online', status, createdBy: personId, createdAt: now.getTime(), updatedAt: now.getTime() })
    .returning()
    .get();
  db.insert(pitchFacilitators).values({ pitchId: pitch.id, personId, confirmed: true, createdAt: now.getTime() }).run();
}

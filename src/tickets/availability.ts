import type { Db } from '../db/open.ts';
import { countPlaces } from './places.ts';
import type { TicketType } from './registrations.ts';
import { ticketTypesOf } from './ticket-types.ts';

export type TicketState = 'not-open' | 'open' | 'full' | 'ballot' | 'closed';

export interface TicketOffer {
  type: TicketType;
  state: TicketState;
  placesLeft: number;
}

/**
 * The ticket types a visitor may see on the register page, and how each stands now. Hidden
 * types appear only with their access code.
 */
export function ticketsOnOffer(db: Db, eventId: number, now: Date, accessCode: string | null): TicketOffer[] {
  return ticketTypesOf(db, eventId)
    .filter((type) => shownWith(type, accessCode))
    .map((type) => {
      const t = now.getTime();
      const places = countPlaces(db, type, now);
      const placesLeft = Math.max(0, places.released - places.totalHeld);
      let state: TicketState;
      if (t < type.opensAt) state = 'not-open';
      else if (t >= type.closesAt) state = 'closed';
      else if (type.allocation === 'ballot') state = 'ballot';
      else state = places.generalFree > 0 ? 'open' : 'full';
      return { type, state, placesLeft };
    });
}

/** Whether a visitor sees a ticket type: a public one always, a hidden one only with its code. */
export function shownWith(type: TicketType, accessCode: string | null): boolean {
  const code = (accessCode ?? '').trim().toLowerCase();
  return type.visibility === 'public' || (code !== '' && (type.accessCode ?? '').trim().toLowerCase() === code);
}

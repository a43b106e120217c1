import type { Db } from '../db/open.ts';
import { countPlaces } from './places.ts';
import type { TicketType } from './registrations.ts';
import { ticketTypesOf, wavesOf } from './ticket-types.ts';

export type TicketState = 'not-open' | 'open' | 'full' | 'ballot' | 'closed';

export interface TicketOffer {
  type: TicketType;
  state: TicketState;
  placesLeft: number;
  /** The next release wave still to come, so a full ticket can say when more places come. */
  nextWave: { releasesAt: number; places: number } | null;
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
      const nextWave = wavesOf(db, type.id).find((w) => w.releasesAt > t && w.places > 0) ?? null;
      return { type, state, placesLeft, nextWave: nextWave && { releasesAt: nextWave.releasesAt, places: nextWave.places } };
    });
}

/** Whether a visitor sees a ticket type: a public one always, a hidden one only with its code. */
export function shownWith(type: TicketType, accessCode: string | null): boolean {
  const code = (accessCode ?? '').trim().toLowerCase();
  return type.visibility === 'public' || (code !== '' && (type.accessCode ?? '').trim().toLowerCase() === code);
}

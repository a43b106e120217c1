import { isCouncillor, isFirstTimer } from '../messages/audience.ts';
import { attendeeRoleLabels } from '../tickets/ticket.forms.ts';
import { attendeeRoles, type AttendeeRole } from '../tickets/tickets.table.ts';
import type { Council, PlaceHeld } from './places-held.ts';

/** Who is coming to one camp, counted once each however many tickets they hold. */
export interface CampFigures {
  /** People with a confirmed place. */
  people: number;
  /** Of them, people who said this is their first camp (the messages' "first-timers"). */
  firstTimers: number;
  /** First-timers as a whole percentage of people (null when nobody is coming yet). */
  firstTimerPercent: number | null;
  /** Of them, people registered as councillors (the messages' "councillors"). */
  councillors: number;
  roles: Array<{ role: AttendeeRole; label: string; people: number }>;
  councils: {
    represented: Council[];
    /** Represented here and at no camp that started earlier. */
    new: Council[];
    /** Represented here and at an earlier camp. */
    returning: Council[];
  };
  /** Councils represented, by nation and then region, in that order. */
  byRegion: Array<{ nation: string; region: string; councils: number }>;
}

/** A whole percentage, or null for a share of nobody. */
export const percentOf = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((100 * part) / whole));

/**
 * The figures of one camp from its places (placesHeldAt). A person is one inbox: someone on
 * two ticket types counts once, as a first-timer or councillor if any of their confirmed places
 * says so, with the role of their first confirmed place. `earlierCouncils` are the councils
 * represented at camps that started before this one.
 */
export function campFigures(places: PlaceHeld[], earlierCouncils: ReadonlySet<number>): CampFigures {
  const confirmed = places.filter((p) => p.status === 'confirmed');
  const byPerson = new Map<string, PlaceHeld[]>();
  for (const p of confirmed) byPerson.set(p.mailbox, [...(byPerson.get(p.mailbox) ?? []), p]);
  const everyone = [...byPerson.values()];
  const firstTimers = everyone.filter((held) => held.some(isFirstTimer)).length;
  const roleCount = new Map<AttendeeRole, number>();
  for (const held of everyone) roleCount.set(held[0]!.role, (roleCount.get(held[0]!.role) ?? 0) + 1);
  const represented = councilsIn(confirmed);
  return {
    people: everyone.length,
    firstTimers,
    firstTimerPercent: percentOf(firstTimers, everyone.length),
    councillors: everyone.filter((held) => held.some(isCouncillor)).length,
    roles: attendeeRoles.map((role) => ({ role, label: attendeeRoleLabels[role], people: roleCount.get(role) ?? 0 })),
    councils: {
      represented,
      new: represented.filter((c) => !earlierCouncils.has(c.id)),
      returning: represented.filter((c) => earlierCouncils.has(c.id)),
    },
    byRegion: byRegion(represented),
  };
}

/** The councils these places come from, once each, by name. */
export function councilsIn(places: PlaceHeld[]): Council[] {
  const found = new Map<number, Council>();
  for (const p of places) if (p.council) found.set(p.council.id, p.council);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

function byRegion(councils: Council[]): CampFigures['byRegion'] {
  const counts = new Map<string, { nation: string; region: string; councils: number }>();
  for (const c of councils) {
    const key = `${c.nation}\u0000${c.region}`;
    const row = counts.get(key) ?? { nation: c.nation || 'Not known', region: c.region || c.nation || 'Not known', councils: 0 };
    row.councils += 1;
    counts.set(key, row);
  }
  return [...counts.values()].sort((a, b) => a.nation.localeCompare(b.nation, 'en-GB') || a.region.localeCompare(b.region, 'en-GB'));
}

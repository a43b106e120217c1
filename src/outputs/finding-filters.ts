import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { events } from '../events/events.table.ts';
import { organisationNames, organisations } from '../organisations/organisations.table.ts';
import { pitchFacilitators, pitches } from '../pitches/pitches.table.ts';
import { pitchThemes, themes } from '../themes/themes.table.ts';
import { registrations, ticketTypes } from '../tickets/tickets.table.ts';
import { outputs } from './outputs.table.ts';

/*
 * The filters of /outputs beyond the camp.
 *
 * Theme: themes belong to camps, but readers think of "democracy" across all of them, so the
 * filter is a theme's name (whatever its case) and matches the outputs of sessions tagged with
 * a theme of that name at any camp.
 *
 * Council: a reader asking "what did councils like mine do" means the sessions their council's
 * people ran and the outputs they wrote. So an output is a council's when its author, or a
 * confirmed facilitator of its session, registered for that camp from that council, as their
 * typed organisation is matched to the councils register (town and parish councils are their
 * own entries). Walk-ins named at the pitch desk have no registration and count for no council.
 */

const visible = sql`${outputs.hiddenAt} is null and ${events.status} != 'draft'`;
const hasVisibleOutput = (pitchId: SQL) => sql`exists(select 1 from ${outputs} join ${events} on ${events.id} = ${outputs.eventId} where ${outputs.pitchId} = ${pitchId} and ${visible})`;

/** Each person's organisation at each camp they registered for, where it is matched to a council. */
const registeredFrom = sql`
  select ${ticketTypes.eventId} as event_id, ${registrations.personId} as person_id, ${organisations.id} as council_id, ${organisations.name} as council_name
  from ${registrations}
  join ${ticketTypes} on ${ticketTypes.id} = ${registrations.ticketTypeId}
  join ${organisationNames} on ${organisationNames.key} = ${registrations.organisationKey}
  join ${organisations} on ${organisations.id} = ${organisationNames.organisationId} and ${organisations.kind} != 'other'`;

/**
 * Councils with outputs the public may see, alphabetical, for the filter. The people involved
 * are gathered first (a few per session), so the registrations are looked up once a person.
 */
export function councilsWithOutputs(db: Db): Array<{ id: number; name: string }> {
  return db.all<{ id: number; name: string }>(sql`
    with involved (event_id, person_id) as (
      select distinct ${outputs.eventId}, ${outputs.authorId} from ${outputs} join ${events} on ${events.id} = ${outputs.eventId} where ${visible}
      union
      select ${pitches.eventId}, ${pitchFacilitators.personId} from ${pitchFacilitators} join ${pitches} on ${pitches.id} = ${pitchFacilitators.pitchId}
      where ${pitchFacilitators.confirmed} = 1 and ${hasVisibleOutput(sql`${pitches.id}`)}
    )
    select distinct c.council_id as id, c.council_name as name
    from involved join (${registeredFrom}) as c on c.event_id = involved.event_id and c.person_id = involved.person_id
    order by c.council_name`);
}

/** Theme names with outputs the public may see, alphabetical (the first spelling of each), for the filter. */
export function themesWithOutputs(db: Db): Array<{ key: string; name: string }> {
  return db.all<{ key: string; name: string }>(sql`
    select ${themes.nameKey} as key, min(${themes.name}) as name from ${themes}
    where exists(select 1 from ${pitchThemes} where ${pitchThemes.themeId} = ${themes.id} and ${hasVisibleOutput(sql`${pitchThemes.pitchId}`)})
    group by ${themes.nameKey}
    order by ${themes.nameKey}`);
}

/** A condition on outputs: its session carries a theme of this name (its lower-case key). */
export function aboutTheme(key: string): SQL {
  return sql`${outputs.pitchId} in (select ${pitchThemes.pitchId} from ${pitchThemes} join ${themes} on ${themes.id} = ${pitchThemes.themeId} where ${themes.nameKey} = ${key})`;
}

/**
 * A condition on outputs: written by, or from a session run by, people of this council (see
 * above). Both lists are worked out once a query, from the council's few registrations.
 */
export function fromCouncil(councilId: number): SQL {
  const people = sql`select event_id, person_id from (${registeredFrom}) where council_id = ${councilId}`;
  return sql`((${outputs.eventId}, ${outputs.authorId}) in (${people})
    or ${outputs.pitchId} in (select ${pitches.id} from ${pitches} join ${pitchFacilitators} on ${pitchFacilitators.pitchId} = ${pitches.id} and ${pitchFacilitators.confirmed} = 1
      where (${pitches.eventId}, ${pitchFacilitators.personId}) in (${people})))`;
}

import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../db/open.ts';
import { addDay } from '../events/days.ts';
import { changeEventStatus, createEvent, eventDetailsOf, findEventBySlug, type CampEvent } from '../events/events.ts';
import type { RoomFeature } from '../events/events.table.ts';
import { inviteOrganiser } from '../events/organisers.ts';
import { addRoom } from '../events/rooms.ts';
import { addSlot, generateSlots } from '../events/slots.ts';
import { seedDemoTickets } from './tickets.ts';
import { seedDemoHistory } from './history.ts';
import { seedDemoGrid } from './grid.ts';
import { findOrCreatePerson, type Person } from '../people/people.ts';
import { people } from '../people/people.table.ts';
import { seedDemoSponsors, storeDemoLogos } from './sponsors.ts';
import { seedDemoInterest, seedDemoPitches } from './pitches.ts';
import { seedDemoThemes } from './themes.ts';
import { seedDemoUnmentoring } from './unmentoring.ts';

export const demoOrganiserEmail = 'organiser@demo.campgrid.example';
export const demoSlug = 'anytown-localgovcamp';
export const demoAttendeeCount = 300;

const rooms: Array<[string, number, RoomFeature[], string]> = [
  ['Main hall', 150, ['step-free', 'projector', 'hearing-loop'], 'Ground floor, straight ahead from the entrance'],
  ['Council chamber', 80, ['step-free', 'projector', 'hearing-loop'], 'First floor, lift by reception'],
  ['Committee room 1', 40, ['step-free', 'projector'], 'First floor'],
  ['Committee room 2', 30, ['step-free'], 'First floor'],
  ['Library', 25, ['step-free', 'quiet'], 'Ground floor, past the café'],
  ['Mezzanine', 20, ['projector'], 'Up one flight of stairs: no lift'],
  ['Garden room', 15, ['step-free', 'quiet'], 'Through the café'],
  ['Makerspace', 30, ['step-free', 'projector'], 'Basement, lift by reception'],
];

/** The first Friday at least eight weeks after `now`, so the demo camp is always upcoming. */
export function demoFriday(now: Date): string {
  let d = DateTime.fromJSDate(now, { zone: 'Europe/London' }).plus({ weeks: 8 }).startOf('day');
  while (d.weekday !== 5) d = d.plus({ days: 1 });
  return d.toISODate()!;
}

/**
 * A realistic two-day camp for newcomers to explore: a Friday makers day and a Saturday camp,
 * eight rooms, a full slot pattern, a team, tickets with a waiting list and a ballot, 40 pitches
 * with the interest of the Camp day's attendees, sponsors in every state, and three earlier camps
 * kept as archives with who came to each (first-timers and returners as facts), last year's with
 * its sessions and what they made. Themes on both camps' pitches, first-timers asking for buddies,
 * and a site-wide UnMentoring scheme with two past rounds. Sponsors' logos are stored under `dataDir`, as uploads are.
 */
export function seedDemoCamp(db: Db, now: Date, baseUrl: string, dataDir: string): CampEvent {
  const existing = findEventBySlug(db, demoSlug);
  if (existing) return existing;
  // Files first: no I/O inside the transaction (a stored logo nobody uses is harmless).
  const logos = storeDemoLogos(dataDir);
  return db.transaction((tx) => {
    const organiser: Person = tx
      .update(people)
      .set({ isAdministrator: true, name: 'Dee Organiser' })
      .where(eq(people.id, findOrCreatePerson(tx, now, demoOrganiserEmail).id))
      .returning()
      .get();
    const friday = demoFriday(now);
    const saturday = DateTime.fromISO(friday).plus({ days: 1 }).toISODate()!;
    const year = friday.slice(0, 4);
    const event = createEvent(
      tx,
      now,
      {
        name: `Anytown LocalGovCamp ${year}`,
        slug: demoSlug,
        summary: 'A free unconference for people who work in and with local government.',
        description:
          'There is no agenda until the morning: anyone can pitch a session, everyone shows which ones they would go to, and the grid is built in minutes.\n\nFriday is a makers day of hands-on workshops. Saturday is the camp itself.',
        timeZone: 'Europe/London',
        venueName: 'Anytown Civic Centre',
        venueAddress: 'Civic Centre\nMarket Square\nAnytown\nAT1 1AA',
        travelInformation: 'Ten minutes’ walk from Anytown station. Buses 4 and 12 stop outside. Cycle racks by the main entrance; no public parking.',
        accessInformation:
          'Step-free entrance on Market Square. Lifts to every floor except the Mezzanine. Accessible toilets on every floor. Hearing loops in the Main hall and Council chamber. The Library and Garden room are quiet rooms.',
        codeOfConduct:
          'Anytown LocalGovCamp is for everyone. We do not tolerate harassment of any kind. If something makes you uncomfortable, speak to anyone in a yellow T-shirt.',
        reconfirmDaysBefore: 7,
        needsKeptForDays: 30,
      },
      organiser.id,
    );
    const makers = addDay(tx, event.id, event.timeZone, { date: friday, label: 'Makers day', opens: '09:30', closes: '17:00' });
    generateSlots(tx, makers, event.timeZone, {
      pitchingStarts: null,
      pitchingMinutes: 30,
      firstSessionStarts: '10:00',
      sessionMinutes: 60,
      changeoverMinutes: 15,
      sessionCount: 4,
      lunchStarts: '12:30',
      lunchMinutes: 60,
    });
    const camp = addDay(tx, event.id, event.timeZone, { date: saturday, label: 'Camp day', opens: '09:00', closes: '17:30' });
    generateSlots(tx, camp, event.timeZone, {
      pitchingStarts: '09:30',
      pitchingMinutes: 30,
      firstSessionStarts: '10:15',
      sessionMinutes: 45,
      changeoverMinutes: 15,
      sessionCount: 5,
      lunchStarts: '12:30',
      lunchMinutes: 45,
    });
    addSlot(tx, camp, event.timeZone, { kind: 'plenary', label: 'Welcome and housekeeping', starts: '09:00', ends: '09:30' });
    addSlot(tx, camp, event.timeZone, { kind: 'plenary', label: 'Closing and thanks', starts: '16:45', ends: '17:15' });
    rooms.forEach(([name, capacity, features, notes], i) => addRoom(tx, event.id, { name, capacity, features, notes, displayOrder: i + 1 }));
    const base = { event, invitedBy: organiser, baseUrl };
    inviteOrganiser(tx, now, { ...base, email: 'co-organiser@demo.campgrid.example', role: 'organiser' });
    inviteOrganiser(tx, now, { ...base, email: 'helper@demo.campgrid.example', role: 'helper' });
    const published = changeEventStatus(tx, now, event.id, 'published');
    const attendees = seedDemoTickets(tx, now, published, makers, camp);
    seedDemoSponsors(tx, now, { event: published, organiser, baseUrl, firstDay: friday, logos });
    // 40 pitches across formats and about six "I'd go" marks for each attendee with a place, skewed as a real board is.
    const made = seedDemoPitches(tx, now, published, organiser.id, attendees);
    seedDemoInterest(tx, now, made, attendees, attendees.length * 6);
    seedDemoThemes(tx, now, published.id, made);
    seedDemoGrid(tx, now, published, organiser, baseUrl);

    seedDemoHistory(tx, now, event, organiser.id, saturday);
    seedDemoUnmentoring(tx, now, organiser.id);
    return published;
  });
}

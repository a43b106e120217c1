import { afterEach, beforeEach } from 'vitest';
import type { Db } from '../../src/db/open.ts';
import { addDay, type Day } from '../../src/events/days.ts';
import { changeEventStatus, createEvent, type CampEvent } from '../../src/events/events.ts';
import { addRoom } from '../../src/events/rooms.ts';
import { addSlot, type Slot } from '../../src/events/slots.ts';
import type { Person } from '../../src/people/people.ts';
import { campDetails } from './factories.ts';
import { makeApp, testNow, type TestApp } from './app.ts';
import { person } from './people.ts';

export interface TwoDayCamp {
  event: CampEvent;
  organiser: Person;
  friday: Day;
  saturday: Day;
  /** Two session slots each day, in time order, and a lunch slot on Saturday (not a session). */
  fridaySlots: Slot[];
  saturdaySlots: Slot[];
  lunch: Slot;
}

/** A published two-day camp with session slots and two rooms (a hall of 120 and a library of 25). */
export function twoDayCamp(db: Db, now: Date): TwoDayCamp {
  const organiser = person(db, 'dee@example.org', { administrator: true, name: 'Dee Organiser' });
  const event = createEvent(db, now, campDetails(), organiser.id);
  const friday = addDay(db, event.id, event.timeZone, { date: '2027-06-18', label: 'Makers day', opens: '09:00', closes: '17:00' });
  const saturday = addDay(db, event.id, event.timeZone, { date: '2027-06-19', label: 'Camp day', opens: '09:00', closes: '17:00' });
  const session = (day: Day, starts: string, ends: string) => addSlot(db, day, event.timeZone, { kind: 'session', label: '', starts, ends });
  const fridaySlots = [session(friday, '10:00', '10:45'), session(friday, '11:00', '11:45')];
  const saturdaySlots = [session(saturday, '10:00', '10:45'), session(saturday, '11:00', '11:45')];
  const lunch = addSlot(db, saturday, event.timeZone, { kind: 'lunch', label: '', starts: '12:00', ends: '13:00' });
  addRoom(db, event.id, { name: 'Hall', capacity: 120, features: ['step-free', 'projector'], notes: '', displayOrder: 1 });
  addRoom(db, event.id, { name: 'Library', capacity: 25, features: ['quiet'], notes: '', displayOrder: 2 });
  return { event: changeEventStatus(db, now, event.id, 'published'), organiser, friday, saturday, fridaySlots, saturdaySlots, lunch };
}

/** For each test of the enclosing describe: a fresh app with the two-day camp, handed to `use`, closed afterwards. */
export function eachWithTwoDayCamp(use: (t: TestApp, camp: TwoDayCamp) => void): void {
  let app: TestApp;
  beforeEach(async () => {
    app = await makeApp();
    use(app, twoDayCamp(app.db, testNow));
  });
  afterEach(async () => app.close());
}

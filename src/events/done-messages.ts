import type { DoneMessages } from '../web/input.ts';

/** The success banners of the organiser's event pages (the event, days, rooms, slots, team). */
export const eventDone: DoneMessages = {
  created: 'Event created. Add its days and rooms next.',
  saved: 'Your changes have been saved.',
  published: 'The event is published: anyone can see its page.',
  draft: 'The event is back to draft: only its team can see it.',
  archived: 'The event is archived: its page stays as the record of the day.',
  'day-added': 'Day added. Now add its slots, or generate them from a pattern.',
  'room-added': 'Room added.',
  'slot-added': 'Slot added.',
  generated: 'Slots generated. Change any of them below.',
  removed: 'Removed.',
  invited: 'Invitation sent. They have been emailed a link to sign in.',
};

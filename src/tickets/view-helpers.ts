import { dayOfCamp } from '../events/local-time.ts';
import { andList } from '../mail/compose.ts';
import { accessNeedLabels } from './access-needs.ts';
import { attendeeRoleLabels, registrationStatusLabels } from './ticket.forms.ts';

/** How pages write the tickets area's days, roles, statuses and access needs (`it.h.name(...)`). */
export const ticketViewHelpers = {
  /** "Friday 18 June and Saturday 19 June": the days a ticket covers. */
  daysOfTicket(days: Array<{ date: string }>): string {
    return days.length ? andList(days.map((d) => dayOfCamp(d.date))) : 'no day set';
  },
  attendeeRoleLabels,
  registrationStatusLabels,
  accessNeedLabels,
};

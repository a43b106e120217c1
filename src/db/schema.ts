// Every area's tables, gathered for drizzle and drizzle-kit.
export * from '../people/people.table.ts';
export * from '../events/events.table.ts';
export * from '../mail/mail.table.ts';
export * from '../tickets/tickets.table.ts';
export * from '../sponsors/sponsors.table.ts';
export * from '../pitches/pitches.table.ts';
export * from '../grid/grid.table.ts';
export * from '../calendar/calendar.table.ts';
export * from '../messages/messages.table.ts';
export * from '../organisations/organisations.table.ts';
export * from '../buddies/buddies.table.ts';
export * from '../unmentoring/unmentoring.table.ts';
export * from '../outputs/outputs.table.ts';
export * from '../reach/reach.table.ts';
export * from '../themes/themes.table.ts';

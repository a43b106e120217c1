import type { EventDetails } from '../../src/events/events.ts';

/** A camp's details as an organiser would type them; override what a test cares about. */
export const campDetails = (overrides: Partial<EventDetails> = {}): EventDetails => ({
  name: 'LocalGovCamp 2027',
  slug: 'localgovcamp-2027',
  summary: 'The unconference for local government',
  description: '',
  timeZone: 'Europe/London',
  venueName: 'Civic Hall',
  venueAddress: '1 Market Street',
  travelInformation: '',
  accessInformation: '',
  codeOfConduct: 'Be kind.',
  reconfirmDaysBefore: null,
  needsKeptForDays: 30,
  ...overrides,
});

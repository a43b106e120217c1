import { fileURLToPath } from 'node:url';

/** A file in test/fixtures, by a path relative to the repository, so a clone needs nothing beside it. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** The Eventbrite attendee export the importer is tested against (see test/fixtures/README.md). */
export const eventbriteExport = fixturePath('eventbrite-attendees.csv');

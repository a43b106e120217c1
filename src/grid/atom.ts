import type { CampEvent } from '../events/events.ts';
import { describeChange } from './change-wording.ts';
import type { PublishedGrid } from './published.ts';

/** Text made safe for XML: escaped, and characters XML cannot hold left out. */
export const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/g, '');

/** The change log as an Atom feed: one entry per published version, newest first. */
export function atomFeed(event: CampEvent, versions: PublishedGrid[], baseUrl: string): string {
  const gridUrl = `${baseUrl}/events/${event.slug}/grid`;
  const updated = new Date(versions[0]?.publishedAt ?? event.updatedAt).toISOString();
  const entries = versions
    .map((v) => {
      const lines = v.changes.map((c) => describeChange(c, event.timeZone));
      const body = [v.note, ...lines].filter(Boolean).join('\n');
      return `  <entry>
    <id>${xml(`${gridUrl}/changes#version-${v.version}`)}</id>
    <title>${xml(`Version ${v.version} of the grid`)}</title>
    <updated>${new Date(v.publishedAt).toISOString()}</updated>
    <link rel="alternate" href="${xml(`${gridUrl}/changes#version-${v.version}`)}"/>
    <content type="text">${xml(body || 'No changes to sessions.')}</content>
  </entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${gridUrl}/changes`)}</id>
  <title>${xml(`Changes to the grid of ${event.name}`)}</title>
  <updated>${updated}</updated>
  <link rel="self" href="${xml(`${gridUrl}/changes.atom`)}"/>
  <link rel="alternate" href="${xml(gridUrl)}"/>
  <author><name>${xml(event.name)}</name></author>
${entries}
</feed>
`;
}

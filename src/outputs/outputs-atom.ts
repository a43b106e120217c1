import { xml } from '../grid/atom.ts';
import type { FoundOutput } from './finding.ts';
import { licenceNames } from './output-settings.ts';

const kindNames = { notes: 'Notes', link: 'Link', action: 'Action' } as const;

/** New outputs across camps as an Atom feed, newest first; every field escaped as text. */
export function outputsAtomFeed(found: FoundOutput[], baseUrl: string): string {
  const updated = new Date(found[0]?.updatedAt ?? 0).toISOString();
  const entries = found
    .map((o) => {
      const page = `${baseUrl}/events/${o.eventSlug}/pitches/${o.pitchId}#output-${o.id}`;
      const text = [`${kindNames[o.kind]} from “${o.sessionTitle}” at ${o.eventName}.`, o.body, o.url ?? '', o.owner ? `Who: ${o.owner}` : '', `Licence: ${licenceNames[o.licence].name}`].filter(Boolean).join('\n\n');
      return `  <entry>
    <id>${xml(`${baseUrl}/outputs/${o.id}`)}</id>
    <title>${xml(o.title)}</title>
    <updated>${new Date(o.updatedAt).toISOString()}</updated>
    <published>${new Date(o.createdAt).toISOString()}</published>
    <author><name>${xml(o.by)}</name></author>
    <link rel="alternate" href="${xml(page)}"/>${o.url ? `\n    <link rel="related" href="${xml(o.url)}"/>` : ''}
    <rights>${xml(licenceNames[o.licence].name)}</rights>
    <content type="text">${xml(text)}</content>
  </entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${baseUrl}/outputs`)}</id>
  <title>New outputs from the camps</title>
  <updated>${updated}</updated>
  <link rel="self" href="${xml(`${baseUrl}/outputs.atom`)}"/>
  <link rel="alternate" href="${xml(`${baseUrl}/outputs`)}"/>
${entries}
</feed>
`;
}

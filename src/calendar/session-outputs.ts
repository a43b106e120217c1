import type { PublishedGrid } from '../grid/published.ts';

/**
 * What the sessions made, as the schedule exports and calendar events carry it: only outputs
 * the public may see (the loader leaves hidden ones out), oldest first per session.
 */
export interface ExportedOutput {
  id: number;
  kind: 'notes' | 'link' | 'action';
  title: string;
  url: string | null;
  owner: string;
}

export interface CampOutputs {
  /** Changes whenever an output is added, edited, hidden or shown again: part of every cache key. */
  version: string;
  /** The latest such change (Last-Modified, and the events' LAST-MODIFIED). */
  changedAt: number;
  bySession: Map<number, { outputs: ExportedOutput[]; changedAt: number }>;
}

/** A published grid with its sessions' outputs, when the exports should carry them. */
export interface GridWithOutputs extends PublishedGrid {
  outputs?: CampOutputs;
}

/** A c3voc Reference: a link or an attachment of an event. */
export interface ScheduleReference {
  type: 'slides' | 'paper' | 'web' | 'media' | 'related' | 'article';
  url: string;
  title: string;
}

export const outputsOfSession = (grid: GridWithOutputs, pitchId: number): ExportedOutput[] => grid.outputs?.bySession.get(pitchId)?.outputs ?? [];

/** A session's last change, its outputs' included, so calendar apps see a new description as new. */
export const sessionChangedAt = (grid: GridWithOutputs, pitchId: number, changedAt: number): number => Math.max(changedAt, grid.outputs?.bySession.get(pitchId)?.changedAt ?? 0);

const presentation = /\.(pdf|pptx?|odp|key)$/i;
const documentFile = /\.(docx?|odt|rtf|xlsx?|ods|csv|txt)$/i;
const presentationSite = /(^|\.)(speakerdeck\.com|slideshare\.net)$|^docs\.google\.com\/presentation/;
const mediaSite = /(^|\.)(youtube\.com|youtu\.be|vimeo\.com|peertube\.|media\.ccc\.de)/;

/**
 * A session's outputs as c3voc references: a link to a file (slides, a paper) is an attachment,
 * other links are links, and notes and actions link to their place on the session's page.
 */
export function scheduleReferences(outputs: ExportedOutput[], sessionPage: string): { links: ScheduleReference[]; attachments: ScheduleReference[] } {
  const links: ScheduleReference[] = [];
  const attachments: ScheduleReference[] = [];
  for (const o of outputs) {
    if (o.kind !== 'link' || !o.url) {
      links.push({ type: o.kind === 'notes' ? 'article' : 'related', url: `${sessionPage}#output-${o.id}`, title: `${kindNames[o.kind]}: ${o.title}` });
      continue;
    }
    const url = new URL(o.url);
    const hostAndPath = `${url.hostname}${url.pathname}`;
    if (presentation.test(url.pathname)) attachments.push({ type: 'slides', url: o.url, title: o.title });
    else if (documentFile.test(url.pathname)) attachments.push({ type: 'paper', url: o.url, title: o.title });
    else links.push({ type: presentationSite.test(hostAndPath) ? 'slides' : mediaSite.test(url.hostname) ? 'media' : 'web', url: o.url, title: o.title });
  }
  return { links, attachments };
}

const kindNames = { notes: 'Notes', link: 'Link', action: 'Action' } as const;

/** At most this many outputs are written into a calendar event; the rest are on the session's page. */
const inDescription = 20;

/** The lines a calendar event's description gains: each output's kind, title, and link or owner. */
export function outputLines(outputs: ExportedOutput[], sessionPage: string): string[] {
  if (!outputs.length) return [];
  const lines = ['', 'What the session made:'];
  for (const o of outputs.slice(0, inDescription)) {
    const detail = o.kind === 'link' && o.url ? ` ${o.url}` : o.kind === 'action' && o.owner ? ` (${o.owner})` : '';
    lines.push(`- ${kindNames[o.kind]}: ${oneLine(o.title)}${oneLine(detail)}`);
  }
  if (outputs.length > inDescription) lines.push(`- and ${outputs.length - inDescription} more on the session's page`);
  lines.push(`All of them: ${sessionPage}#outputs`);
  return lines;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ');

/**
 * What the public sees of a grid: the snapshot written at each publish. Feeds, exports, the
 * public grid and now & next are all built from this, never from the draft.
 */
export interface PublishedSession {
  pitchId: number;
  title: string;
  description: string;
  format: string;
  /** Facilitators as shown to the public; `key` is `u<personId>` for people, `w<rowId>` for walk-ins. */
  facilitators: Array<{ key: string; name: string }>;
  roomId: number;
  roomName: string;
  roomFeatures: string[];
  /** The day's date (YYYY-MM-DD) in the event's zone. */
  date: string;
  /** UTC instants: from the first slot's start to the last slot's end (double sessions span two). */
  startsAt: number;
  endsAt: number;
  /** Rises each time a publish changes the session's time, room or title, or cancels it. */
  sequence: number;
  /** When a publish last changed this session (feeds' DTSTAMP and LAST-MODIFIED). */
  changedAt: number;
  /** In an earlier version and not in this one: kept, so calendars show it cancelled. */
  cancelled: boolean;
}

export type GridChange =
  | { kind: 'added'; pitchId: number; title: string; to: Place }
  | { kind: 'moved'; pitchId: number; title: string; from: Place; to: Place }
  | { kind: 'cancelled'; pitchId: number; title: string; from: Place; mergedInto?: { title: string; at: Place | null } }
  | { kind: 'renamed'; pitchId: number; title: string; previousTitle: string };

export interface Place {
  roomName: string;
  startsAt: number;
  endsAt: number;
}

export interface PublishedGrid {
  event: { id: number; slug: string; name: string; summary: string; timeZone: string; venueName: string; venueAddress: string };
  /** 1 for the first publish, then 2, 3 … */
  version: number;
  publishedAt: number;
  note: string;
  sessions: PublishedSession[];
  changes: GridChange[];
}

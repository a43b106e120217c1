import type { PublishedGrid, PublishedSession } from './published.ts';

export interface GridRow {
  startsAt: number;
  endsAt: number;
  cells: Map<number, PublishedSession>;
}

export interface PublicGridDay {
  date: string;
  rooms: Array<{ id: number; name: string; features: string[] }>;
  rows: GridRow[];
}

/**
 * A published grid laid out for one day: rooms as columns (in the order given), times as rows.
 * Cancelled sessions are left out here; the change log tells of them.
 */
export function layoutDay(grid: PublishedGrid, date: string, roomOrder: number[], roomFilter: number | null): PublicGridDay {
  const sessions = grid.sessions.filter((s) => !s.cancelled && s.date === date && (roomFilter === null || s.roomId === roomFilter));
  const roomsSeen = new Map<number, { id: number; name: string; features: string[] }>();
  for (const s of sessions) roomsSeen.set(s.roomId, { id: s.roomId, name: s.roomName, features: s.roomFeatures });
  const rank = (id: number) => (roomOrder.indexOf(id) === -1 ? 1e6 + id : roomOrder.indexOf(id));
  const rooms = [...roomsSeen.values()].sort((a, b) => rank(a.id) - rank(b.id));
  const rows = new Map<number, GridRow>();
  for (const s of sessions) {
    const row = rows.get(s.startsAt) ?? { startsAt: s.startsAt, endsAt: s.endsAt, cells: new Map() };
    // A row is a slot: a double session starting in it says how long it runs instead.
    row.endsAt = Math.min(row.endsAt, s.endsAt);
    row.cells.set(s.roomId, s);
    rows.set(s.startsAt, row);
  }
  return { date, rooms, rows: [...rows.values()].sort((a, b) => a.startsAt - b.startsAt) };
}

export function datesOf(grid: PublishedGrid): string[] {
  return [...new Set(grid.sessions.filter((s) => !s.cancelled).map((s) => s.date))].sort();
}

/** Per room: what is on now and what comes next (today), for the screens by the stairs. */
export function nowAndNext(grid: PublishedGrid, now: number, date: string, roomFilter: number | null) {
  const today = grid.sessions.filter((s) => !s.cancelled && s.date === date && (roomFilter === null || s.roomId === roomFilter));
  const rooms = new Map<number, { name: string; now: PublishedSession | null; next: PublishedSession | null }>();
  for (const s of [...today].sort((a, b) => a.startsAt - b.startsAt)) {
    const room = rooms.get(s.roomId) ?? { name: s.roomName, now: null, next: null };
    if (s.startsAt <= now && now < s.endsAt) room.now = s;
    else if (s.startsAt > now && !room.next) room.next = s;
    rooms.set(s.roomId, room);
  }
  return [...rooms.entries()].map(([id, r]) => ({ id, ...r })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Pairs of sessions in someone's agenda that overlap in time. */
export function clashesIn(sessions: PublishedSession[]): Array<[PublishedSession, PublishedSession]> {
  const live = sessions.filter((s) => !s.cancelled).sort((a, b) => a.startsAt - b.startsAt);
  const clashes: Array<[PublishedSession, PublishedSession]> = [];
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length && live[j]!.startsAt < live[i]!.endsAt; j++) clashes.push([live[i]!, live[j]!]);
  }
  return clashes;
}

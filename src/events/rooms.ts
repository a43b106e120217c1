import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { RuleViolation } from '../rules.ts';
import { rooms, type RoomFeature } from './events.table.ts';

export type Room = typeof rooms.$inferSelect;

export interface RoomDetails {
  name: string;
  capacity: number;
  features: RoomFeature[];
  notes: string;
  displayOrder: number;
}

export const roomFeatureLabels: Record<RoomFeature, string> = {
  'step-free': 'Step-free access',
  'hearing-loop': 'Hearing loop',
  projector: 'Projector or screen',
  quiet: 'Quiet room',
};

export function roomsOf(db: Db, eventId: number): Room[] {
  return db.select().from(rooms).where(eq(rooms.eventId, eventId)).orderBy(asc(rooms.displayOrder), asc(rooms.name)).all();
}

export function findRoom(db: Db, eventId: number, roomId: number): Room | undefined {
  return db.select().from(rooms).where(and(eq(rooms.eventId, eventId), eq(rooms.id, roomId))).get();
}

function assertNameFree(db: Db, eventId: number, name: string, exceptId?: number): void {
  const clash = db
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.eventId, eventId), eq(rooms.name, name), exceptId === undefined ? undefined : ne(rooms.id, exceptId)))
    .get();
  if (clash) throw new RuleViolation({ name: 'Another room at this event has that name' });
}

/** Adds a room; names are unique within an event so people can tell rooms apart. */
export function addRoom(db: Db, eventId: number, details: RoomDetails): Room {
  return db.transaction((tx) => {
    assertNameFree(tx, eventId, details.name);
    return tx.insert(rooms).values({ eventId, ...details }).returning().get();
  });
}

export function updateRoom(db: Db, eventId: number, roomId: number, details: RoomDetails): Room {
  return db.transaction((tx) => {
    if (!findRoom(tx, eventId, roomId)) throw new RuleViolation({ name: 'This room no longer exists' });
    assertNameFree(tx, eventId, details.name, roomId);
    return tx.update(rooms).set(details).where(eq(rooms.id, roomId)).returning().get();
  });
}

export function removeRoom(db: Db, eventId: number, roomId: number): void {
  db.delete(rooms).where(and(eq(rooms.eventId, eventId), eq(rooms.id, roomId))).run();
}

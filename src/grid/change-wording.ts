import { timeRangeOn } from '../events/local-time.ts';
import type { GridChange, Place } from './published.ts';

/** One line of the change log, in words, in the event's time zone. */
export function describeChange(change: GridChange, zone: string): string {
  const at = (p: Place) => `${p.roomName}, ${timeRangeOn(p.startsAt, p.endsAt, zone, false)}`;
  switch (change.kind) {
    case 'added':
      return `Added: “${change.title}”, ${at(change.to)}`;
    case 'moved':
      return `Moved: “${change.title}”, now in ${at(change.to)} (was ${at(change.from)})`;
    case 'cancelled':
      if (change.mergedInto) return `Cancelled: “${change.title}”, which was in ${at(change.from)}: it has joined “${change.mergedInto.title}”, ${change.mergedInto.at ? at(change.mergedInto.at) : 'which is not on the grid yet'}`;
      return `Cancelled: “${change.title}”, which was in ${at(change.from)}`;
    case 'renamed':
      return `Renamed: “${change.previousTitle}” is now “${change.title}”`;
  }
}

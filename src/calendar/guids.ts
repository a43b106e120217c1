import { createHash } from 'node:crypto';

/** RFC 9562's URL namespace, the one the c3voc schema names for person guids. */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * A name-based UUID (version 5, SHA-1): the same namespace and name always give the same guid,
 * so a session keeps its guid in every export without our storing one.
 */
export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The host a camp is served from ("camp.example.org"): the part of every identity that is ours. */
export function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

/** The calendar UID of a session. It never changes: not when the session moves room, time or title. */
export function sessionUid(pitchId: number, baseUrl: string): string {
  return `session-${pitchId}@${hostOf(baseUrl)}`;
}

/** The export guid of a session: the same identity as its calendar UID, written as a UUID. */
export function sessionGuid(pitchId: number, baseUrl: string): string {
  return uuidV5(URL_NAMESPACE, sessionUid(pitchId, baseUrl));
}

export function roomGuid(roomId: number, baseUrl: string): string {
  return uuidV5(URL_NAMESPACE, `room-${roomId}@${hostOf(baseUrl)}`);
}

/** In the `acct:` form the c3voc schema suggests, with the facilitator's key (`u12`, `w3`) for an address we never publish. */
export function personGuid(facilitatorKey: string, baseUrl: string): string {
  return uuidV5(URL_NAMESPACE, `acct:${facilitatorKey}@${hostOf(baseUrl)}`);
}

import { createHash } from 'node:crypto';

/** Bytes ready to send, with their strong validator. */
export interface Rendered {
  body: string;
  /** A strong ETag: a hash of exactly these bytes, quoted. */
  etag: string;
}

export function rendered(body: string): Rendered {
  return { body, etag: `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 32)}"` };
}

/**
 * Rendered feeds and exports, least recently used out first, within a budget of characters.
 * Calendar apps poll every feed hourly; keyed by the grid's version, a poll between publishes
 * costs a map lookup instead of a render, and a publish makes the old keys unreachable.
 */
export class RenderCache {
  private readonly entries = new Map<string, Rendered>();
  private size = 0;

  constructor(private readonly budget = 32 * 1024 * 1024) {}

  /** The cached bytes for `key`, rendering them first if need be; null (never cached) when there is nothing to render. */
  get(key: string, render: () => string | null): Rendered | null {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-inserting moves the entry to the young end of the Map's order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const body = render();
    if (body === null) return null;
    const entry = rendered(body);
    if (body.length > this.budget) return entry;
    this.entries.set(key, entry);
    this.size += body.length;
    for (const [oldKey, old] of this.entries) {
      if (this.size <= this.budget) break;
      this.entries.delete(oldKey);
      this.size -= old.body.length;
    }
    return entry;
  }

  get count(): number {
    return this.entries.size;
  }
}

import { createHash } from 'node:crypto';

export type Coding = 'identity' | 'br' | 'gzip';

/** Bytes ready to send, with their strong validator. */
export interface Rendered {
  body: string;
  /** A strong ETag: a hash of exactly these bytes, quoted. */
  etag: string;
  /** Bytes ready for the socket, by content coding: the page cache's (web/page-cache.ts). */
  encoded?: Partial<Record<Coding, Buffer>>;
}

export function rendered(body: string): Rendered {
  return { body, etag: `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 32)}"` };
}

const weigh = (entry: Rendered): number => Object.values(entry.encoded ?? {}).reduce((sum, bytes) => sum + bytes.length, entry.body.length);

/**
 * The app's one store of rendered answers: public pages for visitors (web/page-cache.ts) and
 * feeds and exports (calendar/), least recently used out first, within a budget of bytes.
 * Keys carry what the bytes depend on (a data version, a grid version), so a change makes the
 * old keys unreachable and they age out.
 */
export class RenderCache {
  private readonly entries = new Map<string, Rendered>();
  private size = 0;

  constructor(private readonly budget = 32 * 1024 * 1024) {}

  /** The cached bytes for `key`, rendering them first if need be; null (never cached) when there is nothing to render. */
  get(key: string, render: () => string | null): Rendered | null {
    const hit = this.peek(key);
    if (hit) return hit;
    const body = render();
    if (body === null) return null;
    const entry = rendered(body);
    this.set(key, entry);
    return entry;
  }

  /** The entry for `key` if there is one, which then counts as just used. */
  peek<T extends Rendered>(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-inserting moves the entry to the young end of the Map's order.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit as T | undefined;
  }

  set(key: string, entry: Rendered): void {
    if (weigh(entry) > this.budget) return;
    const old = this.entries.get(key);
    if (old) this.size -= weigh(old);
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.size += weigh(entry);
    this.trim();
  }

  /** Keeps a compressed copy with an entry, counted against the budget. */
  addEncoded(key: string, entry: Rendered, encoding: Coding, bytes: Buffer): void {
    const held = this.entries.get(key) === entry;
    if (held) this.size -= weigh(entry);
    entry.encoded = { ...entry.encoded, [encoding]: bytes };
    if (held) {
      this.size += weigh(entry);
      this.trim();
    }
  }

  private trim(): void {
    for (const [oldKey, old] of this.entries) {
      if (this.size <= this.budget) break;
      this.entries.delete(oldKey);
      this.size -= weigh(old);
    }
  }

  get count(): number {
    return this.entries.size;
  }
}

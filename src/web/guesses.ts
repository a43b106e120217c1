/**
 * Wrong guesses at a secret (an access code) counted per requester over a sliding window, so
 * a code cannot be found by trying many: past the limit, no guess from that requester is even
 * checked until the window has moved on. Kept in memory, like the rate limiter's counts.
 */
export class WrongGuesses {
  private readonly byRequester = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Whether this requester has used up its wrong guesses for now. */
  exhausted(requester: string, now: Date): boolean {
    return this.recent(requester, now).length >= this.max;
  }

  record(requester: string, now: Date): void {
    // Forget requesters whose guesses are all old, so the map cannot grow without bound.
    if (this.byRequester.size > 10_000) for (const key of [...this.byRequester.keys()]) this.recent(key, now);
    this.byRequester.set(requester, [...this.recent(requester, now), now.getTime()]);
  }

  private recent(requester: string, now: Date): number[] {
    const kept = (this.byRequester.get(requester) ?? []).filter((at) => at > now.getTime() - this.windowMs);
    if (kept.length) this.byRequester.set(requester, kept);
    else this.byRequester.delete(requester);
    return kept;
  }
}

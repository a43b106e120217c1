/**
 * The small-count rule of every public reach figure: a count of people under five is never
 * published, only "fewer than 5", so no one can be picked out (the only councillor from a
 * council, the one first-timer from Wales). The rule holds in every output, so the pages, the
 * JSON and the CSV all take their figures from here.
 */
export const fewerThan = 5;

/**
 * A count of people as published. In JSON it is `{ "count": 12 }`; `{ "count": null,
 * "fewerThan": 5 }` where the true count is 0 to 4; or `{ "count": null, "withheld": "…" }`
 * where a count of 5 or more is hidden so that a small one beside it cannot be worked out.
 */
export type PublishedCount = { count: number } | { count: null; fewerThan: typeof fewerThan } | { count: null; withheld: string };

/** A share as published: a whole percentage, or null with why where it would give a small count away. */
export type PublishedShare = { percent: number } | { percent: null; withheld: string };

const hidden: PublishedCount = { count: null, fewerThan };
const withheld: PublishedCount = { count: null, withheld: `hidden so that a count under ${fewerThan} beside it cannot be worked out` };

export function published(count: number): PublishedCount {
  return count < fewerThan ? hidden : { count };
}

/**
 * Counts that add up to a published total (people by nation, a nation's people by region).
 * Hiding one part alone would give it away (the total less the others), so where exactly one
 * part is under five the next smallest part is hidden too. Parts that are none at all count as
 * known, not hidden: the councils represented beside them say there is nobody there.
 */
export function publishedParts(parts: number[]): PublishedCount[] {
  const small = parts.filter((n) => n > 0 && n < fewerThan).length;
  let alsoHidden = -1;
  if (small === 1) {
    const others = parts.map((n, i) => ({ n, i })).filter((p) => p.n >= fewerThan);
    others.sort((a, b) => a.n - b.n);
    alsoHidden = others[0]?.i ?? -1;
  }
  return parts.map((n, i) => (i === alsoHidden ? withheld : published(n)));
}

/**
 * "part of whole" as a percentage. Published only when both the part and the rest are five or
 * more: 100% of 20 would say that none of them was otherwise, 90% of 10 that one was.
 */
export function publishedShare(part: number, whole: number): PublishedShare {
  if (whole === 0) return { percent: null, withheld: 'no one to count' };
  if (part < fewerThan || whole - part < fewerThan) return { percent: null, withheld: `withheld: it would give away a count under ${fewerThan}` };
  return { percent: Math.round((100 * part) / whole) };
}

/** How a count reads on a page and in a CSV cell. */
export function countText(c: PublishedCount): string {
  if (c.count !== null) return c.count.toLocaleString('en-GB');
  return 'fewerThan' in c ? `fewer than ${fewerThan}` : 'not published';
}

export function shareText(s: PublishedShare): string {
  return s.percent === null ? 'not published' : `${s.percent}%`;
}

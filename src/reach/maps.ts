import type { Council } from './places.ts';
import { ukMap } from './uk-map.ts';

/**
 * The map of some councils, reached or not, with words that give its figures (its accessible
 * description; the list beside it is the full equivalent). Councils the register has no
 * location for are counted, not drawn.
 */
export function councilsMap(councils: Array<Council & { reached?: boolean; camps?: unknown[] }>, id: string, what: string): { svg: string; unplaced: number } {
  const reachedOf = (c: (typeof councils)[number]) => c.reached ?? (c.camps?.length ?? 0) > 0;
  const placed = councils.filter((c) => c.lat !== null && c.long !== null);
  const reached = placed.filter(reachedOf).length;
  const svg = ukMap(
    placed.map((c) => ({ lat: c.lat!, long: c.long!, reached: reachedOf(c) })),
    {
      id,
      title: `Map of the UK: ${what}`,
      description: `${placed.length} councils shown as dots: ${reached} reached (filled circles), ${placed.length - reached} never reached (hollow squares).`,
    },
  );
  return { svg, unplaced: councils.length - placed.length };
}

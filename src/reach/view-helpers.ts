import { countText, shareText } from './small-counts.ts';

/** How pages write a published figure: "12", "fewer than 5", "62%", "not published" (`it.h.reachCount(...)`). */
export const reachViewHelpers = {
  reachCount: countText,
  reachShare: shareText,
};

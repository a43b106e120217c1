import { describeChange } from './change-wording.ts';

/** How pages write a change to the published grid (`it.h.describeChange(...)`). */
export const gridViewHelpers = { describeChange };

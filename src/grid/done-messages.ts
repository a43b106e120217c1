import type { DoneMessages } from '../web/input.ts';

/** The success banners of the grid editor. */
export const gridDone: DoneMessages = {
  saved: 'The grid has been changed.',
  undone: 'The last change has been undone.',
  proposed: 'The scheduler has proposed a grid: see below.',
  applied: 'The scheduler’s grid is now the draft. You can undo it.',
  published: 'The grid is published.',
};

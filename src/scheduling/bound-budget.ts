/** How long the costlier parts of the lower bounds may take: past it they give up, and the bound stays valid, only weaker. */
export interface BoundBudget {
  /** clock() value after which the costlier parts give up. */
  deadline: number;
  clock: () => number;
}

export const NO_LIMIT: BoundBudget = { deadline: Infinity, clock: () => 0 };

// Who meets whom, as a pure function: plain data in, plain data out, the same seed giving the same
// pairs. UnMentoring rounds and first-timer buddies both come through here.
import { Random } from '../scheduling/random.ts';
import { sameOrganisation } from './organisations.ts';

export interface Member {
  id: number;
  /** organisationKey() of what they typed; '' when unknown. */
  organisation: string;
}

export interface RoundInput {
  members: readonly Member[];
  /** Pairs of ids who met within the window (the last six rounds, say): never put together again. */
  recentlyMet: ReadonlyArray<readonly [number, number]>;
  seed: number;
}

export interface Round {
  /** Pairs, and one trio when the number paired is odd. */
  groups: number[][];
  /** Those with nobody left they have not met recently (or the only one there). */
  unpaired: number[];
}

// The search proves the best pairing for the small groups a camp network has and stops looking
// after this many steps on huge ones, keeping the best found (dense graphs find it at once).
const stepBudget = 50_000;

/**
 * Pairs everyone at random: nobody with someone they met recently, as few pairs from one
 * organisation as can be, and odd numbers make one trio. Deterministic for a seed.
 */
export function pairRound(input: RoundInput): Round {
  const random = new Random(input.seed);
  const members = random.shuffle([...input.members].sort((a, b) => a.id - b.id));
  const n = members.length;
  const index = new Map(members.map((m, i) => [m.id, i]));
  const fresh = members.map((_, i) => members.map((_, j) => i !== j));
  for (const [a, b] of input.recentlyMet) {
    const [i, j] = [index.get(a), index.get(b)];
    if (i !== undefined && j !== undefined) fresh[i]![j] = fresh[j]![i] = false;
  }
  const same = members.map((a) => members.map((b) => sameOrganisation(a.organisation, b.organisation)));

  const taken = new Array<boolean>(n).fill(false);
  const groups: number[][] = [];
  const unpaired: number[] = [];
  let best: { cost: number; groups: number[][]; unpaired: number[] } | null = null;
  let steps = 0;

  // Cost: everyone left out weighs more than any number of same-organisation pairs.
  const weightUnpaired = n * n + 1;
  const cost = (left: number, sameOrgPairs: number) => left * weightUnpaired + sameOrgPairs;

  // However the rest are grouped, the biggest organisation's members beyond everyone else's
  // count must meet each other.
  const sameOrgLowerBound = (): number => {
    const counts = new Map<string, number>();
    let rest = 0;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      rest++;
      const org = members[i]!.organisation;
      if (org !== '') counts.set(org, (counts.get(org) ?? 0) + 1);
    }
    const biggest = Math.max(0, ...counts.values());
    return Math.max(0, Math.floor((biggest - (rest - biggest)) / 2));
  };

  // How many fresh partners each person still has, kept up to date as people are taken.
  const freeCount = members.map((_, i) => fresh[i]!.filter(Boolean).length);
  const take = (i: number, delta: -1 | 1) => {
    taken[i] = delta === -1;
    for (let j = 0; j < n; j++) if (fresh[i]![j]) freeCount[j]! += delta;
  };

  const partnersOf = (i: number): number[] => {
    const list: number[] = [];
    for (let j = 0; j < n; j++) if (!taken[j] && fresh[i]![j]) list.push(j);
    // Other organisations first; the shuffle above already made the order random.
    return list.sort((a, b) => Number(same[i]![a]) - Number(same[i]![b]));
  };

  // Nothing below this point can beat the best found, or the search has run long enough.
  const hopeless = (floor: number): boolean => best !== null && (steps > stepBudget || floor >= best.cost);

  const search = (sameSoFar: number, trioUsed: boolean): void => {
    steps++;
    const floor = cost(unpaired.length, sameSoFar + sameOrgLowerBound());
    if (hopeless(floor)) return;
    // The most constrained person first: the one with fewest fresh partners left.
    let i = -1;
    for (let k = 0; k < n; k++) if (!taken[k] && (i === -1 || freeCount[k]! < freeCount[i]!)) i = k;
    if (i === -1) {
      const total = cost(unpaired.length, sameSoFar);
      if (best === null || total < best.cost) best = { cost: total, groups: groups.map((g) => [...g]), unpaired: [...unpaired] };
      return;
    }
    take(i, -1);
    for (const j of partnersOf(i)) {
      take(j, -1);
      groups.push([members[i]!.id, members[j]!.id]);
      search(sameSoFar + Number(same[i]![j]), trioUsed);
      if (!trioUsed && !hopeless(floor)) {
        for (const k of partnersOf(j)) {
          if (!fresh[i]![k]) continue;
          take(k, -1);
          groups[groups.length - 1] = [members[i]!.id, members[j]!.id, members[k]!.id];
          search(sameSoFar + Number(same[i]![j]) + Number(same[i]![k]) + Number(same[j]![k]), true);
          take(k, 1);
          if (hopeless(floor)) break;
        }
      }
      groups.pop();
      take(j, 1);
      if (hopeless(floor)) break;
    }
    if (!hopeless(floor)) {
      unpaired.push(members[i]!.id);
      search(sameSoFar, trioUsed);
      unpaired.pop();
    }
    take(i, 1);
  };

  search(0, false);
  return { groups: best!.groups, unpaired: best!.unpaired };
}

export interface Newcomer extends Member {
  region: string | null;
}

export interface Buddy extends Newcomer {
  /** First-timers already theirs. */
  load: number;
}

export interface BuddyInput {
  firstTimers: readonly Newcomer[];
  buddies: readonly Buddy[];
  /** First-timers one buddy looks after at most. */
  perBuddy: number;
  seed: number;
}

export interface BuddyPairs {
  pairs: Array<{ firstTimer: number; buddy: number }>;
  unmatched: number[];
}

/**
 * Gives as many first-timers as can be a buddy from another organisation, no buddy taking more
 * than `perBuddy`; among those, the same nation or region where both are known, and the
 * least-loaded buddy first. Deterministic for a seed.
 */
export function pairBuddies(input: BuddyInput): BuddyPairs {
  const random = new Random(input.seed);
  const firstTimers = random.shuffle([...input.firstTimers].sort((a, b) => a.id - b.id));
  const buddies = random.shuffle([...input.buddies].sort((a, b) => a.id - b.id));
  const load = buddies.map((b) => b.load);
  const takenBy: number[][] = buddies.map(() => []);
  const buddyOf = new Array<number>(firstTimers.length).fill(-1);
  const sameRegion = (f: Newcomer, b: Buddy) => f.region !== null && f.region === b.region;
  const candidates = (f: number, regionOnly: boolean): number[] =>
    buddies
      .map((_, b) => b)
      .filter((b) => !sameOrganisation(firstTimers[f]!.organisation, buddies[b]!.organisation) && (!regionOnly || sameRegion(firstTimers[f]!, buddies[b]!)))
      .sort((a, b) => load[a]! - load[b]!);

  // Kuhn's augmenting paths with capacities: a first-timer may take a buddy's place from another
  // who can move elsewhere, so nobody is left out who could have been paired.
  const assign = (f: number, regionOnly: boolean, seen: Set<number>): boolean => {
    for (const b of candidates(f, regionOnly)) {
      if (seen.has(b)) continue;
      seen.add(b);
      if (load[b]! < input.perBuddy) {
        takenBy[b]!.push(f);
        load[b]!++;
        buddyOf[f] = b;
        return true;
      }
      for (const other of takenBy[b]!) {
        if (assign(other, regionOnly, seen)) {
          takenBy[b] = takenBy[b]!.filter((x) => x !== other).concat(f);
          buddyOf[f] = b;
          return true;
        }
      }
    }
    return false;
  };
  // Same region first; then anyone eligible, which may move a few to make room for the rest.
  for (const regionOnly of [true, false]) {
    for (let f = 0; f < firstTimers.length; f++) if (buddyOf[f] === -1) assign(f, regionOnly, new Set());
  }
  const pairs: BuddyPairs['pairs'] = [];
  const unmatched: number[] = [];
  firstTimers.forEach((f, k) => (buddyOf[k] === -1 ? unmatched.push(f.id) : pairs.push({ firstTimer: f.id, buddy: buddies[buddyOf[k]!]!.id })));
  return { pairs: pairs.sort((a, b) => a.firstTimer - b.firstTimer), unmatched: unmatched.sort((a, b) => a - b) };
}

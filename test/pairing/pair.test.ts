import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { organisationKey } from '../../src/pairing/organisations.ts';
import { pairBuddies, pairRound, type Member, type RoundInput } from '../../src/pairing/pair.ts';

const organisations = ['', 'leeds', 'york', 'kent'];

/** A group of people (ids 1..n) from a few organisations, with some of them having met recently. */
const roundInputs = (maxPeople: number) =>
  fc
    .record({
      orgs: fc.array(fc.constantFrom(...organisations), { minLength: 0, maxLength: maxPeople }),
      met: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: maxPeople * 2 }),
      seed: fc.integer(),
    })
    .map(({ orgs, met, seed }): RoundInput => {
      const members = orgs.map((organisation, k) => ({ id: k + 1, organisation }));
      const n = members.length;
      const recentlyMet = n < 2 ? [] : met.map(([a, b]) => [(a % n) + 1, (b % n) + 1] as const).filter(([a, b]) => a !== b);
      return { members, recentlyMet, seed };
    });

const key = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
const pairsIn = (group: number[]) => group.flatMap((a, i) => group.slice(i + 1).map((b) => [a, b] as const));

/** The fewest left out, then the fewest same-organisation pairs, over every possible grouping. */
function bestPossible(input: RoundInput): { unpaired: number; sameOrg: number } {
  const met = new Set(input.recentlyMet.map(([a, b]) => key(a, b)));
  const orgOf = new Map(input.members.map((m) => [m.id, m.organisation]));
  const same = (a: number, b: number) => orgOf.get(a) !== '' && orgOf.get(a) === orgOf.get(b);
  let best = { unpaired: Infinity, sameOrg: Infinity };
  const walk = (left: number[], trio: boolean, unpaired: number, sameOrg: number) => {
    if (left.length === 0) {
      if (unpaired < best.unpaired || (unpaired === best.unpaired && sameOrg < best.sameOrg)) best = { unpaired, sameOrg };
      return;
    }
    const [a, ...rest] = left as [number, ...number[]];
    walk(rest, trio, unpaired + 1, sameOrg);
    rest.forEach((b, i) => {
      if (met.has(key(a, b))) return;
      const others = rest.filter((_, k) => k !== i);
      walk(others, trio, unpaired, sameOrg + Number(same(a, b)));
      if (!trio)
        others.forEach((c, m) => {
          if (met.has(key(a, c)) || met.has(key(b, c))) return;
          walk(others.filter((_, k) => k !== m), true, unpaired, sameOrg + Number(same(a, b)) + Number(same(a, c)) + Number(same(b, c)));
        });
    });
  };
  walk(input.members.map((m) => m.id), false, 0, 0);
  return best;
}

function sameOrgPairs(members: readonly Member[], groups: number[][]): number {
  const orgOf = new Map(members.map((m) => [m.id, m.organisation]));
  return groups.flatMap(pairsIn).filter(([a, b]) => orgOf.get(a) !== '' && orgOf.get(a) === orgOf.get(b)).length;
}

describe('pairing a round', () => {
  it('puts everyone in exactly one group of two, with one trio only when the number is odd, when nobody has met', () => {
    fc.assert(
      fc.property(roundInputs(40), ({ members, seed }) => {
        const { groups, unpaired } = pairRound({ members, recentlyMet: [], seed });
        const everyone = [...groups.flat(), ...unpaired].sort((a, b) => a - b);
        expect(everyone).toEqual(members.map((m) => m.id));
        expect(unpaired).toHaveLength(members.length === 1 ? 1 : 0);
        const trios = groups.filter((g) => g.length === 3);
        expect(groups.every((g) => g.length === 2 || g.length === 3)).toBe(true);
        expect(trios.length).toBe(members.length % 2 === 1 && members.length > 1 ? 1 : 0);
      }),
    );
  });

  it('never puts together people who met within the window', () => {
    fc.assert(
      fc.property(roundInputs(30), (input) => {
        const met = new Set(input.recentlyMet.map(([a, b]) => key(a, b)));
        const { groups, unpaired } = pairRound(input);
        for (const [a, b] of groups.flatMap(pairsIn)) expect(met.has(key(a, b))).toBe(false);
        expect([...groups.flat(), ...unpaired].sort((a, b) => a - b)).toEqual(input.members.map((m) => m.id));
        expect(groups.filter((g) => g.length === 3).length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('leaves out only whom every grouping must leave out, and pairs within an organisation only when no other pairing exists', () => {
    fc.assert(
      fc.property(roundInputs(8), (input) => {
        const { groups, unpaired } = pairRound(input);
        const best = bestPossible(input);
        expect(unpaired.length).toBe(best.unpaired);
        expect(sameOrgPairs(input.members, groups)).toBe(best.sameOrg);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same groups for the same seed, and other groups for another seed', () => {
    const members = Array.from({ length: 20 }, (_, k) => ({ id: k + 1, organisation: organisations[k % 4]! }));
    const first = pairRound({ members, recentlyMet: [], seed: 7 });
    expect(pairRound({ members: [...members].reverse(), recentlyMet: [], seed: 7 })).toEqual(first);
    expect(pairRound({ members, recentlyMet: [], seed: 8 })).not.toEqual(first);
  });

  it('pairs a network of a thousand, each having met one other last time, with no repeats and nobody from their own organisation', () => {
    const members = Array.from({ length: 1001 }, (_, k) => ({ id: k + 1, organisation: `org ${k % 300}` }));
    const recentlyMet = members.slice(1).map((m) => [m.id - 1, m.id] as const);
    const { groups, unpaired } = pairRound({ members, recentlyMet, seed: 1 });
    expect(unpaired).toEqual([]);
    expect(groups.filter((g) => g.length === 3)).toHaveLength(1);
    expect(sameOrgPairs(members, groups)).toBe(0);
  });
});

const buddyInputs = fc
  .record({
    firstTimers: fc.array(fc.record({ organisation: fc.constantFrom(...organisations), region: fc.constantFrom(null, 'wales', 'north') }), { maxLength: 12 }),
    buddies: fc.array(
      fc.record({ organisation: fc.constantFrom(...organisations), region: fc.constantFrom(null, 'wales', 'north'), load: fc.integer({ min: 0, max: 2 }) }),
      { maxLength: 8 },
    ),
    seed: fc.integer(),
  })
  .map(({ firstTimers, buddies, seed }) => ({
    firstTimers: firstTimers.map((f, k) => ({ id: k + 1, ...f })),
    buddies: buddies.map((b, k) => ({ id: 100 + k, ...b })),
    perBuddy: 2,
    seed,
  }));

describe('pairing first-timers with buddies', () => {
  it('gives each first-timer at most one buddy from another organisation, and no buddy more than two first-timers', () => {
    fc.assert(
      fc.property(buddyInputs, (input) => {
        const { pairs, unmatched } = pairBuddies(input);
        expect([...pairs.map((p) => p.firstTimer), ...unmatched].sort((a, b) => a - b)).toEqual(input.firstTimers.map((f) => f.id));
        for (const { firstTimer, buddy } of pairs) {
          const f = input.firstTimers.find((x) => x.id === firstTimer)!;
          const b = input.buddies.find((x) => x.id === buddy)!;
          expect(f.organisation === '' || f.organisation !== b.organisation).toBe(true);
        }
        for (const b of input.buddies) expect(b.load + pairs.filter((p) => p.buddy === b.id).length).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('leaves a first-timer without a buddy only when as many as can be are paired', () => {
    fc.assert(
      fc.property(buddyInputs, (input) => {
        const { pairs } = pairBuddies(input);
        // An independent count: the most first-timers any assignment can pair, tried exhaustively.
        const eligible = (f: (typeof input.firstTimers)[number], b: (typeof input.buddies)[number]) => f.organisation === '' || f.organisation !== b.organisation;
        const most = (k: number, room: number[]): number => {
          if (k === input.firstTimers.length) return 0;
          let best = most(k + 1, room);
          input.buddies.forEach((b, i) => {
            if (room[i]! > 0 && eligible(input.firstTimers[k]!, b)) {
              room[i]!--;
              best = Math.max(best, 1 + most(k + 1, room));
              room[i]!++;
            }
          });
          return best;
        };
        expect(pairs.length).toBe(most(0, input.buddies.map((b) => 2 - b.load)));
      }),
      { numRuns: 60 },
    );
  });

  it('prefers a buddy from the same nation or region when one is free', () => {
    const { pairs } = pairBuddies({
      firstTimers: [{ id: 1, organisation: 'leeds', region: 'wales' }],
      buddies: [
        { id: 10, organisation: 'york', region: 'north', load: 0 },
        { id: 11, organisation: 'cardiff', region: 'wales', load: 1 },
        { id: 12, organisation: 'kent', region: null, load: 0 },
      ],
      perBuddy: 2,
      seed: 3,
    });
    expect(pairs).toEqual([{ firstTimer: 1, buddy: 11 }]);
  });
});

describe('telling organisations apart', () => {
  it('reads different spellings of one council as the same organisation', () => {
    expect(organisationKey('Leeds City Council')).toBe(organisationKey('  leeds  council'));
    expect(organisationKey('The Royal Borough of Kingston')).toBe(organisationKey('Kingston'));
    expect(organisationKey('Bath & North East Somerset')).toBe(organisationKey('bath and north east somerset council'));
    expect(organisationKey('Leeds')).not.toBe(organisationKey('York'));
    expect(organisationKey('')).toBe('');
  });
});

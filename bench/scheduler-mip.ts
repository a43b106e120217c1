// The scheduling problem as a mixed-integer programme for HiGHS, to prove optima (or bounds)
// that the heuristic solver can be measured against. Bench-only: `highs` is a dev dependency.
//
// x[s,p] = 1 when session s sits at place p. For each attendee, u[a,t] = 1 when they attend a
// one-slot wanted session in slot t, y[a,s,f] = 1 when they attend a longer wanted session
// starting at f. At every instant an attendee is in at most one session, counting the ones
// they facilitate. The interval rows make u and y integral once x is, so only x is binary.
import { buildModel, NOT_PUBLISHED } from '../src/scheduling/model.ts';
import { MOVE_COST } from '../src/scheduling/score.ts';
import type { Instance } from '../src/scheduling/types.ts';

export interface ExactOutcome {
  status: string;
  /** Best grid's score HiGHS found (MIP) or the relaxation's value (LP), or null. */
  objective: number | null;
  /** Proven lower bound on the score (rounded up: scores are whole numbers). */
  bound: number | null;
  seconds: number;
}

export async function solveWithHighs(instance: Instance, options: { timeLimitS: number; relax?: boolean }): Promise<ExactOutcome> {
  // `highs` ships CommonJS with ESM-style types, so the loader may sit one `default` deeper.
  const loaded: unknown = await import('highs');
  const loadHighs = ((loaded as { default: unknown }).default ?? loaded) as typeof import('highs').default;
  const highs = await loadHighs();
  const { text, constant } = programmeText(instance, options.relax ?? false);
  const began = performance.now();
  const model = highs.createModel({ format: 'lp', data: text });
  try {
    model.options.set({ output_flag: false, time_limit: options.timeLimitS, mip_rel_gap: 0, mip_abs_gap: 0.5 });
    model.run();
    const status = model.getModelStatus();
    const optimal = status === highs.constants.modelStatus.optimal;
    const seconds = (performance.now() - began) / 1000;
    let objective: number | null = null;
    let bound: number | null = null;
    try {
      objective = model.getObjectiveValue() + constant;
    } catch {
      objective = null;
    }
    if (options.relax) {
      bound = optimal && objective !== null ? Math.ceil(objective - 1e-6) : null;
    } else {
      const dual = Number(model.info.get('mip_dual_bound'));
      bound = Number.isFinite(dual) ? Math.ceil(dual + constant - 1e-6) : null;
      if (optimal && objective !== null) objective = Math.round(objective);
    }
    const names: Record<number, string> = {};
    for (const [name, code] of Object.entries(highs.constants.modelStatus)) names[code as number] = name;
    return { status: names[status] ?? String(status), objective, bound, seconds };
  } finally {
    model.dispose();
  }
}

export function programmeText(instance: Instance, relax: boolean): { text: string; constant: number } {
  const model = buildModel(instance);
  const { slotCount, sessionCount } = model;
  const instants = [...Array(slotCount).keys()].map((t) => model.startMs[t]!);
  // Coefficients are summed per variable: the LP format does not add up repeated terms.
  const objective = new Map<string, number>();
  const cost = (name: string, amount: number): void => {
    objective.set(name, (objective.get(name) ?? 0) + amount);
  };
  const rows: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  let constant = 0;

  // Placement variables and the instants each one covers.
  const xs: { name: string; s: number; room: number; first: number; start: number; end: number }[] = [];
  const bySession: string[][] = Array.from({ length: sessionCount }, () => []);
  for (let s = 0; s < sessionCount; s++) {
    for (const place of model.candidates[s]!) {
      const room = (place / slotCount) | 0;
      const first = place % slotCount;
      const run = model.runs[model.length[s]!]![first]!;
      const x = { name: `x${s}_${place}`, s, room, first, start: model.startMs[first]!, end: model.endMs[run[run.length - 1]!]! };
      xs.push(x);
      bySession[s]!.push(x.name);
      binaries.push(x.name);
      const overflow = Math.max(0, model.expected[s]! - model.capacity[room]!);
      cost(x.name, overflow - (model.previous[s]! === place ? MOVE_COST : 0));
    }
    if (model.previous[s]! !== NOT_PUBLISHED) constant += MOVE_COST;
    if (bySession[s]!.length > 0) rows.push(`${sum(bySession[s]!)} ${model.pinned[s] ? '=' : '<='} 1`);
  }
  const covering = (list: typeof xs, instant: number) => list.filter((x) => x.start <= instant && instant < x.end);

  for (let room = 0; room < model.roomCount; room++) {
    const inRoom = xs.filter((x) => x.room === room);
    for (const instant of instants) {
      const here = covering(inRoom, instant);
      if (here.length > 1) rows.push(`${sum(here.map((x) => x.name))} <= 1`);
    }
  }
  for (const sessions of model.facilitates) {
    if (sessions.length < 2) continue;
    const theirs = xs.filter((x) => sessions.includes(x.s));
    for (const instant of instants) {
      const here = covering(theirs, instant);
      if (here.length > 1) rows.push(`${sum(here.map((x) => x.name))} <= 1`);
    }
  }

  for (let a = 0; a < model.attendeeCount; a++) {
    const wants = model.wants[a]!;
    constant += wants.length;
    const own = new Set(model.facilitates[a] ?? []);
    const ownXs = xs.filter((x) => own.has(x.s));
    for (const x of ownXs) if (wants.includes(x.s)) cost(x.name, -1);
    // Attendance variables with the instants they cover.
    const attend: { name: string; start: number; end: number }[] = [];
    for (let t = 0; t < slotCount; t++) {
      const singles = xs.filter((x) => x.first === t && model.length[x.s] === 1 && wants.includes(x.s) && !own.has(x.s));
      if (singles.length === 0) continue;
      const name = `u${a}_${t}`;
      attend.push({ name, start: model.startMs[t]!, end: model.endMs[t]! });
      rows.push(`${name} - ${sum(singles.map((x) => x.name), ' - ')} <= 0`);
    }
    for (const s of wants) {
      if (model.length[s] === 1 || own.has(s)) continue;
      const starts = new Map<number, typeof xs>();
      for (const x of bySessionXs(xs, s)) starts.set(x.first, [...(starts.get(x.first) ?? []), x]);
      for (const [first, list] of starts) {
        const name = `y${a}_${s}_${first}`;
        attend.push({ name, start: list[0]!.start, end: list[0]!.end });
        rows.push(`${name} - ${sum(list.map((x) => x.name), ' - ')} <= 0`);
      }
    }
    for (const variable of attend) {
      cost(variable.name, -1);
      bounds.push(`0 <= ${variable.name} <= 1`);
    }
    for (const instant of instants) {
      const here = [...covering(attend as typeof xs, instant).map((v) => v.name), ...covering(ownXs, instant).map((x) => x.name)];
      if (here.length > 1) rows.push(`${sum(here)} <= 1`);
    }
  }

  const terms = [...objective].filter(([, amount]) => amount !== 0).map(([name, amount]) => `${amount < 0 ? '-' : '+'} ${Math.abs(amount)} ${name}`);
  const lines = ['Minimize', ` obj: ${wrap(terms.length > 0 ? terms.join(' ') : '0 x_none')}`, 'Subject To'];
  rows.forEach((row, k) => lines.push(` r${k}: ${wrap(row)}`));
  lines.push('Bounds', ...bounds.map((b) => ` ${b}`));
  if (!relax && binaries.length > 0) lines.push('Binary', wrap(binaries.join(' ')));
  lines.push('End');
  let text = lines.join('\n');
  if (relax) text = text.replace('Bounds\n', `Bounds\n${binaries.map((b) => ` 0 <= ${b} <= 1`).join('\n')}\n`);
  return { text, constant };
}

function bySessionXs<T extends { s: number }>(xs: T[], s: number): T[] {
  return xs.filter((x) => x.s === s);
}

function sum(names: string[], joiner = ' + '): string {
  return names.join(joiner);
}

/** LP files read better with bounded line lengths; break only before a sign, never inside a term. */
function wrap(expression: string): string {
  let count = 0;
  return expression.replace(/ ([+-]) /g, (match, sign: string) => (++count % 20 === 0 ? `\n  ${sign} ` : match));
}

// Command line: `schedule INSTANCE.json [--time-limit-ms N] [--seed S] [--iterations N]`
// prints the result JSON; `schedule --score INSTANCE.json GRID.json` prints a grid's metrics.
// Any problem with the input exits 2 with one line on stderr saying what is wrong; what the
// scheduler copes with but the input should fix (a session wanted twice, a published room
// that is gone) goes to stderr as "schedule: warning: …" lines, and the run carries on.
// The format is docs/scheduling.md.
import { readFileSync } from 'node:fs';
import { scoreGrid } from './score.ts';
import { InvalidInstanceError, solve } from './solve.ts';
import type { Instance, Placement } from './types.ts';
import { instanceWarnings, validateInstance } from './validate.ts';

const USAGE =
  'usage: schedule INSTANCE.json [--time-limit-ms N] [--seed S] [--iterations N] | schedule --score INSTANCE.json GRID.json';

class InputError extends Error {}

function main(args: string[]): void {
  const files: string[] = [];
  const numbers: Record<string, number> = {};
  let scoring = false;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (arg === '--score') scoring = true;
    else if (arg === '--time-limit-ms' || arg === '--seed' || arg === '--iterations') {
      const value = Number(args[++k]);
      if (args[k] === undefined || !Number.isFinite(value) || value < 0) throw new InputError(`${arg} needs a number ≥ 0`);
      numbers[arg] = value;
    } else if (arg.startsWith('--')) throw new InputError(`unknown option ${arg}; ${USAGE}`);
    else files.push(arg);
  }
  if (files.length !== (scoring ? 2 : 1)) throw new InputError(USAGE);

  const instance = readInstance(files[0]!);
  for (const warning of instanceWarnings(instance)) process.stderr.write(`schedule: warning: ${warning}\n`);
  if (scoring) {
    const grid = readGrid(files[1]!);
    const { violations, metrics } = scoreGrid(instance, grid);
    const broken = violations[0];
    if (broken) {
      const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
      const rule = broken.rule === 0 ? 'grid names something unknown' : `grid breaks hard rule ${broken.rule}`;
      throw new InputError(`${rule}: ${broken.message}${more}`);
    }
    process.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
    return;
  }
  const result = solve(instance, {
    timeLimitMs: numbers['--time-limit-ms'],
    seed: numbers['--seed'],
    iterations: numbers['--iterations'],
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function readInstance(path: string): Instance {
  const input = readJson(path);
  const problems = validateInstance(input);
  if (problems.length > 0) throw new InvalidInstanceError(problems);
  return input as Instance;
}

/** A result-shaped object with `assignments`, or a bare array of assignments. */
function readGrid(path: string): Placement[] {
  const input = readJson(path);
  const list = Array.isArray(input) ? input : (input as { assignments?: unknown } | null)?.assignments;
  if (!Array.isArray(list)) throw new InputError(`${path} must hold an array of assignments or an object with "assignments"`);
  list.forEach((entry, k) => {
    const ok = typeof entry === 'object' && entry !== null && ['session', 'room', 'slot'].every((key) => typeof entry[key] === 'string');
    if (!ok) throw new InputError(`${path}: assignment ${k} must have string session, room and slot`);
  });
  return list as Placement[];
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (error instanceof InputError || error instanceof InvalidInstanceError) {
    process.stderr.write(`schedule: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exit(2);
  }
  throw error;
}

// `npm run bench [-- --full] [--only rush,pages]`: runs every benchmark (or those named) as a child process with `--json`, then writes
// bench/results.md with the latest figures and the machine they came from.
// To add a benchmark, add one line to `benchmarks`: its title, script and arguments. The script
// must accept `--json FILE` and write an object; a `results` array of rows or a `figures`
// object becomes a table (rows with the same fields share a table).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const full = process.argv.includes('--full');
// `--only rush,pages` runs just the benchmarks whose script names are given.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : null;

const benchmarks: Array<{ title: string; script: string; args: string[] }> = [
  { title: 'Registration rush (2,000 registrations at once for 250 places)', script: 'bench/rush.ts', args: [] },
  { title: `Scheduler (${full ? 'full' : 'quick'} run)`, script: 'bench/scheduler.ts', args: full ? [] : ['--quick'] },
  { title: 'Public pages under load (/healthz, event page, grid page, calendar feed 200 and 304, schedule.json) against a bare Fastify route', script: 'bench/pages.ts', args: full ? [] : ['--duration', '6'] },
  { title: 'Start-up (production mode, fresh database, until /healthz answers)', script: 'bench/start-up.ts', args: full ? [] : ['--runs', '3'] },
  { title: 'Insights pages (4 camps, 2,000 registrations; server time per request)', script: 'bench/insights.ts', args: full ? [] : ['--requests', '50'] },
];

const chosen = only ? benchmarks.filter((b) => only.has(b.script.replace(/^bench\/|\.ts$/g, ''))) : benchmarks;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
type Row = Record<string, unknown>;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value).replace(/\|/g, '\\|');
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Math.round(value * 100) / 100);
  return String(value).replace(/\|/g, '\\|');
}

/** Markdown tables for a benchmark's JSON: one per distinct set of fields, in order of appearance. */
function tablesFor(report: Row): string[] {
  const rows: Row[] = Array.isArray(report.results) ? (report.results as Row[]) : report.figures ? [report.figures as Row] : [report];
  // A benchmark's targets (each a ratio to a floor measured in the same run) get a table of their own.
  if (Array.isArray(report.targets)) rows.push(...(report.targets as Row[]));
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = Object.keys(row).join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const columns = Object.keys(group[0]!);
    return [`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...group.map((row) => `| ${columns.map((c) => cell(row[c])).join(' | ')} |`)].join('\n');
  });
}

const started = new Date();
const machine = {
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memory: `${Math.round(totalmem() / 1024 ** 3)} GB`,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverage: loadavg().map((l) => l.toFixed(2)).join(', '),
};
const dir = mkdtempSync(join(tmpdir(), 'campgrid-bench-'));
const sections: string[] = [];
/** Every benchmark's targets (ratios to a floor measured in the same run), for one table at the top. */
const targets: Row[] = [];
let failed = 0;
try {
  for (const [i, bench] of chosen.entries()) {
    const file = join(dir, `${i}.json`);
    console.log(`\n=== ${bench.title}: tsx ${bench.script} ${[...bench.args, '--json', file].join(' ')}\n`);
    const loadBefore = loadavg()[0]!.toFixed(2);
    const began = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, bench.script), ...bench.args, '--json', file], { cwd: root, stdio: 'inherit' });
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    let tables: string[];
    try {
      const report = JSON.parse(readFileSync(file, 'utf8')) as Row;
      tables = tablesFor(report);
      for (const t of Array.isArray(report.targets) ? (report.targets as Row[]) : []) {
        targets.push({ target: t.target, aim: t.aim ?? (t.share !== undefined ? `≥ ${String(t.share)} ×` : ''), measured: t.measured, met: t.met ? 'yes' : '**no**', 'load before, after': `${loadBefore}, ${loadavg()[0]!.toFixed(2)}` });
      }
    } catch {
      tables = ['(no figures: the benchmark wrote no JSON)'];
    }
    if (run.status !== 0) failed++;
    const status = run.status === 0 ? 'passed' : `**failed** (exit ${run.status ?? run.signal})`;
    const load = `load average (1 min) ${loadBefore} before, ${loadavg()[0]!.toFixed(2)} after`;
    sections.push(`## ${bench.title}\n\n\`tsx ${bench.script}${bench.args.length ? ` ${bench.args.join(' ')}` : ''}\`: ${status}, ${seconds} s, ${load}.\n\n${tables.join('\n\n')}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const loadAtEnd = loadavg().map((l) => l.toFixed(2)).join(', ');

const targetsTable = targets.length
  ? `## Targets\n\nEach a ratio to a floor measured side by side in the same run (a constant-string Fastify route for pages; for the rush, a bare Fastify answering the same page and 303 to the same client), with the 1-minute load average before and after its benchmark.\n\n${tablesFor({ results: targets }).join('\n\n')}\n\n`
  : '';

const markdown = `# Benchmark results

Written by \`npm run bench${full ? ' -- --full' : ''}${only ? ` -- --only ${[...only].join(',')}` : ''}\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC.

| machine | |
| --- | --- |
| CPU | ${machine.cpu} |
| cores | ${machine.cores} |
| memory | ${machine.memory} |
| Node | ${machine.node} |
| platform | ${machine.platform} |
| load average when started (1, 5, 15 min) | ${machine.loadAverage} |
| load average when finished (1, 5, 15 min) | ${loadAtEnd} |

Wall-clock figures depend on what else the machine is doing; the load average says how busy it was
(on 2 cores, a load above 2 means the benchmark shared them with other work).

${targetsTable}${sections.join('\n\n')}
`;
writeFileSync(join(root, 'bench/results.md'), markdown);
console.log(`\nbench/results.md written${failed ? `; ${failed} benchmark(s) failed` : ''}`);
process.exitCode = failed ? 1 : 0;

// Start-up time: `npm run bench:start-up [-- --runs N] [--json FILE]`. Starts the real server in
// production mode on a fresh database, until /healthz answers, both as production runs it
// (`node dist/server.js`, compiled by `npm run build`) and as development runs it (TypeScript
// through tsx), alternating so that both see the same machine. Compiles first when dist/ is
// missing or older than the sources it was built from.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerProcess } from './support/server-process.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const runs = Number(option('--runs') ?? 5);
const jsonFile = option('--json');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const compiled = join(root, 'dist/server.js');
if (!existsSync(compiled) || statSync(compiled).mtimeMs < newestSource(join(root, 'src'))) {
  console.log('Compiling (npm run build)…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}

const ways = [
  { name: 'compiled (node dist/server.js)', script: 'dist/server.js' },
  { name: 'TypeScript through tsx (node --import tsx src/server.ts)', script: 'src/server.ts' },
];
const times = new Map<string, number[]>(ways.map((w) => [w.name, []]));
const loadBefore = loadavg()[0]!;
for (let i = 0; i < runs; i++) {
  for (const way of ways) {
    const dir = mkdtempSync(join(tmpdir(), 'campgrid-start-up-'));
    const began = performance.now();
    const server = await startServerProcess({
      databasePath: join(dir, 'campgrid.db'),
      script: way.script,
      timeoutMs: 120_000,
      env: { NODE_ENV: 'production', SESSION_SECRET: 'start-up-benchmark-'.padEnd(64, 'x') },
    });
    times.get(way.name)!.push(performance.now() - began);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const results = ways.map((way) => {
  const ms = times.get(way.name)!;
  return { start: way.name, runs: ms.length, 'median ms': Math.round(median(ms)), 'fastest ms': Math.round(Math.min(...ms)), 'slowest ms': Math.round(Math.max(...ms)) };
});
const report = { results, loadAverage: { before: loadBefore, after: loadavg()[0]! } };
console.table(results);
console.log(`load average (1 min): ${loadBefore.toFixed(2)} before, ${report.loadAverage.after.toFixed(2)} after`);
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(report, null, 2));

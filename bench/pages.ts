// Public pages under load: `npm run bench:pages [-- --json FILE] [--duration S] [--rounds N] [--servers N] [--warmup S] [--connections N] [--sessions N] [--identity]`.
// Seeds a temporary database with the demo camp grown to about 120 published sessions (desk
// pitches, extra rooms, the scheduler's grid published as the next version), starts the real
// server (production, cached templates) and, for comparison, a bare Fastify server with one
// constant-string route, each as its own child process; --servers such pairs (3 by default), each
// with its own camp, take the rounds in turn (see below). Then autocannon over loopback measures
// the public grid page, the whole-event calendar feed (200 and 304 with If-None-Match) and the
// c3voc schedule.json, the event page and /healthz against the baseline, in rounds (each
// target's share is the median of its rounds' shares: see below). Exits 1 only on a 5xx
// or a failed 304 check; the targets (each a share of the baseline's requests per second in the
// same run) are reported with the machine's load, since a busy machine moves every figure.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startBaselineServer, type BaselineServer } from './support/baseline-server.ts';
import { seedPagesCamp, type PagesCamp } from './support/pages-camp.ts';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const duration = Number(option('--duration') ?? 10);
const warmup = Number(option('--warmup') ?? Math.min(2, Math.max(0.5, duration / 5)));
const connections = Number(option('--connections') ?? 10);
// The same code answers 0.57–0.70 of the baseline in one fresh server process and another (and
// the baseline itself moves 0.9–1.25× between processes), so one pair of processes measures
// which pair the run drew as much as the code: several pairs, each taking rounds in turn.
const servers = Math.max(1, Number(option('--servers') ?? 3));
const rounds = Math.max(servers, Number(option('--rounds') ?? 2 * servers));
const targetSessions = Number(option('--sessions') ?? 120);
const jsonFile = option('--json');
// Every request asks for compression, as browsers and calendar apps do; --identity measures
// uncompressed answers instead.
const acceptEncoding = args.includes('--identity') ? undefined : 'gzip, deflate, br';
/** Each target: the least share of the baseline's requests per second, measured in the same run. */
const targetShares: Record<string, number> = {
  '/healthz': 0.6,
  'event page (signed out)': 0.5,
  'grid page (signed out)': 0.5,
  'calendar.ics (200)': 0.5,
  'calendar.ics (304)': 0.6,
};

/** What autocannon returns beyond the little bench/autocannon.d.ts declares. */
type FullResult = Awaited<ReturnType<typeof autocannon>> & { '2xx': number; '3xx': number; '4xx': number; '5xx': number; timeouts: number; statusCodeStats: Record<string, { count: number }> };

interface Target {
  name: string;
  path: string;
  baseUrl: string;
  pid: number | undefined;
  headers?: Record<string, string>;
  expect: number;
}

interface Measured {
  result: FullResult;
  cpuSeconds: number | null;
}

interface Row {
  target: string;
  path: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  statuses: string;
  check: string;
  /** The median of the rounds' shares of the baseline. */
  vsBaseline: number;
  roundShares: number[];
  /** The median share in each server's own rounds. */
  byServer: number[];
  kbPerResponse: number;
  serverCpuMsPerRequest: number | null;
}

interface Pair {
  dir: string;
  camp: PagesCamp;
  server?: ServerProcess;
  baseline?: BaselineServer;
  targets: Target[];
}

async function main(): Promise<number> {
  let failed = false;
  const pairs: Pair[] = [];
  try {
    const seedBegan = performance.now();
    for (let i = 0; i < servers; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'campgrid-pages-'));
      // The port is chosen first so the seeded links (and the feeds' UIDs) name the real address.
      const port = await freePort();
      const databasePath = join(dir, 'campgrid.db');
      const camp = seedPagesCamp(databasePath, dir, { targetSessions, baseUrl: `http://127.0.0.1:${port}` });
      const pair: Pair = { dir, camp, targets: [] };
      pairs.push(pair);
      pair.server = await startServerProcess({
        databasePath,
        port,
        env: { NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn', JOB_SECONDS: '3600', DATA_DIR: dir },
      });
      pair.baseline = await startBaselineServer();
    }
    const seedSeconds = (performance.now() - seedBegan) / 1000;
    const camp = pairs[0]!.camp;
    console.log(
      `Campgrid public pages: ${camp.sessions} published sessions (${camp.pitches} pitches, ${camp.rooms} rooms, ${camp.places} places, ${camp.unscheduled} unscheduled; grid version ${camp.version}, snapshot ${Math.round(camp.snapshotChars / 1024)} KB of JSON); ${servers} such camps, each with its server and a baseline beside it, seeded and started in ${seedSeconds.toFixed(1)} s`,
    );
    const loadBefore = loadavg()[0]!;
    console.log(`autocannon: ${connections} connections, ${acceptEncoding ? `Accept-Encoding: ${acceptEncoding}` : 'no Accept-Encoding'}, ${warmup} s warm-up on each server then ${duration} s each in ${rounds} rounds taken by the ${servers} servers in turn; Node ${process.version}, ${cpus().length} cores, load average ${loadBefore.toFixed(2)}\n`);

    for (const pair of pairs) {
      const { server, baseline, camp } = pair as Required<Pair>;
      const ics = `/events/${camp.slug}/calendar.ics`;
      const full = await fetch(server.baseUrl + ics);
      const etag = full.headers.get('etag');
      await full.arrayBuffer();
      if (full.status !== 200 || !etag) throw new Error(`GET ${ics} answered ${full.status} with ETag ${etag}`);
      pair.targets = [
        { name: 'baseline (constant string)', path: '/', baseUrl: baseline.baseUrl, pid: baseline.child.pid, expect: 200 },
        { name: '/healthz', path: '/healthz', baseUrl: server.baseUrl, pid: server.child.pid, expect: 200 },
        { name: 'event page (signed out)', path: `/events/${camp.slug}`, baseUrl: server.baseUrl, pid: server.child.pid, expect: 200 },
        { name: 'grid page (signed out)', path: `/events/${camp.slug}/grid`, baseUrl: server.baseUrl, pid: server.child.pid, expect: 200 },
        { name: 'calendar.ics (200)', path: ics, baseUrl: server.baseUrl, pid: server.child.pid, expect: 200 },
        { name: 'calendar.ics (304)', path: ics, baseUrl: server.baseUrl, pid: server.child.pid, headers: { 'if-none-match': etag }, expect: 304 },
        { name: 'schedule.json', path: `/events/${camp.slug}/schedule.json`, baseUrl: server.baseUrl, pid: server.child.pid, expect: 200 },
      ];
    }
    const names = pairs[0]!.targets.map((target) => target.name);

    // Each target is measured in rounds, the baseline first in each round, and its share of the
    // baseline is the median of the rounds' shares: a machine whose speed drifts (other work,
    // a noisy neighbour) moves both sides of a round alike, where one long run of each would
    // compare a quiet minute with a busy one. The pairs take the rounds in turn, so a pair of
    // processes that drew a slow or a quick start moves a few rounds, not the result.
    const roundSeconds = duration / rounds;
    let serverErrors = 0;
    const firstStatus = new Map<string, number[]>(names.map((name) => [name, []]));
    for (const pair of pairs) {
      for (const target of pair.targets) {
        if (acceptEncoding) target.headers = { 'accept-encoding': acceptEncoding, ...target.headers };
        // One request first: it must answer as expected.
        const first = await fetch(target.baseUrl + target.path, { headers: target.headers });
        await first.arrayBuffer();
        if (first.status >= 500) serverErrors++;
        firstStatus.get(target.name)!.push(first.status);
        const warm = (await autocannon({ url: target.baseUrl + target.path, connections, duration: warmup, headers: target.headers })) as FullResult;
        serverErrors += warm['5xx'];
      }
    }
    const measured = new Map<string, Measured[]>(names.map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      const pair = pairs[round % pairs.length]!;
      for (const target of pair.targets) {
        const cpuBefore = cpuSecondsOf(target.pid);
        const result = (await autocannon({ url: target.baseUrl + target.path, connections, duration: roundSeconds, headers: target.headers })) as FullResult;
        const cpuAfter = cpuSecondsOf(target.pid);
        serverErrors += result['5xx'];
        measured.get(target.name)!.push({ result, cpuSeconds: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null });
      }
    }
    const baselineRounds = measured.get(names[0]!)!;
    const rows: Row[] = [];
    for (const target of pairs[0]!.targets) {
      const runs = measured.get(target.name)!;
      const completed = runs.reduce((sum, run) => sum + run.result.requests.total, 0);
      const seconds = runs.reduce((sum, run) => sum + (run.result.duration || roundSeconds), 0);
      const byStatus = new Map<string, number>();
      for (const run of runs) for (const [code, { count }] of Object.entries(run.result.statusCodeStats)) byStatus.set(code, (byStatus.get(code) ?? 0) + count);
      const statuses = [...byStatus].sort(([a], [b]) => Number(a) - Number(b)).map(([code, count]) => `${code} × ${count}`);
      const errors = runs.reduce((sum, run) => sum + run.result.errors, 0);
      const timeouts = runs.reduce((sum, run) => sum + run.result.timeouts, 0);
      if (errors) statuses.push(`errors × ${errors}`);
      if (timeouts) statuses.push(`timeouts × ${timeouts}`);
      // The first answer from each server; the one that was not as expected, if any.
      const firsts = firstStatus.get(target.name)!;
      const firstAnswered = firsts.find((status) => status !== target.expect) ?? target.expect;
      const allExpected = firstAnswered === target.expect && (byStatus.get(String(target.expect)) ?? 0) === completed && completed > 0 && errors === 0;
      if (target.expect === 304 && !allExpected) failed = true;
      if (runs.some((run) => run.result['5xx'] > 0) || firstAnswered >= 500) failed = true;
      const shares = runs.map((run, i) => run.result.requests.total / (baselineRounds[i]!.result.requests.total || 1));
      const cpu = runs.every((run) => run.cpuSeconds !== null) ? runs.reduce((sum, run) => sum + run.cpuSeconds!, 0) : null;
      rows.push({
        target: target.name,
        path: target.path,
        reqPerSec: Math.round(completed / seconds),
        p50Ms: median(runs.map((run) => run.result.latency.p50)),
        p99Ms: Math.max(...runs.map((run) => run.result.latency.p99)),
        requests: completed,
        statuses: statuses.join(', '),
        check: allExpected ? `ok: all ${target.expect}` : `${target.expect === 304 ? 'FAIL' : 'MISS'}: not all ${target.expect} (first answered ${firstAnswered})`,
        vsBaseline: Math.round(median(shares) * 100) / 100,
        roundShares: shares.map((share) => Math.round(share * 100) / 100),
        byServer: pairs.map((_, pair) => Math.round(median(shares.filter((_, round) => round % pairs.length === pair)) * 100) / 100),
        // As sent (compressed when asked), headers included.
        kbPerResponse: completed ? Math.round((runs.reduce((sum, run) => sum + run.result.throughput.total, 0) / completed / 1024) * 10) / 10 : 0,
        serverCpuMsPerRequest: cpu !== null && completed ? Math.round((cpu * 1000 * 1000) / completed) / 1000 : null,
      });
    }
    if (serverErrors) failed = true;

    const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'each round', 'each server', 'KB/answer', 'server CPU ms/req', 'statuses', 'check'];
    const cells = rows.map((r) => [r.target, String(r.reqPerSec), String(r.p50Ms), String(r.p99Ms), `${r.vsBaseline.toFixed(2)}×`, r.roundShares.map((share) => share.toFixed(2)).join(' '), r.byServer.map((share) => share.toFixed(2)).join(' '), String(r.kbPerResponse), r.serverCpuMsPerRequest === null ? '?' : r.serverCpuMsPerRequest.toFixed(3), r.statuses, r.check]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
    const line = (c: string[]) => c.map((v, i) => (i === 0 || i === 5 || i === 6 || i >= 9 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ').trimEnd();
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const c of cells) console.log(line(c));

    const ok304 = rows.find((r) => r.target === 'calendar.ics (304)')!.check.startsWith('ok');
    const loadAfter = loadavg()[0]!;
    console.log('');
    console.log(`${serverErrors === 0 ? 'ok  ' : 'FAIL'}  requirement: no 5xx (${serverErrors})`);
    console.log(`${ok304 ? 'ok  ' : 'FAIL'}  requirement: calendar.ics with If-None-Match answers 304 every time`);
    const shares = rows
      .filter((r) => r.target in targetShares)
      .map((r) => ({ target: r.target, share: targetShares[r.target]!, measured: r.vsBaseline, met: r.vsBaseline >= targetShares[r.target]! }));
    for (const t of shares) console.log(`${t.met ? 'ok  ' : 'MISS'}  target: ${t.target} ≥ ${t.share} × baseline req/s (${t.measured.toFixed(2)} ×)`);
    console.log(`load average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);

    if (jsonFile) {
      writeFileSync(
        jsonFile,
        `${JSON.stringify({ benchmark: 'pages', node: process.version, acceptEncoding: acceptEncoding ?? 'none', results: rows, targets: shares, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter, sessions: camp.sessions, camp, connections, durationSeconds: duration, rounds, servers, serverErrors }, null, 2)}\n`,
      );
      console.log(`\nresults written to ${jsonFile}`);
    }
    return failed ? 1 : 0;
  } finally {
    for (const { baseline, server, dir } of pairs) {
      await baseline?.stop();
      if (server) {
        // A graceful stop, as in production; a kill if it has not gone within 5 s.
        const killer = setTimeout(() => void server.stop('SIGKILL'), 5000);
        await server.stop('SIGTERM');
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** User plus system CPU seconds a process has used so far (Linux), or null where unknown. */
function cpuSecondsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

process.exitCode = await main();

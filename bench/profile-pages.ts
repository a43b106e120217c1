// Where a request's CPU goes: `npm run bench:profile [-- --path /healthz] [--duration S] [--top N] [--keep DIR]`.
// Seeds the page benchmark's camp, starts the real server under `node --cpu-prof`, drives one
// path with autocannon, stops the server gracefully (so V8 writes the profile) and prints the
// functions with the most self time, and the packages and files they belong to. This is how
// issue 17's floor was found; keep it for the next time the floor moves.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { seedPagesCamp } from './support/pages-camp.ts';
import { freePort, startServerProcess } from './support/server-process.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const duration = Number(option('--duration') ?? 5);
const top = Number(option('--top') ?? 30);
const keep = option('--keep');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const dir = mkdtempSync(join(tmpdir(), 'campgrid-profile-'));
try {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const camp = seedPagesCamp(join(dir, 'campgrid.db'), dir, { targetSessions: 120, baseUrl });
  const path = (option('--path') ?? '/events/:slug').replace(':slug', camp.slug);
  const profiles = keep ?? join(dir, 'profiles');
  const server = await startServerProcess({
    databasePath: join(dir, 'campgrid.db'),
    port,
    nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${profiles}`],
    env: { NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn', JOB_SECONDS: '3600', DATA_DIR: dir },
  });
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  await autocannon({ url: baseUrl + path, connections: 10, duration: 1, headers });
  const result = await autocannon({ url: baseUrl + path, connections: 10, duration, headers });
  const stopping = performance.now();
  await server.stop('SIGTERM');
  const stopSeconds = (performance.now() - stopping) / 1000;

  const file = readdirSync(profiles).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('the server wrote no profile');
  const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8')) as Profile;
  // Only the samples while autocannon ran: start-up (loading modules) is not a request's cost,
  // and nor is idle time.
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  const times: number[] = [];
  let at = profile.endTime;
  for (let i = profile.samples.length - 1; i >= 0; i--) {
    times[i] = at;
    at -= profile.timeDeltas[i] ?? 0;
  }
  const from = profile.endTime - (duration + stopSeconds) * 1e6;
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (times[i]! < from || idle.has(id)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  console.log(`${path}: ${Math.round(result.requests.total / duration)} req/s over ${duration} s; ${(total / 1000 / result.requests.total).toFixed(3)} ms of CPU per request (busy samples)\n`);
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const place = placeOf(url);
    const name = `${functionName || '(anonymous)'}  ${place}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  }
  const print = (title: string, map: Map<string, number>) => {
    console.log(title);
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
    console.log('');
  };
  print('Self time by function', byFunction);
  print('Self time by package or file', byPlace);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** A package name for code under node_modules, a path inside the project, or V8's own label. */
function placeOf(url: string): string {
  if (!url) return '(native)';
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const rest = url.slice(inModules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.indexOf('/src/');
  return src >= 0 ? url.slice(src + 1) : url.replace(/^file:\/\//, '');
}

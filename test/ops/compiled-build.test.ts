import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../bench/support/server-process.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

/** `npm run build`'s compile with the project's build settings; the type check is `npm run typecheck`'s job. */
function compile(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--noCheck', '--outDir', outDir], { cwd: root }, (error, stdout, stderr) =>
      error ? reject(new Error(`${stdout}${stderr}`)) : resolve(),
    );
  });
}

function javaScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? javaScriptFiles(join(dir, entry.name)) : entry.name.endsWith('.js') ? [join(dir, entry.name)] : [],
  );
}

describe('production runs compiled JavaScript', () => {
  // A folder beside dist/, one level below the project as dist/ is, so the compiled code finds
  // views/, static/ and migrations/ exactly as `node dist/server.js` does.
  let outDir: string;
  let dataDir: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    outDir = mkdtempSync(join(root, '.build-test-'));
    dataDir = mkdtempSync(join(tmpdir(), 'campgrid-compiled-'));
    await compile(outDir);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('npm start runs node on dist/server.js, which npm run build compiles, and tsx is only a development tool', () => {
    expect(packageJson.scripts.start).toBe('node dist/server.js');
    expect(packageJson.scripts.build).toContain('tsc -p tsconfig.build.json');
    expect(packageJson.scripts.build).toContain('build:css');
    expect(packageJson.dependencies).not.toHaveProperty('tsx');
    for (const command of ['admin', 'backup', 'restore']) expect(packageJson.scripts[command], command).toMatch(/^node dist\//);
  });

  it('compiles every source file to JavaScript that imports JavaScript, not TypeScript', () => {
    const files = javaScriptFiles(outDir);
    expect(files.map((f) => relative(outDir, f))).toContain('server.js');
    for (const file of files) expect(readFileSync(file, 'utf8'), basename(file)).not.toMatch(/from ["']\.{1,2}\/[^"']*\.ts["']/);
  });

  it('starts in production mode from the compiled server, applies the migrations and serves pages and the stylesheet', async () => {
    server = await startServerProcess({
      databasePath: join(dataDir, 'campgrid.db'),
      script: join(relative(root, outDir), 'server.js'),
      timeoutMs: 60_000,
      env: { NODE_ENV: 'production', SESSION_SECRET: 'compiled-build-test-'.padEnd(64, 'x') },
    });
    expect(server.output()).toContain('No administrator yet');
    const home = await fetch(`${server.baseUrl}/`);
    expect(home.status).toBe(200);
    const page = await home.text();
    const stylesheet = /<link[^>]+href="([^"]+\.css)"/.exec(page)?.[1];
    expect(stylesheet).toBeDefined();
    const css = await fetch(new URL(stylesheet!, server.baseUrl));
    expect(css.status).toBe(200);
    expect((await css.text()).length).toBeGreaterThan(1000);
    expect(existsSync(join(dataDir, 'campgrid.db'))).toBe(true);
  }, 90_000);
});

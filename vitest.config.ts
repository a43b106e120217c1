import { defineConfig } from 'vitest/config';

/** The one test file that replaces a module of ours (to watch a comparison) needs modules of its own. */
const needsOwnModules = ['test/security/tokens.test.ts'];
/** `npm run test:quick` leaves out the browser journeys (a project's exclude is its own, so the command line's --exclude cannot). */
const leftOut = process.env.CAMPGRID_TESTS === 'quick' ? ['test/browser/**'] : [];

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll gives up after 1 s by default. A page that waits for a 1 s scheduler run, on a
    // CI machine whose two cores are shared with a second test file, can take longer than that;
    // a wait that ends as soon as the page is there costs nothing when the machine is quick.
    expect: { poll: { timeout: 15_000 } },
    // Browser tests start Chromium; two cores means two forks at most.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Importing the app afresh for every file cost 170 s of a 15-minute suite. Every test builds
        // its own app on its own database, and nothing of ours keeps state at module level that a
        // test relies on, so files in one fork share their imports (and the demo camp seeded once).
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: [...needsOwnModules, ...leftOut], isolate: false },
      },
      { extends: true, test: { name: 'own modules', include: needsOwnModules, isolate: true } },
    ],
  },
});

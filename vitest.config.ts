import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
  },
});

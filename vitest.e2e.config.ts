import { defineConfig } from 'vitest/config';

// End-to-end tests: the built browser mode in Debian Chromium through playwright-core.
// One file at a time: each launches a browser and a server, and CI machines have 2 cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    reporters: ['default'],
  },
});

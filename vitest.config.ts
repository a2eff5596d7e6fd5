import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { libraryIndexPlugin } from './scripts/library-index-plugin';

export default defineConfig({
  // Modules that import the built-in library index (Electron main) get it as the build does.
  plugins: [libraryIndexPlugin(resolve(__dirname, 'scenarios'))],
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});

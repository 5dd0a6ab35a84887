import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` needs no server; `integration` (files named *.int.test.ts) talks to the real
 * development servers, which its global setup starts when they are not up (the same code as
 * `kol-sdk services up`). `npm test` runs both.
 */
export default defineConfig({
  test: {
    // see sdk/cli/bin.mjs: the lock file pins an AWS SDK release that supports Node 20
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
          // Closing a lake or a DuckDB in a hook can take seconds when two cores run many test files.
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          globalSetup: ['test/integration-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    exclude: ['src/web/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: run files in forks, two at a time, so PostgreSQL/browser suites do not starve each other.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    globalSetup: ['test/global-setup.ts'],
  },
});

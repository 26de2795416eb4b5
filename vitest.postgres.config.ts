// The PostgreSQL run: `npm run test:postgres`. The files that pass on PostgreSQL today run with
// TEST_DATABASE=postgres against one private PostgreSQL 15 cluster (test/support/postgres.ts);
// docs/postgres.md lists what does not yet. `npm test` stays on SQLite.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/service/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts', 'test/support/postgres-global-setup.ts'],
    env: { TEST_DATABASE: 'postgres' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
})

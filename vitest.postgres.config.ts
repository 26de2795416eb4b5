// The PostgreSQL run: `npm run test:postgres` (and the end of `npm run test:all`). The files listed
// here pass on PostgreSQL today; they run with TEST_DATABASE=postgres against one private
// PostgreSQL 15 cluster (test/support/postgres.ts), each harness and test runtime in a fresh
// database of its own. docs/postgres.md says what does not run there yet. `npm test` stays on SQLite.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'test/service/**/*.test.ts',
      ...['forum-api', 'thread-api', 'moderation-api', 'leads-api', 'public-counters', 'deletion-final', 'member-blocks', 'page-cache'].map(
        (name) => `test/integration/${name}.test.ts`,
      ),
    ],
    globalSetup: ['test/support/global-setup.ts', 'test/support/postgres-global-setup.ts'],
    env: { TEST_DATABASE: 'postgres' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
})

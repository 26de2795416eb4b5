import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files run in parallel processes; each owns its own SQLite file and Redis prefix.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
})

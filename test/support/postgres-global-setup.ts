// The PostgreSQL run (npm run test:postgres, vitest.postgres.config.ts): one private cluster for
// the whole run, started before the first file and stopped, with its folder, after the last. Each
// test file creates its own database in it (test/support/services.ts).
import type { TestProject } from 'vitest/node'
import { TestPostgres } from './postgres.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The private cluster's postgres database, for creating each file's own database. */
    postgresAdminUrl: string
  }
}

export default async function setup(project: TestProject) {
  const cluster = await TestPostgres.start()
  project.provide('postgresAdminUrl', cluster.url())
  return async () => {
    await cluster.stop()
  }
}

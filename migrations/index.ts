import type { Migration, MigrationProvider } from 'kysely'
import * as m0001 from './0001_accounts.ts'
import * as m0002 from './0002_communities.ts'
import * as m0003 from './0003_threads_posts.ts'

// A static provider: tsx and any bundler see the same list, in order.
const migrations: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0002_communities': m0002,
  '0003_threads_posts': m0003,
}

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations
  },
}

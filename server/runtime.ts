import type { Kysely } from 'kysely'
import { createApp, type AppDeps } from './app.ts'
import { systemClock, type Clock } from './clock.ts'
import type { Config } from './config.ts'
import { migrateToLatest, openDatabase } from './db/database.ts'
import type { DB } from './db/schema.ts'
import { createLogger, type Logger } from './logger.ts'
import { seedCommunities } from './seed/communities.ts'
import type { PostHooks } from './services/context.ts'
import { createServices, type Services } from './services/index.ts'
import { createWeb } from '../web/router.ts'

export interface Runtime {
  config: Config
  logger: Logger
  clock: Clock
  db: Kysely<DB>
  services: Services
  app: ReturnType<typeof createApp>
  /** Stops background work and closes the database; the HTTP server is closed by its owner first. */
  close(): Promise<void>
}

export interface RuntimeOptions {
  clock?: Clock
  logger?: Logger
  seed?: boolean
}

/** Wires the whole server: database, services, pipeline, HTTP app. Used by main.ts, the CLI and tests alike. */
export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel)
  const clock = opts.clock ?? systemClock
  const db = openDatabase(config.databasePath)
  await migrateToLatest(db)
  if (opts.seed ?? config.seedDemo) {
    const created = await seedCommunities(db, clock.now())
    if (created.length > 0) logger.info({ communities: created }, 'seeded demo communities')
  }

  const hooks: PostHooks = { afterPostWrite: () => {} }
  const services = createServices({ db, clock, config, logger, hooks })
  const appDeps: AppDeps = { config, logger, services, web: createWeb(services, config) }
  const app = createApp(appDeps)

  return {
    config, logger, clock, db, services, app,
    async close() {
      await db.destroy()
    },
  }
}

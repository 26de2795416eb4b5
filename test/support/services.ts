// Service tests: the services wired on an in-memory database, with no HTTP, no pipeline and a cheap
// password hash. A rule is checked where it lives, in a few milliseconds, instead of through
// supertest and a full scrypt per member (those paths have their own integration tests).
// With TEST_DATABASE=postgres (npm run test:postgres) each harness gets a fresh database of its
// own in the run's private PostgreSQL cluster instead.
import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import { inject } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import { migrateToLatest, openDatabase, openPostgres } from '../../server/db/database.ts'
import type { DB } from '../../server/db/schema.ts'
import { createLogger } from '../../server/logger.ts'
import { createUntrustedWork } from '../../server/offload/index.ts'
import { seedCommunities } from '../../server/seed/communities.ts'
import type { Ctx } from '../../server/services/context.ts'
import { createServices, type Services } from '../../server/services/index.ts'
import type { PrecheckResult } from '../../server/services/precheck.ts'
import { testConfig, uniqueHandle } from './app.ts'
import { createDatabase, uniqueDatabase } from './postgres.ts'

/** The database a harness runs on: in memory, or a fresh PostgreSQL database with TEST_DATABASE=postgres. */
async function testDatabase(): Promise<Kysely<DB>> {
  if (process.env.TEST_DATABASE !== 'postgres') return openDatabase(':memory:')
  return openPostgres(await createDatabase(inject('postgresAdminUrl'), uniqueDatabase('svc')))
}

export interface ServiceHarness {
  db: Kysely<DB>
  clock: ManualClock
  services: Services
  /** The post ids the write path handed to the pipeline, in order. */
  scanned: number[]
  /** Registers a member through the auth service and returns the context their requests carry. */
  member(opts?: { join?: string[]; admin?: boolean }): Promise<Ctx & { actor: NonNullable<Ctx['actor']> }>
  /** A signed-in context again, read fresh (after a role or suspension changed). */
  refresh(ctx: Ctx): Promise<Ctx & { actor: NonNullable<Ctx['actor']> }>
  close(): Promise<void>
}

export async function startServiceHarness(opts: { crisis?: (text: string) => PrecheckResult['crisis'] } = {}): Promise<ServiceHarness> {
  const config = testConfig({ DATABASE_PATH: ':memory:' })
  const logger = createLogger('silent')
  const clock = new ManualClock(Date.parse('2026-06-01T12:00:00Z'))
  const db = await testDatabase()
  await migrateToLatest(db)
  await seedCommunities(db, clock.now())
  const offload = createUntrustedWork(logger)
  const scanned: number[] = []
  const detectCrisis = async (text: string) => opts.crisis?.(text) ?? 'none'
  const services = createServices({ db, clock, config, logger, hooks: { afterPostWrite: (postId) => void scanned.push(postId) }, detectCrisis, offload })
  const tokens = new Map<number, string>()

  async function resolve(token: string) {
    const session = await services.auth.resolveSession(token)
    if (!session) throw new Error('the session did not resolve')
    return { actor: session.actor, requestId: crypto.randomUUID() }
  }

  return {
    db,
    clock,
    services,
    scanned,
    async member({ join = [], admin = false } = {}) {
      const handle = uniqueHandle('svc')
      const password = 'a long enough password'
      if (admin) await services.siteAdmin.createAccount({ handle, password, admin: true })
      const session = admin ? await services.auth.login({ handle, password }) : await services.auth.register({ handle, password })
      tokens.set(session.user.id, session.token)
      let ctx = await resolve(session.token)
      for (const slug of join) {
        const { community } = await services.communities.get(ctx, slug)
        await services.communities.join(ctx, slug, community.guidelines!.version)
      }
      if (join.length) ctx = await resolve(session.token)
      return ctx
    },
    async refresh(ctx) {
      const token = tokens.get(ctx.actor!.id)
      if (!token) throw new Error('not a harness member')
      return resolve(token)
    },
    async close() {
      await offload.close()
      await db.destroy()
    },
  }
}

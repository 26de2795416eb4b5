import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { createApp, type AppDeps } from './app.ts'
import { systemClock, type Clock } from './clock.ts'
import type { Config } from './config.ts'
import { connectDatabase, migrateToLatest } from './db/database.ts'
import { setTransactionRetryLog } from './db/connection.ts'
import type { DB } from './db/schema.ts'
import { createLogger, type Logger } from './logger.ts'
import { seedCommunities } from './seed/communities.ts'
import { createSafetyPipeline, type SafetyPipeline } from './safety/pipeline.ts'
import type { CrisisDetector } from './services/precheck.ts'
import { defaultSafetySettings } from '../workers/pipeline/types.ts'
import { createServices, type Services } from './services/index.ts'
import { createUntrustedWork } from './offload/index.ts'
import { createWeb } from '../web/router.ts'
import { watchedWordsByCommunity } from './db/leads.ts'
import { moderationRouter } from './http/routes/moderation.ts'
import { searchRouter } from './http/routes/search.ts'
import { leadsRouter } from './http/routes/leads.ts'
import { createMailSystem, type MailSystem } from './mail/index.ts'
import { mailRouter } from './http/routes/mail.ts'
import { accountRouter } from './http/routes/account.ts'
import { readingRouter } from './http/routes/reading.ts'
import { blocksRouter } from './http/routes/blocks.ts'
import { staffingGaps } from './db/duty.ts'
import { ErasureRelay } from './erasure/relay.ts'

export interface Runtime {
  config: Config
  logger: Logger
  clock: Clock
  db: Kysely<DB>
  services: Services
  pipeline: SafetyPipeline
  mail: MailSystem
  /** Finishes account deletions in the background (account_erasure). */
  erasure: ErasureRelay
  app: ReturnType<typeof createApp>
  /** Stops background work and closes the database; the HTTP server is closed by its owner first. */
  close(): Promise<void>
}

export interface RuntimeOptions {
  clock?: Clock
  logger?: Logger
  seed?: boolean
  /** Start the outbox relay (and the verdict consumer with Redis). Default true. */
  startPipeline?: boolean
  relayPollMs?: number
  /** Wraps the pipeline's crisis detector for the pre-post check (tests put a stand-in in front of it). */
  crisisDetector?: (pipeline: CrisisDetector) => CrisisDetector
  mailPollMs?: number
}

/** Wires the whole server: database, services, pipeline, HTTP app. Used by main.ts, the CLI and tests alike. */
export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel)
  const clock = opts.clock ?? systemClock
  const db = connectDatabase(config, {
    backgroundCheckpoint: true,
    onCheckpointError: (message) => logger.error({ alert: 'checkpoint' }, message),
  })
  // PostgreSQL's deadlock retries (server/db/connection.ts): ids and codes only.
  setTransactionRetryLog((fields, message) => logger.warn(fields, message))
  await migrateToLatest(db)
  if (opts.seed ?? config.seedDemo) {
    const created = await seedCommunities(db, clock.now())
    if (created.length > 0) logger.info({ communities: created }, 'seeded demo communities')
  }

  // A deployment's own safety models: checked here, so a bad folder stops start-up with a clear
  // message instead of failing every scan on the thread.
  if (config.safetyModelDir) {
    const { loadModelDir } = await import('../workers/pipeline/model-dir.ts')
    loadModelDir(config.safetyModelDir)
    logger.info({ modelDir: config.safetyModelDir }, "scanning with the deployment's safety models")
  }
  const pipeline = createSafetyPipeline({ db, clock, config, logger, pollMs: opts.relayPollMs, loadWatchedWords: watchedWordsByCommunity })
  // The gentle pre-post check runs the same crisis detector, on the pipeline's scan thread. It never
  // blocks a post. A check that fails reads as concern (someone should look), never as "none", and
  // is logged; the post's own scan still runs.
  const precheckSettings = defaultSafetySettings()
  const pipelineCrisis: CrisisDetector = async (text) => {
    const [outcome] = await pipeline.scan([{ text, settings: precheckSettings }])
    if (!outcome || 'error' in outcome) throw new Error(outcome ? outcome.error : 'no scan outcome')
    if (outcome.verdict.failed?.some((f) => f.stage === 'crisis' || f.stage === 'normalise')) throw new Error('the crisis stage failed')
    return outcome.verdict.crisis.level
  }
  const detectCrisis = opts.crisisDetector ? opts.crisisDetector(pipelineCrisis) : pipelineCrisis
  const offload = createUntrustedWork(logger)
  const mail = createMailSystem({ db, config, logger, pollMs: opts.mailPollMs })
  const services = createServices({ db, clock, config, logger, hooks: pipeline.hooks, detectCrisis, offload })
  // Rate limits count in Redis when there is one, so a limit holds across server processes. Commands
  // fail at once while it is away (no offline queue, a short timeout): the limits then count in
  // memory (http/middleware/rate-limit-store.ts) and no request waits on Redis.
  const limitRedis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 }) : undefined
  limitRedis?.on('error', (err) => logger.debug({ err: err.message }, 'rate-limit Redis connection error'))
  // Connected before the first request (so it counts where the other processes do), or refused:
  // an absent Redis answers at once, and start-up never waits on it for more than two seconds.
  if (limitRedis)
    await new Promise((resolve) => {
      limitRedis.once('ready', resolve).once('error', resolve)
      setTimeout(resolve, 2000).unref()
    })
  const appDeps: AppDeps = {
    config,
    logger,
    services,
    apiRouters: [
      moderationRouter(services),
      leadsRouter(services),
      mailRouter(services),
      accountRouter(services, config),
      searchRouter(services),
      readingRouter(services),
      blocksRouter(services),
    ],
    web: createWeb(services, config),
    limitStores: limitRedis ? { redis: limitRedis, prefix: config.queuePrefix, logger } : undefined,
  }
  const app = createApp(appDeps)
  const erasure = new ErasureRelay(db, clock, logger)
  if (opts.startPipeline ?? true) {
    pipeline.start()
    mail.start()
    erasure.start()
  }
  // Urgent items nobody claimed in time are escalated to leads and admins.
  const escalation = setInterval(() => {
    services.moderation.escalateOverdue().catch((err) => logger.error({ err }, 'escalation check failed'))
  }, 30_000)
  escalation.unref()
  logger.info({ pipeline: pipeline.mode }, 'safety pipeline ready')
  // First run: an urgent post with nobody to reach is the failure this guards against. Said at
  // start and every hour while it holds, with the commands that fix it.
  const staffing = async () => {
    const gaps = await staffingGaps(db)
    if (!gaps.hasAdmin)
      logger.warn(
        { firstRun: 'no_admin' },
        'No admin exists: urgent posts in communities without moderators reach ' +
          'nobody. Create one: npx alongside user create --handle NAME --admin ' +
          '--email YOU@EXAMPLE.ORG --password-stdin (then type the password and press Ctrl-D)',
      )
    if (gaps.unstaffed.length > 0)
      logger.warn(
        { firstRun: 'no_moderator', communities: gaps.unstaffed },
        `Communities with no moderator or lead: ${gaps.unstaffed.join(', ')}. Appoint ` +
          `one: npx alongside role grant --handle NAME --community SLUG --role moderator`,
      )
  }
  await staffing().catch((err) => logger.error({ err }, 'staffing check failed'))
  // Hourly: the staffing warning while it holds, and members' daily and weekly digests (once per period each, by dedupe key).
  const hourly = setInterval(() => {
    staffing().catch((err) => logger.error({ err }, 'staffing check failed'))
    services.accountMail.sendDigests().catch((err) => logger.error({ err }, 'digest sweep failed'))
    // Members' opt-in check-in reminders by e-mail (issue #20), once per due date.
    services.outcomes.sendReminders().catch((err) => logger.error({ err }, 'check-in reminder sweep failed'))
  }, 3_600_000)
  hourly.unref()
  if (!config.mail.smtpUrl && mail.mode === 'embedded')
    logger.warn('SMTP_URL is not set: mail and alerts are written to the log as "would send" (ids only), not sent')

  return {
    config,
    logger,
    clock,
    db,
    services,
    pipeline,
    mail,
    erasure,
    app,
    async close() {
      clearInterval(escalation)
      clearInterval(hourly)
      await pipeline.stop()
      await offload.close()
      await mail.stop()
      await erasure.stop()
      if (limitRedis) await (limitRedis.status === 'ready' ? limitRedis.quit().catch(() => limitRedis.disconnect()) : limitRedis.disconnect())
      await db.destroy()
    },
  }
}

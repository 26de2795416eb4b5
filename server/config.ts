import crypto from 'node:crypto'
import { z } from 'zod'
import { DEFAULT_HASH_COST } from './auth/password.ts'
import { DAY_MS } from './time.ts'

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().default('data/alongside.db'),
  // PostgreSQL instead of the SQLite file (docs/postgres.md).
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_DAYS: z.coerce.number().int().positive().default(30),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  TRUST_PROXY: z.string().default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_POSTS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_LOGINS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: z.coerce.number().int().positive().default(5),
  QUEUE_PREFIX: z.string().default('alongside'),
  SCAN_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(120),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  PAGE_CACHE_MB: z.coerce.number().min(0).max(1024).default(32),
  WORKER_LOCK_MS: z.coerce.number().int().positive().default(30_000),
  SAFETY_SCAN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Alongside <no-reply@localhost>'),
  MAIL_RETRY_BASE_MS: z.coerce.number().int().positive().default(5_000),
  MAIL_RETRY_MAX_MS: z.coerce.number().int().positive().default(300_000),
  MAIL_RESEND_AFTER_SECONDS: z.coerce.number().int().positive().default(900),
  MAIL_SHOW_COMMUNITY: z.enum(['true', 'false']).default('false'),
  MAIL_CONCURRENCY: z.coerce.number().int().positive().default(4),
  ALERT_WEBHOOK_URL: z.string().url().optional(),
  ALERT_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  RATE_LIMIT_PASSWORD_RESETS_PER_HOUR: z.coerce.number().int().positive().default(5),
  RATE_LIMIT_SEARCHES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  SAFETY_MODEL_DIR: z.string().optional(),
  // Tests only (refused in production): scrypt's N, a power of two.
  PASSWORD_HASH_COST: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1_048_576)
    .refine((n) => (n & (n - 1)) === 0, 'must be a power of two')
    .optional(),
})

/** Each variable as the environment gives it, with an empty value read as unset (PORT= is no port, not port 0). */
function present(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''))
}

export interface Config {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  databasePath: string
  /** PostgreSQL instead of the SQLite file at databasePath (docs/postgres.md). */
  databaseUrl?: string
  redisUrl?: string
  sessionSecret: string
  sessionTtlMs: number
  cookieSecure: boolean
  trustProxy: string
  logLevel: string
  rateLimits: { postsPerMinute: number; loginsPerMinute: number; registrationsPerHour: number; passwordResetsPerHour: number; searchesPerMinute: number }
  queuePrefix: string
  scanTimeoutMs: number
  workerConcurrency: number
  seedDemo: boolean
  /** Bytes kept of compressed shared pages (server/services/page-cache.ts); 0 turns the cache off. */
  pageCacheBytes: number
  /** Worker: how long a scan job may run before another worker may take it over. */
  workerLockMs: number
  /** Worker: a pause before each scan, for tests and demonstrations of a slow scan. */
  scanDelayMs: number
  /** The site's address as members reach it, for links in mail (default http://localhost:PORT). */
  publicUrl: string
  mail: {
    /** Unset: messages are logged as "would send" (ids only) and marked sent. */
    smtpUrl?: string
    from: string
    /** Retry schedule while the SMTP server or the hook is down: base * 2^(attempt-1), capped at max. */
    retryBaseMs: number
    retryMaxMs: number
    /** With Redis: a row handed to the queue and not reported sent by then is handed over again. */
    resendAfterMs: number
    /** Mail names the community only when an operator turns this on (a mailbox may be shared). */
    showCommunity: boolean
    /** Worker: mail jobs sent at once per worker process. */
    concurrency: number
  }
  alertWebhook?: { url: string; secret?: string }
  /** A model folder built by `alongside safety train` to scan with instead of the committed models. */
  safetyModelDir?: string
  /** scrypt's N for new password hashes: the production cost unless a test lowers it. */
  passwordHashCost: number
}

/** Which process is loading: each needs a little more than the shared variables. */
export type ConfigFor = 'server' | 'worker' | 'cli'

export class ConfigError extends Error {}

/**
 * The configuration of every process (server, worker, CLI), from the environment: one schema, so a
 * variable means the same everywhere. Throws ConfigError listing every problem at once.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, role: ConfigFor = 'server'): Config {
  const parsed = Env.safeParse(present(env))
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new ConfigError(`Invalid configuration:\n${problems}`)
  }
  const e = parsed.data
  if (e.ALERT_WEBHOOK_URL && !e.ALERT_WEBHOOK_SECRET && e.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  ALERT_WEBHOOK_SECRET: required with ALERT_WEBHOOK_URL in production (the receiver checks the signature)')
  }
  // Only the server signs cookies; a worker or a CLI command in production needs no secret.
  if (role === 'server' && e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required in production (at least 32 characters)')
  }
  if (e.NODE_ENV === 'production' && e.PASSWORD_HASH_COST !== undefined) {
    throw new ConfigError('Invalid configuration:\n  PASSWORD_HASH_COST: only for tests; production always uses the full cost')
  }
  if (role === 'worker' && !e.REDIS_URL) {
    throw new ConfigError('Invalid configuration:\n  REDIS_URL: is required: the worker takes scan jobs from Redis')
  }
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    // Outside production a per-process secret is fine: sessions live in the database, the secret only signs the anonymous CSRF cookie.
    sessionSecret: e.SESSION_SECRET ?? crypto.randomBytes(32).toString('hex'),
    sessionTtlMs: e.SESSION_TTL_DAYS * DAY_MS,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? e.NODE_ENV === 'production' : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    rateLimits: {
      postsPerMinute: e.RATE_LIMIT_POSTS_PER_MINUTE,
      loginsPerMinute: e.RATE_LIMIT_LOGINS_PER_MINUTE,
      registrationsPerHour: e.RATE_LIMIT_REGISTRATIONS_PER_HOUR,
      passwordResetsPerHour: e.RATE_LIMIT_PASSWORD_RESETS_PER_HOUR,
      searchesPerMinute: e.RATE_LIMIT_SEARCHES_PER_MINUTE,
    },
    queuePrefix: e.QUEUE_PREFIX,
    scanTimeoutMs: e.SCAN_TIMEOUT_SECONDS * 1000,
    workerConcurrency: e.WORKER_CONCURRENCY,
    seedDemo: e.SEED_DEMO === 'true',
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 2 ** 20),
    workerLockMs: e.WORKER_LOCK_MS,
    scanDelayMs: e.SAFETY_SCAN_DELAY_MS,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      retryBaseMs: e.MAIL_RETRY_BASE_MS,
      retryMaxMs: Math.max(e.MAIL_RETRY_MAX_MS, e.MAIL_RETRY_BASE_MS),
      resendAfterMs: e.MAIL_RESEND_AFTER_SECONDS * 1000,
      showCommunity: e.MAIL_SHOW_COMMUNITY === 'true',
      concurrency: e.MAIL_CONCURRENCY,
    },
    alertWebhook: e.ALERT_WEBHOOK_URL ? { url: e.ALERT_WEBHOOK_URL, secret: e.ALERT_WEBHOOK_SECRET } : undefined,
    ...(e.SAFETY_MODEL_DIR ? { safetyModelDir: e.SAFETY_MODEL_DIR } : {}),
    passwordHashCost: e.PASSWORD_HASH_COST ?? DEFAULT_HASH_COST,
  })
}

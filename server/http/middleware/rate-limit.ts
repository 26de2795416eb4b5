import type { Request, Response } from 'express'
import { rateLimit, ipKeyGenerator } from 'express-rate-limit'
import type { Redis } from 'ioredis'
import { AppError } from '../../errors.ts'
import type { Config } from '../../config.ts'
import type { Logger } from '../../logger.ts'
import { HOUR_MS } from '../../time.ts'
import { RedisOrMemoryStore } from './rate-limit-store.ts'

/** Where the counts live: in Redis when there is one (shared by every server process), else in memory. */
export interface LimitStores {
  redis: Redis
  prefix: string
  logger: Logger
}

function limiter(stores: LimitStores | undefined, name: string, windowMs: number, limit: number, key: (req: Request) => string, message: string) {
  return rateLimit({
    windowMs,
    limit,
    ...(stores ? { store: new RedisOrMemoryStore(stores.redis, `${stores.prefix}:rl:${name}:`, stores.logger) } : {}),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: key,
    handler: (req: Request, _res: Response, next: (err: unknown) => void) => {
      next(new AppError(429, 'rate_limited', message))
    },
  })
}

const byAddress = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown')
const byMember = (req: Request) => (req.ctx.actor ? `member:${req.ctx.actor.id}` : `ip:${byAddress(req)}`)

export function createRateLimits(config: Config, stores?: LimitStores) {
  const { postsPerMinute, loginsPerMinute, registrationsPerHour } = config.rateLimits
  return {
    login: limiter(stores, 'login', 60_000, loginsPerMinute, byAddress, 'Too many sign-in attempts from this address. Wait a minute and try again.'),
    register: limiter(stores, 'register', HOUR_MS, registrationsPerHour, byAddress, 'Too many new accounts from this address. Try again in an hour.'),
    // Per address: a reset mail goes to the account's owner, but a flood of them is still a flood.
    passwordReset: limiter(
      stores,
      'passwordReset',
      HOUR_MS,
      config.rateLimits.passwordResetsPerHour,
      byAddress,
      'Too many reset requests from this address. Try again in an hour.',
    ),
    // A data export reads every row the member has: a few an hour is plenty for a person.
    dataExport: limiter(stores, 'dataExport', HOUR_MS, 5, byMember, 'You have downloaded your data several times this hour. Try again in an hour.'),
    // Per member (per address for guests): each search ranks up to 500 index entries.
    search: limiter(
      stores,
      'search',
      60_000,
      config.rateLimits.searchesPerMinute,
      byMember,
      'You are searching very quickly. Wait a minute, then search again.',
    ),
    posting: limiter(
      stores,
      'posting',
      60_000,
      postsPerMinute,
      byMember,
      'You are posting very quickly. Wait a minute, then post again: nothing you wrote has been lost.',
    ),
  }
}
export type RateLimits = ReturnType<typeof createRateLimits>

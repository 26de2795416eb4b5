import { MemoryStore, type IncrementResponse, type Options, type Store } from 'express-rate-limit'
import type { Redis } from 'ioredis'
import { RedisStore, type RedisReply } from 'rate-limit-redis'
import type { Logger } from '../../logger.ts'

/**
 * A limiter's counts in Redis, shared by every server process on that Redis, so a limit holds
 * across them (five sign-in attempts a minute means five, not five per process).
 *
 * While Redis cannot answer, the counts fall back to this process's memory, as without Redis:
 * each limit then holds per process (at most N times the limit across N processes) instead of
 * not at all. Neither extreme is safe: failing open would let sign-in guessing through unbounded
 * during an outage, failing closed would lock every member out of signing in, posting and
 * searching because a cache is down. The rest of the server treats a Redis outage the same way
 * (posts are saved and scanned later, never refused). The fallback is logged once per outage.
 */
export class RedisOrMemoryStore implements Store {
  // The memory fallback is local, but the Redis counts are not: express-rate-limit's check that a
  // store is not shared between limiters is for local keys only, and the prefix keeps these apart.
  localKeys = false
  private readonly redis: RedisStore
  private readonly memory = new MemoryStore()
  private options?: Options
  /** The Redis store's scripts are loaded (they are loaded again after an outage). */
  private loaded?: Promise<boolean>
  private degraded = false

  constructor(
    private readonly client: Redis,
    readonly prefix: string,
    private readonly log: Logger,
  ) {
    this.redis = new RedisStore({
      prefix,
      sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as Promise<RedisReply>,
    })
  }

  init(options: Options) {
    this.options = options
    this.memory.init(options)
  }

  async increment(key: string): Promise<IncrementResponse> {
    if (await this.redisReady()) {
      try {
        const counted = await this.redis.increment(key)
        if (this.degraded) {
          this.degraded = false
          this.log.info({ limiter: this.prefix }, 'rate limits are shared through Redis again')
        }
        return counted
      } catch (err) {
        this.fellBack(err)
      }
    }
    return this.memory.increment(key)
  }

  async decrement(key: string) {
    this.memory.decrement(key)
    if (this.client.status === 'ready') await this.redis.decrement(key).catch(() => {})
  }

  async resetKey(key: string) {
    this.memory.resetKey(key)
    if (this.client.status === 'ready') await this.redis.resetKey(key).catch(() => {})
  }

  shutdown() {
    this.memory.shutdown()
  }

  /** Connected, with the scripts loaded (a script load that failed, Redis being away, is tried again). */
  private async redisReady(): Promise<boolean> {
    if (this.client.status !== 'ready' || !this.options) {
      if (this.client.status !== 'ready') this.fellBack(new Error(`Redis is not connected (${this.client.status})`))
      return false
    }
    this.loaded ??= this.redis.init(this.options).then(
      () => true,
      (err: unknown) => {
        this.loaded = undefined
        this.fellBack(err)
        return false
      },
    )
    return this.loaded
  }

  private fellBack(err: unknown) {
    // A new Redis (restarted, failed over) has no scripts: load them again once it answers.
    this.loaded = undefined
    if (this.degraded) return
    this.degraded = true
    this.log.warn(
      { limiter: this.prefix, err: err instanceof Error ? err.message : String(err) },
      'Redis is unreachable: rate limits count per process until it is back',
    )
  }
}

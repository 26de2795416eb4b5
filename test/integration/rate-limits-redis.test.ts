import { Redis } from 'ioredis'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { startTestRuntime } from '../support/app.ts'
import { freePort, TestRedis, uniquePrefix } from '../support/redis.ts'
import { waitFor } from '../support/wait.ts'

// Two server processes' worth of runtimes on one Redis, each with a database file of its own (the
// limits do not touch the database). Addresses come from X-Forwarded-For (TRUST_PROXY), so each
// test signs in from addresses of its own.
const LIMIT = 3
const settings = (redisUrl: string, prefix: string) => ({
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  TRUST_PROXY: 'true',
  RATE_LIMIT_LOGINS_PER_MINUTE: String(LIMIT),
})
const attempt = (rt: Runtime, address: string) =>
  request(rt.app).post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ handle: 'nobody_here', password: 'not the password at all' })

describe('rate limits shared through Redis', { timeout: 60_000 }, () => {
  let redis: TestRedis
  let a: Runtime
  let b: Runtime
  let probe: Redis
  const prefix = uniquePrefix('rl')

  beforeAll(async () => {
    redis = await TestRedis.start()
    a = await startTestRuntime(settings(redis.url, prefix), { relayPollMs: 50 })
    b = await startTestRuntime(settings(redis.url, prefix), { relayPollMs: 50 })
    probe = new Redis(redis.url, { maxRetriesPerRequest: null })
  })
  afterAll(async () => {
    await Promise.allSettled([a?.close(), b?.close()])
    probe?.disconnect()
    await redis?.stop()
  })

  it('sign-in attempts through one process count on the other', async () => {
    const address = '203.0.113.10'
    expect((await attempt(a, address)).status).toBe(401)
    expect((await attempt(a, address)).status).toBe(401)
    expect((await attempt(b, address)).status).toBe(401)
    // The fourth attempt from this address, the first but one through B: refused there.
    const refused = await attempt(b, address)
    expect(refused.status).toBe(429)
    expect(refused.body.error.code).toBe('rate_limited')
    expect((await attempt(a, address)).status).toBe(429)
    // Another address is not held back by this one's attempts.
    expect((await attempt(b, '203.0.113.11')).status).toBe(401)
    expect(await probe.exists(`${prefix}:rl:login:${address}`)).toBe(1)
  })

  it('while Redis is away each process still limits sign-ins (in memory), and shares again once it is back', async () => {
    await redis.stop()
    const address = '203.0.113.20'
    for (let i = 0; i < LIMIT; i++) expect((await attempt(a, address)).status).toBe(401)
    // Not let through, not an error: this process's own count holds.
    expect((await attempt(a, address)).status).toBe(429)

    await redis.start()
    await probe.ping()
    // Back: each process connects again and counts in Redis (its scripts loaded anew).
    let n = 0
    for (const rt of [a, b])
      await waitFor('the limits to count in Redis again', async () => {
        const fresh = `198.51.100.${++n}`
        await attempt(rt, fresh)
        return (await probe.exists(`${prefix}:rl:login:${fresh}`)) === 1
      })
    const shared = '203.0.113.21'
    for (let i = 0; i < LIMIT; i++) expect((await attempt(i % 2 ? a : b, shared)).status).toBe(401)
    expect((await attempt(a, shared)).status).toBe(429)
  })
})

describe('rate limits with Redis unreachable from the start', { timeout: 30_000 }, () => {
  it('sign-ins are answered, and limited per process', async () => {
    const rt = await startTestRuntime(settings(`redis://127.0.0.1:${await freePort()}`, uniquePrefix('rl-down')), { relayPollMs: 50 })
    try {
      for (let i = 0; i < LIMIT; i++) expect((await attempt(rt, '203.0.113.30')).status).toBe(401)
      expect((await attempt(rt, '203.0.113.30')).status).toBe(429)
    } finally {
      await rt.close()
    }
  })
})

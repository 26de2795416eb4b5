import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.ts'

const secret = 'a-production-secret-of-enough-length-0123'

describe('one configuration for server, worker and CLI', () => {
  it('uses the full password cost unless a test lowers it, and refuses a lower one in production', () => {
    expect(loadConfig({}).passwordHashCost).toBe(32768)
    expect(loadConfig({ PASSWORD_HASH_COST: '1024' }).passwordHashCost).toBe(1024)
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, PASSWORD_HASH_COST: '1024' })).toThrow(/PASSWORD_HASH_COST/)
    expect(() => loadConfig({ PASSWORD_HASH_COST: '1000' })).toThrow(/power of two/)
  })

  it('asks each process for what it needs: the worker Redis, the server a session secret in production', () => {
    expect(() => loadConfig({}, 'worker')).toThrow(/REDIS_URL/)
    expect(loadConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379' }, 'worker').redisUrl).toBe('redis://127.0.0.1:6379')
    expect(() => loadConfig({ NODE_ENV: 'production' }, 'server')).toThrow(/SESSION_SECRET/)
    expect(loadConfig({ NODE_ENV: 'production' }, 'cli').env).toBe('production')
  })
})

import { describe, expect, it } from 'vitest'
import { MAX_CONCURRENT_HASHES, hashesRunning, hashPassword, verifyPassword } from '../../server/auth/password.ts'

describe('password hashing', () => {
  it('round-trips, refuses a wrong password, and normalises Unicode', async () => {
    const stored = await hashPassword('correct horse ﬁ battery')
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(await verifyPassword('correct horse ﬁ battery', stored)).toBe(true)
    expect(await verifyPassword('correct horse fi battery', stored)).toBe(true)
    expect(await verifyPassword('correct horse battery', stored)).toBe(false)
  })

  it('runs at most two hashes at once (32 MiB each), and every queued one still completes', async () => {
    let peak = 0
    const timer = setInterval(() => (peak = Math.max(peak, hashesRunning())), 1)
    try {
      const hashes = await Promise.all(Array.from({ length: 6 }, (_, i) => hashPassword(`password number ${i}`)))
      expect(new Set(hashes).size).toBe(6)
      const checks = await Promise.all(hashes.map((h, i) => verifyPassword(`password number ${i}`, h)))
      expect(checks).toEqual([true, true, true, true, true, true])
    } finally {
      clearInterval(timer)
    }
    expect(peak).toBe(MAX_CONCURRENT_HASHES)
    expect(hashesRunning()).toBe(0)
  })
})

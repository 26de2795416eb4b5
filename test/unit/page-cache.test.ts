import { describe, expect, it } from 'vitest'
import { createPageCache } from '../../server/services/page-cache.ts'

describe('the page cache', () => {
  it('serves an entry only at the version it was built at', () => {
    const cache = createPageCache<string>(1000)
    cache.set('t1', '5', 'page at 5', 10)
    expect(cache.get('t1', '5')).toBe('page at 5')
    expect(cache.get('t1', '6')).toBeUndefined()
    // A stale entry is dropped, not kept for a version that may come back.
    expect(cache.get('t1', '5')).toBeUndefined()
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, hits: 1, misses: 2 })
  })

  it('keeps within its byte budget, dropping the least recently used first', () => {
    const cache = createPageCache<number>(100)
    for (let i = 0; i < 5; i++) cache.set(`k${i}`, '1', i, 12)
    expect(cache.get('k0', '1')).toBe(0) // now the most recently used
    for (let i = 5; i < 9; i++) cache.set(`k${i}`, '1', i, 12)
    expect(cache.stats().bytes).toBeLessThanOrEqual(100)
    expect(cache.get('k0', '1')).toBe(0)
    expect(cache.get('k1', '1')).toBeUndefined()
    expect(cache.get('k8', '1')).toBe(8)
  })

  it('does not keep an entry bigger than an eighth of the budget, or anything with a budget of 0', () => {
    const cache = createPageCache<string>(80)
    cache.set('big', '1', 'x', 11)
    expect(cache.get('big', '1')).toBeUndefined()
    const off = createPageCache<string>(0)
    off.set('any', '1', 'x', 1)
    expect(off.get('any', '1')).toBeUndefined()
  })
})

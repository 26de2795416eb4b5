/**
 * Compressed bytes of pages that look the same to many readers: a thread's page of posts, a
 * community's page of threads. An entry is good only while the version stamp it was built at is
 * still the row's (migration 0008: triggers move thread.version and community.version on every
 * write, from any process), so a stale page is never served; the stamp is read with the row the
 * request loads anyway for its permission check. Oldest-used entries go first once the cache holds
 * `maxBytes`. Everything viewer-specific (who is reading, their own posts, held posts, the page
 * header) is decided outside it: see the callers for what makes a page shareable.
 */
export interface PageCache<V> {
  get(key: string, version: string): V | undefined
  set(key: string, version: string, value: V, bytes: number): void
  stats(): { entries: number; bytes: number; hits: number; misses: number }
}

export function createPageCache<V>(maxBytes: number): PageCache<V> {
  const entries = new Map<string, { version: string; value: V; bytes: number }>()
  let total = 0
  let hits = 0
  let misses = 0
  const drop = (key: string) => {
    const e = entries.get(key)
    if (!e) return
    entries.delete(key)
    total -= e.bytes
  }
  return {
    get(key, version) {
      const e = entries.get(key)
      if (!e || e.version !== version) {
        if (e) drop(key)
        misses++
        return undefined
      }
      // Re-insert so the Map's order stays least-recently-used first.
      entries.delete(key)
      entries.set(key, e)
      hits++
      return e.value
    },
    set(key, version, value, bytes) {
      drop(key)
      if (bytes > maxBytes / 8) return
      entries.set(key, { version, value, bytes })
      total += bytes
      while (total > maxBytes) drop(entries.keys().next().value!)
    },
    stats: () => ({ entries: entries.size, bytes: total, hits, misses }),
  }
}

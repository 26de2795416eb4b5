import { describe, expect, it } from 'vitest'
import { buildMember, startTestRuntime, startThread } from '../support/app.ts'
import { freePort } from '../support/redis.ts'

describe('Redis down since start', { timeout: 30_000 }, () => {
  it('posts are saved with their outbox rows waiting, and the server still stops promptly', async () => {
    // Nothing listens on this port: the pipeline's Redis never comes up.
    const rt = await startTestRuntime({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` }, { relayPollMs: 50 })
    let closed = false
    try {
      const m = await buildMember(rt, { join: ['grief'] })
      const { post } = await startThread(m, 'grief', { body: 'Saved while the queue is away.' })
      await new Promise((r) => setTimeout(r, 300))
      const row = await rt.db.selectFrom('outbox').selectAll().where('post_id', '=', post.id).executeTakeFirstOrThrow()
      expect(row.sent_at).toBeNull()
      expect(row.done_at).toBeNull()
      // "Promptly": close() gives up on the absent Redis instead of retrying it for ever. A hang
      // would show as this bound passing; it is far from any normal close, so load cannot trip it.
      const outcome = await Promise.race([rt.close().then(() => 'closed'), new Promise((r) => setTimeout(r, 15_000, 'hung'))])
      closed = outcome === 'closed'
      expect(outcome).toBe('closed')
    } finally {
      if (!closed) await rt.close()
    }
  })
})

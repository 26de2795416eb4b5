import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { SCAN_QUEUE, VERDICT_QUEUE } from '../../workers/jobs.ts'
import { scan } from '../../workers/pipeline/scan.ts'
import { defaultSafetySettings } from '../../workers/pipeline/types.ts'
import { buildMember, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'
import { TestRedis, uniquePrefix } from '../support/redis.ts'
import { CALM_POST, URGENT_POST } from '../support/texts.ts'
import { queuesSettled, waitFor } from '../support/wait.ts'
import { startWorker, stopProcess } from '../support/worker.ts'
import { rowReaders } from '../support/rows.ts'

let redis: TestRedis
let rt: Runtime
let member: Member
let prefix: string
const workers: ReturnType<typeof startWorker>[] = []

const { postRow } = rowReaders(() => rt)
const scanned = (id: number, timeoutMs = 15_000) =>
  waitFor(`post ${id} scanned`, async () => ((await postRow(id)).scan_status === 'scanned' ? true : undefined), timeoutMs)
const appliedCount = async (postId: number) => (await rt.db.selectFrom('applied_verdict').select('revision').where('post_id', '=', postId).execute()).length

const queuesSettledHere = () => queuesSettled(redis.url, prefix, [SCAN_QUEUE, VERDICT_QUEUE])

function worker(extra: Record<string, string> = {}) {
  const w = startWorker({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix, WORKER_LOCK_MS: '1000', ...extra })
  workers.push(w)
  return w
}

beforeAll(async () => {
  redis = await TestRedis.start()
  prefix = uniquePrefix('redis')
  rt = await startTestRuntime({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix, SCAN_TIMEOUT_SECONDS: '600' }, {})
  member = await buildMember(rt, { join: ['recovery'] })
})
afterAll(async () => {
  await Promise.all(workers.map((w) => stopProcess(w, 'SIGKILL')))
  await rt?.close()
  await redis?.stop()
})

describe('pipeline with Redis and worker processes', () => {
  it('scans nothing in the server process: a post waits until a worker is up, then its verdict is applied', async () => {
    expect(rt.pipeline.mode).toBe('redis')
    const { post } = await startThread(member, 'recovery', { title: 'Night', body: URGENT_POST })
    // The scan job reached Redis (the relay marked its outbox row sent), and with no worker it stays there.
    await waitFor('the scan job to reach Redis', async () => {
      const row = await rt.db.selectFrom('outbox').select('sent_at').where('post_id', '=', post.id).executeTakeFirst()
      return row?.sent_at != null
    })
    expect((await postRow(post.id)).scan_status).toBe('pending')
    const w = worker()
    await w.ready
    await scanned(post.id)
    const item = await rt.db.selectFrom('review_item').selectAll().where('post_id', '=', post.id).executeTakeFirstOrThrow()
    expect(item.priority).toBe(600)
    const notes = await member.agent.get('/api/v1/notifications')
    expect(notes.body.notifications.map((n: { kind: string }) => n.kind)).toContain('crisis_resources')
    // The moderator's side of the crisis path, with Redis and a worker: top of the queue, one claim, check-in, resolve, audit.
    const [mod1, mod2] = [await buildMember(rt, { join: ['recovery'] }), await buildMember(rt, { join: ['recovery'] })]
    await rt.db.updateTable('membership').set({ role: 'moderator' }).where('user_id', 'in', [mod1.id, mod2.id]).execute()
    const q = await mod1.agent.get('/api/v1/moderation/queue?community=recovery')
    expect(q.body.items[0]).toMatchObject({ id: item.id, reason: 'urgent_crisis' })
    expect((await mod1.agent.post(`/api/v1/moderation/items/${item.id}/claim`).set('X-CSRF-Token', mod1.csrf)).status).toBe(200)
    expect((await mod2.agent.post(`/api/v1/moderation/items/${item.id}/claim`).set('X-CSRF-Token', mod2.csrf)).status).toBe(409)
    await mod1.agent
      .post(`/api/v1/moderation/items/${item.id}/resolve`)
      .set('X-CSRF-Token', mod1.csrf)
      .send({ action: 'check_in', message: 'We are here. Please call 988.' })
    expect(
      (await mod1.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set('X-CSRF-Token', mod1.csrf).send({ action: 'approve' })).body.resolved,
    ).toBe(true)
    const audit = await mod2.agent.get('/api/v1/moderation/audit?community=recovery')
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['claim', 'check_in', 'approve', 'resolve']))
  })

  it('a worker killed mid-job: the job is taken over, and the verdict applied once', async () => {
    await Promise.all(workers.splice(0).map((w) => stopProcess(w)))
    const slow = worker({ SAFETY_SCAN_DELAY_MS: '5000', WORKER_CONCURRENCY: '1' })
    await slow.ready
    const { post } = await startThread(member, 'recovery', { body: URGENT_POST + ' (second time)' })
    const conn = new Redis(redis.url, { maxRetriesPerRequest: null })
    const scanQueue = new Queue(SCAN_QUEUE, { connection: conn, prefix })
    try {
      await waitFor('the slow worker to hold the job', async () => (await scanQueue.getActiveCount()) === 1)
      await stopProcess(slow, 'SIGKILL')
      const rescuer = worker()
      await rescuer.ready
      await scanned(post.id, 20_000)
      // Whatever the killed worker's job could still do has happened once the queues are empty.
      await queuesSettledHere()
      expect(await appliedCount(post.id)).toBe(1)
      const items = await rt.db.selectFrom('review_item').select('id').where('post_id', '=', post.id).execute()
      expect(items).toHaveLength(1)
      const signals = await rt.db.selectFrom('review_signal').select('kind').where('item_id', '=', items[0].id).where('kind', '=', 'urgent_crisis').execute()
      expect(signals).toHaveLength(1)
    } finally {
      await scanQueue.close()
      await conn.quit()
    }
  })

  it('Redis stopped while members keep posting: every post is saved, and all are scanned once Redis is back', async () => {
    const { thread } = await startThread(member, 'recovery', { body: CALM_POST })
    await redis.stop()
    const ids: number[] = []
    for (let i = 0; i < 5; i++) {
      const res = await reply(member, thread.id, `Checking in from day ${i + 40} of staying sober. Went for a long walk with the dog.`)
      expect(res.status).toBe(201)
      ids.push(res.body.post.id)
    }
    await new Promise((r) => setTimeout(r, 1500))
    for (const id of ids) expect((await postRow(id)).scan_status).toBe('pending')
    await redis.start()
    for (const id of ids) await scanned(id, 30_000)
    for (const id of ids) expect(await appliedCount(id)).toBe(1)
  })

  it('the same verdict delivered twice is applied once', async () => {
    const fresh = await buildMember(rt, { join: ['recovery'] })
    const { post } = await startThread(fresh, 'recovery', { body: CALM_POST })
    await scanned(post.id)
    const conn = new Redis(redis.url, { maxRetriesPerRequest: null })
    const verdictQueue = new Queue(VERDICT_QUEUE, { connection: conn, prefix })
    try {
      const verdict = scan({ text: URGENT_POST, settings: defaultSafetySettings() })
      const dup = { postId: post.id, revision: 1, verdict, enqueuedAt: Date.now(), scannedAt: Date.now() }
      await verdictQueue.add('verdict', dup, { jobId: `dup-a-${post.id}` })
      await verdictQueue.add('verdict', dup, { jobId: `dup-b-${post.id}` })
      await waitFor(
        'both duplicate verdicts processed',
        async () => (await verdictQueue.getCompletedCount()) >= 2 && (await verdictQueue.getWaitingCount()) === 0,
      )
      expect(await appliedCount(post.id)).toBe(1)
      // The first verdict (calm) stands: the duplicates changed nothing.
      const items = await rt.db.selectFrom('review_item').select('id').where('post_id', '=', post.id).execute()
      expect(items).toHaveLength(0)
    } finally {
      await verdictQueue.close()
      await conn.quit()
    }
  })

  it('a worker shuts down gracefully on SIGTERM', async () => {
    const w = worker()
    await w.ready
    const code = await new Promise<number | null>((resolve) => {
      w.once('exit', (c) => resolve(c))
      w.kill('SIGTERM')
    })
    expect(code).toBe(0)
  })
})

import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { transaction } from '../../server/db/connection.ts'
import { mailWritten, queueEmail } from '../../server/mail/outbox.ts'
import type { Runtime } from '../../server/runtime.ts'
import { MAIL_QUEUE, MAIL_RESULT_QUEUE, type MailJob } from '../../workers/mail-jobs.ts'
import { startTestRuntime } from '../support/app.ts'
import { TestRedis, uniquePrefix } from '../support/redis.ts'
import { TestSmtp } from '../support/smtp.ts'
import { queuesSettled, waitFor } from '../support/wait.ts'
import { startWorker, stopProcess } from '../support/worker.ts'

let redis: TestRedis
let smtp: TestSmtp
let rt: Runtime
let prefix: string
const workers: ReturnType<typeof startWorker>[] = []

function worker() {
  const w = startWorker({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix, WORKER_LOCK_MS: '1000', SMTP_URL: smtp.url, LOG_LEVEL: 'info' })
  workers.push(w)
  return w
}

beforeAll(async () => {
  redis = await TestRedis.start()
  smtp = await TestSmtp.start()
  prefix = uniquePrefix('mail')
  rt = await startTestRuntime({
    LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    PUBLIC_URL: 'https://alongside.test',
    MAIL_RETRY_BASE_MS: '100',
    MAIL_RETRY_MAX_MS: '400',
  })
})
afterAll(async () => {
  await Promise.all(workers.map((w) => stopProcess(w, 'SIGKILL')))
  await rt?.close()
  await smtp?.stop()
  await redis?.stop()
})

async function queue(n: number, label: string) {
  const ids = await transaction(rt.db, async (trx) => {
    const out: number[] = []
    for (let i = 0; i < n; i++) {
      out.push(
        (await queueEmail(trx, {
          purpose: 'test',
          dedupeKey: `t:${label}:${i}`,
          userId: null,
          to: `${label}-${i}@example.test`,
          template: { name: 'test', subject: `${label} ${i}`, text: 'x' },
          at: Date.now(),
        }))!,
      )
    }
    return out
  })
  mailWritten(rt.db)
  return ids
}
const rows = (ids: number[]) => rt.db.selectFrom('mail_outbox').selectAll().where('id', 'in', ids).execute()
const allSent = (ids: number[], timeoutMs = 20_000) => waitFor('all marked sent', async () => (await rows(ids)).every((r) => r.sent_at !== null), timeoutMs)

describe('mail with Redis and worker processes', () => {
  it('the server sends nothing itself: mail waits for a worker, which sends it; the server marks it sent', async () => {
    expect(rt.mail.mode).toBe('redis')
    const ids = await queue(2, 'first')
    // The relay hands the mail to Redis; with no worker nothing sends it.
    await waitFor('mail handed to Redis', async () => (await rows(ids)).every((r) => r.dispatched_at !== null))
    expect(smtp.received).toHaveLength(0)
    const dispatched = await rows(ids)
    expect(dispatched.every((r) => r.dispatched_at !== null && r.sent_at === null)).toBe(true)
    const w = worker()
    await w.ready
    await allSent(ids)
    expect(smtp.to('first-0@example.test')).toHaveLength(1)
    expect(smtp.to('first-1@example.test')).toHaveLength(1)
  })

  it('chaos: a worker killed while sending; every message arrives and nothing marked sent is sent twice', async () => {
    const [w1] = workers
    let held = false
    let release!: (v: unknown) => void
    const killed = new Promise((r) => (release = r))
    // The first message of this batch is held in DATA; the worker is killed with it in hand, and the SMTP server refuses it.
    smtp.onData = async (raw) => {
      if (!held && raw.includes('chaos-')) {
        held = true
        await killed
        throw new Error('sender went away')
      }
    }
    const ids = await queue(8, 'chaos')
    await waitFor('a message held in DATA', () => held)
    await stopProcess(w1!, 'SIGKILL')
    release(undefined)
    smtp.onData = undefined
    const w2 = worker()
    await w2.ready
    // The job the dead worker held is found stalled (lock 1 s) and sent by the new one.
    await allSent(ids, 30_000)
    await queuesSettled(redis.url, prefix, [MAIL_QUEUE, MAIL_RESULT_QUEUE])
    // The worker may also die with another message between the SMTP server's "250" and its sent
    // mark (a busy machine makes that likely): that one is sent again with the same Message-ID,
    // and its row counts the in-doubt send. Every other message arrives exactly once.
    for (const r of await rows(ids)) {
      const copies = smtp.to(r.to_address!)
      expect(copies.length).toBeGreaterThanOrEqual(1)
      expect(copies.length).toBeLessThanOrEqual(1 + r.in_doubt_sends)
      expect(new Set(copies.map((m) => m.messageId)).size).toBe(1)
    }
  })

  it('a job handed over again after it was sent (a lost result) reports without sending', async () => {
    const [id] = await queue(1, 'again')
    await allSent([id!])
    const before = smtp.to('again-0@example.test').length
    expect(before).toBe(1)
    const conn = new Redis(redis.url, { maxRetriesPerRequest: null })
    const q = new Queue(MAIL_QUEUE, { connection: conn, prefix })
    const job: MailJob = {
      kind: 'email',
      rowId: id!,
      purpose: 'test',
      messageId: '<again@alongside.test>',
      from: 'a@alongside.test',
      to: 'again-0@example.test',
      subject: 'again',
      text: 'x',
      headers: {},
      retry: { baseMs: 100, maxMs: 400 },
    }
    const added = await q.add('email', job, { jobId: `mail-${id}-replay` })
    await waitFor('replayed job done', async () => (await added.getState()) === 'completed' || (await q.getJob(added.id!)) === undefined, 10_000)
    await queuesSettled(redis.url, prefix, [MAIL_QUEUE, MAIL_RESULT_QUEUE])
    expect(smtp.to('again-0@example.test')).toHaveLength(before)
    await q.close()
    await conn.quit()
  })
})

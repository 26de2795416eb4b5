import { Queue, type Job } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { transaction } from '../../server/db/connection.ts'
import { mailWritten, queueEmail } from '../../server/mail/outbox.ts'
import { MailRelay } from '../../server/mail/relay.ts'
import type { Runtime } from '../../server/runtime.ts'
import { createMailProcessor } from '../../workers/mail.processor.ts'
import { MAIL_RESULT_QUEUE, mailResultJobId, type MailJob, type MailResult } from '../../workers/mail-jobs.ts'
import { createClaims } from '../../workers/mail/claims.ts'
import { createDeliverer } from '../../workers/mail/deliver.ts'
import { startTestRuntime } from '../support/app.ts'
import { TestRedis, uniquePrefix } from '../support/redis.ts'
import { TestSmtp } from '../support/smtp.ts'
import { waitFor } from '../support/wait.ts'

// The double-send window (issue #18): a send is claimed with an attempt id before the SMTP server
// is called, so two senders never send one row at once; what stays open (a sender that dies after
// the server's "250" and before its mark) is sent again with the same Message-ID and counted.

let smtp: TestSmtp
let redis: TestRedis
let rt: Runtime

beforeAll(async () => {
  smtp = await TestSmtp.start()
  redis = await TestRedis.start()
  rt = await startTestRuntime({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://alongside.test', MAIL_RETRY_BASE_MS: '100', MAIL_RETRY_MAX_MS: '400' })
})
afterAll(async () => {
  await rt?.close()
  await smtp?.stop()
  await redis?.stop()
})

/** Holds the next message for `address` in DATA until released (then accepts it). */
function holdNext(address: string) {
  let held = false
  let release!: () => void
  const released = new Promise<void>((r) => (release = r))
  smtp.onData = async (raw) => {
    if (!held && raw.includes(address)) {
      held = true
      await released
    }
  }
  return {
    whenHeld: () => waitFor(`a message to ${address} held in DATA`, () => held),
    release() {
      smtp.onData = undefined
      release()
    },
  }
}

async function queueOne(label: string) {
  const id = await transaction(rt.db, (trx) =>
    queueEmail(trx, {
      purpose: 'test',
      dedupeKey: `claims:${label}`,
      userId: null,
      to: `${label}@example.test`,
      template: { name: 'test', subject: label, text: 'x' },
      at: Date.now(),
    }),
  )
  mailWritten(rt.db)
  return id!
}
const row = (id: number) => rt.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('in process: the send is claimed in the outbox row', () => {
  it('two relays on one database (a second server during a restart) send a message once', async () => {
    const deliverer = createDeliverer({ smtpUrl: smtp.url, logger: { info() {} } })
    const second = new MailRelay(rt.db, rt.logger, rt.config, { pollMs: 60_000, batchSize: 50, concurrency: 4, deliverer })
    second.start()
    try {
      const hold = holdNext('two-relays@example.test')
      const id = await queueOne('two-relays')
      await hold.whenHeld()
      // Both relays look again while one of them is in the middle of the send: whichever is free
      // finishes a whole pass (listing due mail) while the other still waits in DATA.
      rt.mail.relay.wake()
      second.wake()
      await Promise.race([rt.mail.relay.idle(), second.idle()])
      hold.release()
      await waitFor('marked sent', async () => (await row(id)).sent_at)
      await Promise.all([rt.mail.relay.idle(), second.idle()])
      expect(smtp.to('two-relays@example.test')).toHaveLength(1)
      const r = await row(id)
      expect(r.send_attempt).toMatch(/^relay-[0-9a-f]{8}-\d+-1$/)
      expect(r.in_doubt_sends).toBe(0)
    } finally {
      await second.stop()
      deliverer.close()
    }
  })

  it('what remains: a row whose sender died mid-send is sent again after the lease, with the same Message-ID, and counted as in doubt', async () => {
    // As a server killed after the SMTP server's "250" leaves it: claimed, not marked sent, lease over.
    const id = await transaction(rt.db, async (trx) => {
      const id = await queueEmail(trx, {
        purpose: 'test',
        dedupeKey: 'claims:died',
        userId: null,
        to: 'died@example.test',
        template: { name: 'test', subject: 'died', text: 'x' },
        at: Date.now(),
      })
      await trx
        .updateTable('mail_outbox')
        .set({ send_attempt: 'relay-deadbeef-1-1', next_attempt_at: Date.now() - 1 })
        .where('id', '=', id!)
        .execute()
      return id!
    })
    mailWritten(rt.db)
    const got = await smtp.waitFor('resent', (m) => m.to.includes('died@example.test'))
    const r = await waitFor('marked sent', async () => ((await row(id)).sent_at ? row(id) : undefined))
    expect(r.in_doubt_sends).toBe(1)
    expect(got.messageId).toBe(`<mail-${id}.${r.created_at}@alongside.test>`)
  })
})

describe('with Redis: workers claim the row before sending', () => {
  let conn: Redis
  let results: Queue<MailResult>
  let prefix: string
  beforeAll(async () => {
    prefix = uniquePrefix('claims')
    conn = new Redis(redis.url, { maxRetriesPerRequest: null })
    results = new Queue(MAIL_RESULT_QUEUE, { connection: conn, prefix })
  })
  afterAll(async () => {
    await results?.close()
    await conn?.quit()
  })

  const job = (rowId: number, to: string): Job<unknown> =>
    ({
      id: `mail-${rowId}`,
      data: {
        kind: 'email',
        rowId,
        purpose: 'test',
        messageId: `<claims-${rowId}@alongside.test>`,
        from: 'a@alongside.test',
        to,
        subject: 'claims',
        text: 'x',
        headers: {},
        retry: { baseMs: 100, maxMs: 400 },
      } satisfies MailJob,
    }) as Job<unknown>

  it('a second run of a job while the first still sends (a stalled job retaken) sends nothing; a later run reports without sending', async () => {
    const deliverer = createDeliverer({ smtpUrl: smtp.url, logger: { info() {} } })
    const processA = createMailProcessor({ deliverer, results, redis: conn, prefix })
    const processB = createMailProcessor({ deliverer, results, redis: conn, prefix })
    const hold = holdNext('stalled@example.test')
    const first = processA(job(900_001, 'stalled@example.test'))
    await hold.whenHeld()
    await expect(processB(job(900_001, 'stalled@example.test'))).rejects.toThrow(/being sent by another attempt/)
    hold.release()
    expect(await first).toEqual({ sent: true, inDoubt: false })
    expect(await processB(job(900_001, 'stalled@example.test'))).toEqual({ sent: false, inDoubt: false })
    expect(smtp.to('stalled@example.test')).toHaveLength(1)
    deliverer.close()
  })

  it('what remains: a worker that died holding the claim; the rerun sends again after the lease, same Message-ID, reported as in doubt', async () => {
    const deliverer = createDeliverer({ smtpUrl: smtp.url, logger: { info() {} } })
    const leaseMs = 300
    // The dead worker's claim, never settled (its process is gone, so nothing renews it).
    const dead = await createClaims(conn, prefix, leaseMs).claim(900_002)
    expect(dead.state).toBe('claimed')
    const rerun = createMailProcessor({ deliverer, results, redis: conn, prefix, leaseMs })
    const outcome = await waitFor('the lease to run out', () => rerun(job(900_002, 'dead@example.test')).catch(() => undefined), 5_000)
    expect(outcome).toEqual({ sent: true, inDoubt: true })
    const [got] = smtp.to('dead@example.test')
    expect(got!.messageId).toBe('<claims-900002@alongside.test>')
    const result = await results.getJob(mailResultJobId(900_002))
    expect(result!.data).toMatchObject({ rowId: 900_002, inDoubt: true })
    deliverer.close()
  })
})

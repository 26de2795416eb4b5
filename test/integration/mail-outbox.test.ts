import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { transaction } from '../../server/db/connection.ts'
import { mailWritten, queueAlertHook, queueEmail } from '../../server/mail/outbox.ts'
import type { Runtime } from '../../server/runtime.ts'
import { startTestRuntime } from '../support/app.ts'
import { TestSmtp } from '../support/smtp.ts'
import { waitFor, mailSettled } from '../support/wait.ts'

let smtp: TestSmtp
let rt: Runtime
let hook: http.Server
const calls: { body: string; signature: string | undefined; event: string | undefined }[] = []
let failNext = 0
const SECRET = 'hook-secret-for-the-test-0123456789'

beforeAll(async () => {
  smtp = await TestSmtp.start()
  hook = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (failNext > 0) {
        failNext--
        res.writeHead(503).end()
        return
      }
      calls.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: req.headers['x-alongside-signature'] as string | undefined,
        event: req.headers['x-alongside-event'] as string | undefined,
      })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()))
  rt = await startTestRuntime(
    {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Alongside <alerts@alongside.test>',
      PUBLIC_URL: 'https://alongside.test',
      // A short retry schedule so that an outage test need not wait a minute (the default starts at 5 s).
      MAIL_RETRY_BASE_MS: '100',
      MAIL_RETRY_MAX_MS: '400',
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
      ALERT_WEBHOOK_SECRET: SECRET,
    },
    { mailPollMs: 60_000 },
  )
})
afterAll(async () => {
  await rt?.close()
  await smtp?.stop()
  await new Promise((r) => hook?.close(r))
})

async function queue(n: number, label: string) {
  const ids = await transaction(rt.db, async (trx) => {
    const out: number[] = []
    for (let i = 0; i < n; i++) {
      const id = await queueEmail(trx, {
        purpose: 'test',
        dedupeKey: `test:${label}:${i}`,
        userId: null,
        to: `${label}-${i}@example.test`,
        template: { name: 'test', subject: `Test ${label} ${i}`, text: 'A link: https://alongside.test/x' },
        at: Date.now(),
      })
      out.push(id!)
    }
    return out
  })
  mailWritten(rt.db)
  return ids
}

const row = (id: number) => rt.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('mail outbox (in process, real SMTP server)', () => {
  it('sends a queued message at once after commit, marks it sent and forgets its body', async () => {
    const [id] = await queue(1, 'once')
    // The relay polls once a minute here, so a message that arrives (within the wait's 10 s) was
    // sent on the commit's wake-up, not found by a poll. No stopwatch: timed asserts flake on 2 busy cores.
    const got = await smtp.waitFor('message', (m) => m.to.includes('once-0@example.test'))
    expect(got.subject).toBe('Test once 0')
    expect(got.messageId).toMatch(/^<mail-\d+\.\d+@alongside\.test>$/)
    const r = await waitFor('marked sent', async () => ((await row(id!)).sent_at ? row(id!) : undefined))
    expect(r.payload).toBeNull()
    expect(r.attempts).toBe(0)
  })

  it('a second message with the same dedupe key is not written', async () => {
    const again = await transaction(rt.db, (trx) =>
      queueEmail(trx, {
        purpose: 'test',
        dedupeKey: 'test:once:0',
        userId: null,
        to: 'once-0@example.test',
        template: { name: 'test', subject: 'x', text: 'y' },
        at: Date.now(),
      }),
    )
    expect(again).toBeUndefined()
  })

  it('while the SMTP server is down, mail waits and retries; when it is back every message arrives exactly once', async () => {
    await smtp.stop()
    const ids = await queue(6, 'outage')
    // Several failed attempts while it is down (the schedule: 100, 200, 400, 400 ms…).
    await waitFor('retries while down', async () => (await row(ids[0]!)).attempts >= 3, 10_000)
    for (const id of ids) expect((await row(id)).sent_at).toBeNull()
    await smtp.start()
    await waitFor('all sent', async () => (await Promise.all(ids.map(row))).every((r) => r.sent_at !== null), 10_000)
    await mailSettled(rt)
    for (let i = 0; i < ids.length; i++) expect(smtp.to(`outage-${i}@example.test`)).toHaveLength(1)
  })
})

describe('alert hook', () => {
  it('POSTs the JSON payload signed with HMAC-SHA256 of the body, and retries a failing hook', async () => {
    failNext = 2
    await transaction(rt.db, (trx) =>
      queueAlertHook(trx, { event: 'urgent_item', itemId: 4242, community: 'grief', level: 'urgent', ageSeconds: 3 }, Date.now()),
    )
    mailWritten(rt.db)
    const call = await waitFor('hook call', () => calls.find((c) => JSON.parse(c.body).itemId === 4242), 10_000)
    expect(failNext).toBe(0)
    const expected = `sha256=${crypto.createHmac('sha256', SECRET).update(call.body).digest('hex')}`
    expect(call.signature).toBe(expected)
    expect(call.event).toBe('urgent_item')
    const body = JSON.parse(call.body)
    expect(body).toMatchObject({
      event: 'urgent_item',
      itemId: 4242,
      community: 'grief',
      level: 'urgent',
      ageSeconds: 3,
      url: 'https://alongside.test/mod/items/4242',
    })
    expect(Object.keys(body).sort()).toEqual(['ageSeconds', 'community', 'event', 'itemId', 'level', 'sentAt', 'url'])
    const r = await rt.db.selectFrom('mail_outbox').selectAll().where('dedupe_key', '=', 'hook:urgent_item:4242').executeTakeFirstOrThrow()
    await waitFor(
      'hook marked sent',
      async () => (await rt.db.selectFrom('mail_outbox').select('sent_at').where('id', '=', r.id).executeTakeFirstOrThrow()).sent_at,
    )
    expect(calls.filter((c) => JSON.parse(c.body).itemId === 4242)).toHaveLength(1)
  })
})

describe('API document', () => {
  it('documents the mail endpoints and the alert hook payload', async () => {
    const request = (await import('supertest')).default
    const doc = (await request(rt.app).get('/api/v1/openapi.json')).body
    for (const p of ['/auth/password-reset', '/auth/password-reset/confirm', '/me/duty', '/me/email-preferences', '/moderation/items/{id}/alerts'])
      expect(doc.paths[p]).toBeDefined()
    const schema = doc.webhooks.urgentItem.post.requestBody.content['application/json'].schema
    expect(schema.required).toEqual(['event', 'itemId', 'community', 'level', 'ageSeconds', 'url', 'sentAt'])
  })
})

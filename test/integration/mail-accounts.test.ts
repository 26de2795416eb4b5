import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader, startTestRuntime, uniqueHandle } from '../support/app.ts'
import { TestSmtp, type Received } from '../support/smtp.ts'
import { waitFor, mailSettled } from '../support/wait.ts'

let smtp: TestSmtp
let rt: Runtime
const PASSWORD = 'a long enough password'

const tokenIn = (m: Received, path: string) => new RegExp(`https://alongside\\.test${path}([A-Za-z0-9_-]+)`).exec(m.text)?.[1]

async function registerWithEmail(email: string) {
  const agent = request.agent(rt.app)
  const handle = uniqueHandle('mail')
  const res = await agent.post('/api/v1/auth/register').send({ handle, password: PASSWORD, email })
  expect(res.status).toBe(201)
  return { agent, handle, csrf: res.body.csrfToken as string, id: res.body.user.id as number }
}

beforeAll(async () => {
  smtp = await TestSmtp.start()
  rt = await startTestRuntime({
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://alongside.test',
    MAIL_RETRY_BASE_MS: '100',
    MAIL_RETRY_MAX_MS: '400',
    RATE_LIMIT_PASSWORD_RESETS_PER_HOUR: '1000',
  })
})
afterAll(async () => {
  await rt?.close()
  await smtp?.stop()
})

describe('password reset by e-mail', () => {
  it('end to end through the inbox: one link, 30 minutes, single use, every session ended', async () => {
    const m = await registerWithEmail('reset-me@example.test')
    const other = request.agent(rt.app)
    expect((await other.post('/api/v1/auth/login').send({ handle: m.handle, password: PASSWORD })).status).toBe(200)

    const res = await request(rt.app).post('/api/v1/auth/password-reset').send({ email: 'Reset-Me@example.test' })
    expect(res.status).toBe(202)
    const mail = await smtp.waitFor('reset mail', (x) => x.to.includes('reset-me@example.test') && x.subject.includes('Reset'))
    expect(mail.text).not.toContain(m.handle)
    const token = tokenIn(mail, '/reset/')!
    expect(token).toBeTruthy()
    // Stored hashed: the database holds no copy of the token (and the outbox row forgot the mail once sent).
    const tokens = await rt.db.selectFrom('user_token').select('token_hash').where('user_id', '=', m.id).execute()
    expect(tokens.map((t) => t.token_hash)).not.toContain(token)
    const outbox = await rt.db
      .selectFrom('mail_outbox')
      .select(['payload', 'sent_at'])
      .where('purpose', '=', 'password_reset')
      .where('user_id', '=', m.id)
      .executeTakeFirstOrThrow()
    await waitFor(
      'reset row sent',
      async () =>
        (await rt.db.selectFrom('mail_outbox').select('sent_at').where('purpose', '=', 'password_reset').where('user_id', '=', m.id).executeTakeFirstOrThrow())
          .sent_at,
    )
    expect(outbox).toBeDefined()
    expect(
      (await rt.db.selectFrom('mail_outbox').select('payload').where('purpose', '=', 'password_reset').where('user_id', '=', m.id).executeTakeFirstOrThrow())
        .payload,
    ).toBeNull()

    // The page works with JavaScript off: a plain form.
    const page = await request(rt.app).get(`/reset/${token}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('<form method="post" action="/reset/')

    const ok = await request(rt.app).post('/api/v1/auth/password-reset/confirm').send({ token, password: 'a brand new password' })
    expect(ok.status).toBe(204)
    // Every session ended; the old password no longer works, the new one does.
    expect((await m.agent.get('/api/v1/me')).status).toBe(401)
    expect((await other.get('/api/v1/me')).status).toBe(401)
    expect((await request(rt.app).post('/api/v1/auth/login').send({ handle: m.handle, password: PASSWORD })).status).toBe(401)
    expect((await request(rt.app).post('/api/v1/auth/login').send({ handle: m.handle, password: 'a brand new password' })).status).toBe(200)
    // Single use.
    const again = await request(rt.app).post('/api/v1/auth/password-reset/confirm').send({ token, password: 'yet another password' })
    expect(again.status).toBe(400)
    expect(again.body.error.code).toBe('invalid_token')
  })

  it('gives the same answer for an unknown address, and sends nothing', async () => {
    const before = smtp.received.length
    const known = await registerWithEmail('known@example.test')
    const a = await request(rt.app).post('/api/v1/auth/password-reset').send({ email: 'known@example.test' })
    const b = await request(rt.app).post('/api/v1/auth/password-reset').send({ email: 'nobody-has-this@example.test' })
    expect(a.status).toBe(202)
    expect(b.status).toBe(202)
    expect(b.body).toEqual(a.body)
    await smtp.waitFor('reset for the known address', (x) => x.to.includes('known@example.test') && x.subject.includes('Reset'))
    await mailSettled(rt)
    expect(smtp.received.slice(before).filter((x) => x.to.includes('nobody-has-this@example.test'))).toHaveLength(0)
    expect(known.id).toBeGreaterThan(0)
  })

  it('a link older than 30 minutes does not work', async () => {
    const m = await registerWithEmail('late@example.test')
    await request(rt.app).post('/api/v1/auth/password-reset').send({ email: 'late@example.test' })
    const mail = await smtp.waitFor('reset', (x) => x.to.includes('late@example.test') && x.subject.includes('Reset'))
    const token = tokenIn(mail, '/reset/')!
    await rt.db
      .updateTable('user_token')
      .set({ expires_at: Date.now() - 1 })
      .where('user_id', '=', m.id)
      .execute()
    const res = await request(rt.app).post('/api/v1/auth/password-reset/confirm').send({ token, password: 'a brand new password' })
    expect(res.status).toBe(400)
    expect((await request(rt.app).get(`/reset/${token}`)).status).toBe(400)
  })

  it('is rate limited per address', async () => {
    const strict = await startTestRuntime({ RATE_LIMIT_PASSWORD_RESETS_PER_HOUR: '2' })
    try {
      const codes = []
      for (let i = 0; i < 3; i++) codes.push((await request(strict.app).post('/api/v1/auth/password-reset').send({ email: 'x@example.test' })).status)
      expect(codes).toEqual([202, 202, 429])
    } finally {
      await strict.close()
    }
  })
})

describe('e-mail verification, address change and password change', () => {
  it('registration with an address mails a confirmation link; asking again retires the first link', async () => {
    const m = await registerWithEmail('confirm@example.test')
    expect((await m.agent.get('/api/v1/me/email')).body).toMatchObject({ email: 'confirm@example.test', verified: false })
    const confirmations = () => smtp.to('confirm@example.test').filter((x) => x.subject.startsWith('Confirm'))
    await waitFor('confirmation on registering', () => confirmations().length === 1)
    const first = tokenIn(confirmations()[0]!, '/verify-email/')!
    expect((await m.agent.post('/api/v1/me/email/verification').set('X-CSRF-Token', m.csrf)).status).toBe(202)
    await waitFor('second confirmation', () => confirmations().length === 2)
    expect((await request(rt.app).post('/api/v1/auth/verify-email').send({ token: first })).status).toBe(400)
    const token = tokenIn(confirmations()[1]!, '/verify-email/')!
    // The web page asks for a press of a button (a mail scanner opening the link uses nothing up).
    const page = await request(rt.app).get(`/verify-email/${token}`)
    expect(page.status).toBe(200)
    expect((await m.agent.get('/api/v1/me/email')).body.verified).toBe(false)
    expect((await m.agent.post('/api/v1/auth/verify-email').set('X-CSRF-Token', m.csrf).send({ token })).status).toBe(200)
    expect((await m.agent.get('/api/v1/me/email')).body.verified).toBe(true)
  })

  it('changes the address once confirmed from the new one, and tells the old one', async () => {
    const m = await registerWithEmail('old@example.test')
    const wrong = await m.agent.put('/api/v1/me/email').set('X-CSRF-Token', m.csrf).send({ email: 'new@example.test', currentPassword: 'not my password' })
    expect(wrong.status).toBe(400)
    const res = await m.agent.put('/api/v1/me/email').set('X-CSRF-Token', m.csrf).send({ email: 'new@example.test', currentPassword: PASSWORD })
    expect(res.status).toBe(202)
    expect((await m.agent.get('/api/v1/me/email')).body.email).toBe('old@example.test')
    // The account's address was never confirmed: the change still goes through the new address.
    const mail = await smtp.waitFor('confirmation to the new address', (x) => x.to.includes('new@example.test'))
    const token = tokenIn(mail, '/verify-email/')!
    expect((await request(rt.app).post('/api/v1/auth/verify-email').send({ token })).status).toBe(200)
    expect((await m.agent.get('/api/v1/me/email')).body).toMatchObject({ email: 'new@example.test', verified: true })
    const notice = await smtp.waitFor('notice to the old address', (x) => x.to.includes('old@example.test') && x.subject.includes('changed'))
    expect(notice.text).not.toContain('new@example.test')
  })

  it('changes the password with the current one, ending the other sessions only', async () => {
    const m = await buildMember(rt)
    const other = request.agent(rt.app)
    await other.post('/api/v1/auth/login').send({ handle: m.handle, password: m.password })
    const bad = await m.agent
      .post('/api/v1/me/password')
      .set(csrfHeader(m))
      .send({ currentPassword: 'wrong password here', newPassword: 'another long password' })
    expect(bad.status).toBe(400)
    const ok = await m.agent.post('/api/v1/me/password').set(csrfHeader(m)).send({ currentPassword: m.password, newPassword: 'another long password' })
    expect(ok.status).toBe(200)
    expect(ok.body.endedSessions).toBe(1)
    expect((await m.agent.get('/api/v1/me')).status).toBe(200)
    expect((await other.get('/api/v1/me')).status).toBe(401)
  })
})

describe("members' mail", () => {
  async function confirmed(email: string) {
    const m = await registerWithEmail(email)
    const mail = await smtp.waitFor(`confirmation to ${email}`, (x) => x.to.includes(email) && x.subject.startsWith('Confirm'))
    expect(
      (
        await request(rt.app)
          .post('/api/v1/auth/verify-email')
          .send({ token: tokenIn(mail, '/verify-email/') })
      ).status,
    ).toBe(200)
    return m
  }

  it('is off by default; once opted in, a reply is mailed with a link only and a one-click unsubscribe that works signed out', async () => {
    const author = await confirmed('author@example.test')
    const member = { agent: author.agent, csrf: author.csrf }
    expect((await author.agent.get('/api/v1/me/email-preferences')).body.preferences).toMatchObject({ replies: false, checkIns: false, digest: 'off' })
    const c = await author.agent.get('/api/v1/communities/grief')
    await author.agent
      .post('/api/v1/communities/grief/membership')
      .set('X-CSRF-Token', author.csrf)
      .send({ acceptedGuidelinesVersion: c.body.community.guidelines.version })
    const thread = await author.agent
      .post('/api/v1/communities/grief/threads')
      .set('X-CSRF-Token', author.csrf)
      .send({ title: 'My private title', body: 'Words about my mother.' })
    expect(thread.status).toBe(201)
    const replier = await buildMember(rt, { join: ['grief'] })
    await replier.agent.post(`/api/v1/threads/${thread.body.thread.id}/posts`).set(csrfHeader(replier)).send({ body: 'First reply, before opting in.' })
    await mailSettled(rt)
    expect(smtp.to('author@example.test').filter((x) => x.subject.includes('reply'))).toHaveLength(0)

    const put = await member.agent.put('/api/v1/me/email-preferences').set('X-CSRF-Token', member.csrf).send({ replies: true, checkIns: true, digest: 'off' })
    expect(put.status).toBe(200)
    const second = await replier.agent
      .post(`/api/v1/threads/${thread.body.thread.id}/posts`)
      .set(csrfHeader(replier))
      .send({ body: 'A kind second reply with private words.' })
    const mail = await smtp.waitFor('reply mail', (x) => x.to.includes('author@example.test') && x.subject === 'You have a new reply on Alongside')
    expect(mail.text).toContain(`https://alongside.test/t/${thread.body.thread.id}/p/${second.body.post.id}`)
    for (const secret of ['private words', 'My private title', replier.handle, 'rief']) expect(mail.raw).not.toContain(secret)
    expect(TestSmtp.header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    const url = new URL(TestSmtp.header(mail, 'List-Unsubscribe')!.replace(/^<|>$/g, ''))
    const unsub = await request(rt.app).post(url.pathname).type('form').send('List-Unsubscribe=One-Click')
    expect(unsub.status).toBe(200)
    expect((await author.agent.get('/api/v1/me/email-preferences')).body.preferences).toMatchObject({ replies: false, checkIns: true })
  })

  it('quiet hours hold a mail until they end', async () => {
    const m = await confirmed('quiet@example.test')
    const now = new Date()
    const hh = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
    const start = hh(new Date(now.getTime() - 60 * 60_000))
    const end = hh(new Date(now.getTime() + 60 * 60_000))
    const res = await m.agent
      .put('/api/v1/me/email-preferences')
      .set('X-CSRF-Token', m.csrf)
      .send({ replies: true, checkIns: true, digest: 'off', quietHours: { start, end, timeZone: 'UTC' } })
    expect(res.status).toBe(200)
    const { transaction } = await import('../../server/db/connection.ts')
    const { queueMemberMail } = await import('../../server/mail/member-mail.ts')
    await transaction(rt.db, (trx) => queueMemberMail(trx, [m.id], { topic: 'check_ins', checkInId: 999_999 }, Date.now()))
    const row = await rt.db.selectFrom('mail_outbox').selectAll().where('dedupe_key', '=', `check-in:999999:${m.id}`).executeTakeFirstOrThrow()
    expect(row.next_attempt_at).toBeGreaterThan(Date.now() + 55 * 60_000)
    expect(row.sent_at).toBeNull()
  })
})

describe('digest', () => {
  it('goes once per period to a member who chose it, when they have unread notifications', async () => {
    const m = await registerWithEmail('digest@example.test')
    const mail = await smtp.waitFor('confirmation', (x) => x.to.includes('digest@example.test') && x.subject.startsWith('Confirm'))
    await request(rt.app)
      .post('/api/v1/auth/verify-email')
      .send({ token: tokenIn(mail, '/verify-email/') })
    await m.agent.put('/api/v1/me/email-preferences').set('X-CSRF-Token', m.csrf).send({ replies: true, checkIns: false, digest: 'daily' })
    expect(await rt.services.accountMail.sendDigests()).toBe(0)
    await rt.db.insertInto('notification').values({ user_id: m.id, kind: 'reply_to_thread', data: '{}', created_at: Date.now(), read_at: null }).execute()
    expect(await rt.services.accountMail.sendDigests()).toBe(1)
    expect(await rt.services.accountMail.sendDigests()).toBe(0)
    const digest = await smtp.waitFor('digest', (x) => x.to.includes('digest@example.test') && x.subject === 'Your daily Alongside summary')
    expect(digest.text).toContain('https://alongside.test/notifications')
    expect(TestSmtp.header(digest, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
  })
})

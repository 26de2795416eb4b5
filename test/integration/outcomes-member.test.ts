import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import type { Runtime } from '../../server/runtime.ts'
import { DAY_MS } from '../../server/time.ts'
import { buildMember, startTestRuntime, startThread } from '../support/app.ts'
import { pageAgent, postForm } from '../support/pages.ts'
import { TestSmtp } from '../support/smtp.ts'

let rt: Runtime
let smtp: TestSmtp
const clock = new ManualClock(Date.parse('2026-11-02T09:00:00Z'))

/** Answers that score WHO-5 raw `w` spread over the five items, loneliness 3 x `l`, hope `h`. */
const answers = (w: number[], l: number, h: number) => ({
  ...Object.fromEntries(w.map((v, i) => [`who5_${i + 1}`, String(v)])),
  lonely_1: String(l),
  lonely_2: String(l),
  lonely_3: String(l),
  hope: String(h),
})

beforeAll(async () => {
  smtp = await TestSmtp.start()
  rt = await startTestRuntime({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://alongside.test' }, { clock, mailPollMs: 50 })
})
afterAll(async () => {
  await rt?.close()
  await smtp?.stop()
})

async function enrolled(opts: { post?: boolean; email?: string } = {}) {
  const m = await buildMember(rt, { join: ['grief'] })
  if (opts.post) await startThread(m, 'grief', { title: 'Hello from me', body: 'Just saying hello to everyone here.' })
  if (opts.email) await rt.db.updateTable('user').set({ email: opts.email, email_verified_at: clock.now() }).where('id', '=', m.id).execute()
  const agent = await pageAgent(rt, m)
  const res = await postForm(agent, '/me/check-ins', '/me/check-ins/enrol', {
    community: 'grief',
    interval: '14',
    consent: 'yes',
    ...(opts.email ? { email: 'on' } : {}),
  })
  expect(res.status).toBe(303)
  return { m, agent }
}

describe("a member's own check-ins", () => {
  it('are off until the member agrees to the consent text, then due at once with a banner on every page', async () => {
    const m = await buildMember(rt, { join: ['grief'] })
    const agent = await pageAgent(rt, m)
    const page = await agent.get('/me/check-ins')
    expect(page.text).toContain('Moderators, community leads and site admins cannot see them')
    expect(page.text).toContain('at least 10 members')
    expect((await agent.get('/')).text).not.toContain('Your check-in is ready')

    const refused = await postForm(agent, '/me/check-ins', '/me/check-ins/enrol', { community: 'grief', interval: '28' })
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('Agreement must be ticked')
    expect(await rt.db.selectFrom('outcome_enrolment').select('user_id').where('user_id', '=', m.id).executeTakeFirst()).toBeUndefined()

    expect((await postForm(agent, '/me/check-ins', '/me/check-ins/enrol', { community: 'grief', interval: '28', consent: 'yes' })).status).toBe(303)
    expect((await agent.get('/')).text).toContain('Your check-in is ready')
  })

  it('refuses a check-in with a question unanswered, keeping the answers given', async () => {
    const { agent } = await enrolled()
    const a: Record<string, string> = answers([3, 3, 3, 3, 3], 2, 6)
    delete a.hope
    const res = await postForm(agent, '/me/check-ins/new', '/me/check-ins', a)
    expect(res.status).toBe(400)
    expect(res.text).toContain('How hopeful do you feel about your future? needs an answer')
    expect(res.text).toMatch(/id="who5_1-3" name="who5_1" value="3" checked/)
  })

  it('shows a low score with kind words and the crisis lines, as an SVG chart and a table, and alerts nobody', async () => {
    const { m, agent } = await enrolled({ post: true })
    const before = await rt.db.selectFrom('review_item').select('id').execute()
    const notes = await rt.db.selectFrom('notification').select('id').execute()
    const res = await postForm(agent, '/me/check-ins/new', '/me/check-ins', answers([1, 1, 1, 1, 1], 3, 1))
    expect(res.status).toBe(303)
    const page = await agent.get('/me/check-ins')
    expect(page.text).toContain('Thank you for being honest')
    expect(page.text).toContain('Crisis Text Line')
    expect(page.text).toMatch(/<svg[^>]*role="img"/)
    expect(page.text).toContain('<title id="chart-wellbeing-t">')
    expect(page.text).toMatch(/<td>20<\/td><td>9<\/td><td>1<\/td>/)
    // Stored as scores only, and nothing reached anyone.
    const row = await rt.db.selectFrom('outcome_check_in').selectAll().where('user_id', '=', m.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ wellbeing: 5, loneliness: 9, hope: 1 })
    expect(await rt.db.selectFrom('review_item').select('id').execute()).toHaveLength(before.length)
    expect(await rt.db.selectFrom('notification').select('id').execute()).toHaveLength(notes.length)
    // Answered: the banner has gone until the next one is due.
    expect((await agent.get('/')).text).not.toContain('Your check-in is ready')
  })

  it('a good score shows no crisis words', async () => {
    const { agent } = await enrolled()
    await postForm(agent, '/me/check-ins/new', '/me/check-ins', answers([5, 4, 4, 4, 5], 1, 8))
    const page = await agent.get('/me/check-ins')
    expect(page.text).not.toContain('Thank you for being honest')
    expect(page.text).toMatch(/<td>88<\/td><td>3<\/td><td>8<\/td>/)
  })

  it('"ask a moderator to check in with me" opens a review item on their own post that carries no score', async () => {
    const { m, agent } = await enrolled({ post: true })
    const res = await postForm(agent, '/me/check-ins/new', '/me/check-ins', { ...answers([2, 2, 2, 2, 2], 2, 4), askModerator: 'yes' })
    expect(res.status).toBe(303)
    const item = await rt.db
      .selectFrom('review_item')
      .innerJoin('post', 'post.id', 'review_item.post_id')
      .select(['review_item.id', 'review_item.reason'])
      .where('post.author_id', '=', m.id)
      .executeTakeFirstOrThrow()
    expect(item.reason).toBe('check_in_requested')
    const signals = await rt.db.selectFrom('review_signal').select(['reason', 'evidence']).where('item_id', '=', item.id).execute()
    expect(JSON.stringify(signals)).not.toMatch(/40|wellbeing|lonel|hope/i)

    const { m: quiet, agent: quietAgent } = await enrolled()
    const noPost = await postForm(quietAgent, '/me/check-ins/new', '/me/check-ins', { ...answers([2, 2, 2, 2, 2], 2, 4), askModerator: 'yes' })
    expect(noPost.status).toBe(303)
    expect((await quietAgent.get('/me/check-ins')).text).toContain('you have none in this community yet')
    expect(await rt.db.selectFrom('outcome_check_in').select('id').where('user_id', '=', quiet.id).execute()).toHaveLength(1)
  })

  it('can be skipped, paused, deleted one by one, and withdrawn, which deletes every answer', async () => {
    const { m, agent } = await enrolled()
    expect((await postForm(agent, '/me/check-ins', '/me/check-ins/skip', {})).status).toBe(303)
    expect((await agent.get('/')).text).not.toContain('Your check-in is ready')
    clock.advance(15 * DAY_MS)
    expect((await agent.get('/')).text).toContain('Your check-in is ready')
    await postForm(agent, '/me/check-ins', '/me/check-ins/pause', {})
    expect((await agent.get('/')).text).not.toContain('Your check-in is ready')
    await postForm(agent, '/me/check-ins', '/me/check-ins/resume', {})

    await postForm(agent, '/me/check-ins/new', '/me/check-ins', answers([3, 3, 3, 3, 3], 2, 5))
    clock.advance(DAY_MS)
    await postForm(agent, '/me/check-ins/new', '/me/check-ins', answers([4, 3, 3, 3, 3], 2, 6))
    const mine = await rt.db.selectFrom('outcome_check_in').select('id').where('user_id', '=', m.id).orderBy('id').execute()
    expect(mine).toHaveLength(2)
    expect((await postForm(agent, '/me/check-ins', `/me/check-ins/${mine[0]!.id}/delete`, {})).status).toBe(303)
    expect(await rt.db.selectFrom('outcome_check_in').select('id').where('user_id', '=', m.id).execute()).toEqual([mine[1]])

    // Another member cannot delete it.
    const { agent: other } = await enrolled()
    expect((await postForm(other, '/me/check-ins', `/me/check-ins/${mine[1]!.id}/delete`, {})).status).toBe(404)

    const unconfirmed = await postForm(agent, '/me/check-ins', '/me/check-ins/withdraw', {})
    expect(unconfirmed.status).toBe(400)
    expect(await rt.db.selectFrom('outcome_check_in').select('id').where('user_id', '=', m.id).execute()).toHaveLength(1)
    expect((await postForm(agent, '/me/check-ins', '/me/check-ins/withdraw', { confirm: 'yes' })).status).toBe(303)
    expect(await rt.db.selectFrom('outcome_check_in').select('id').where('user_id', '=', m.id).execute()).toHaveLength(0)
    expect(await rt.db.selectFrom('outcome_enrolment').select('user_id').where('user_id', '=', m.id).execute()).toHaveLength(0)
  })

  it('reminds by e-mail only members who asked for it, once per due date, with a link and no score', async () => {
    const { m } = await enrolled({ email: 'checks@example.test' })
    await enrolled() // no mail asked for
    const queued = await rt.services.outcomes.sendReminders()
    expect(queued).toBe(1)
    expect(await rt.services.outcomes.sendReminders()).toBe(0)
    const mail = await smtp.waitFor('reminder', (x) => x.to.includes('checks@example.test'))
    expect(mail.subject).toContain('check-in')
    expect(mail.text).toContain('https://alongside.test/me/check-ins')
    expect(mail.text).not.toContain(m.handle)
  })
})

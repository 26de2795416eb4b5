import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, queueItemFor, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { CALM_POST, SPAM_POST, URGENT_POST } from '../support/texts.ts'

// What reaches a member in crisis and what their answers reach: found by review, each once a gap.

let rt: Runtime
let clock: ManualClock
let admin: Member

const notes = async (m: Member) => (await m.agent.get('/api/v1/notifications')).body.notifications as { kind: string; data: Record<string, unknown> }[]
const formPost = (m: Member, url: string, fields: Record<string, string>) =>
  m.agent
    .post(url)
    .type('form')
    .send({ _csrf: m.csrf, ...fields })

beforeAll(async () => {
  clock = new ManualClock(Date.now())
  rt = await startTestRuntime({}, { clock })
  admin = await buildMember(rt)
  await rt.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', admin.id).execute()
})
afterAll(async () => {
  await rt.close()
})

/** A member's urgent thread in `slug`, scanned, with its open item and a check-in sent by `from`. */
async function checkedIn(slug: string, from: Member) {
  const writer = await buildMember(rt, { join: [slug] })
  const { post } = await startThread(writer, slug, { title: 'Tonight', body: URGENT_POST })
  await waitScanned(rt, post.id)
  const item = await queueItemFor(from, post.id, slug)
  expect(
    (await from.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(from)).send({ action: 'check_in', message: 'Are you safe right now?' }))
      .status,
  ).toBe(200)
  const checkIn = (await rt.db.selectFrom('check_in_message').select('id').where('item_id', '=', item.id).executeTakeFirstOrThrow()).id
  return { writer, post, item, checkIn }
}

describe('answers to check-ins', () => {
  it('reach the admin who checked in, in a community with no moderators yet', async () => {
    const { writer, item, checkIn } = await checkedIn('caregiving', admin)
    expect((await formPost(writer, `/check-ins/${checkIn}`, { body: 'Not great, honestly.' })).status).toBe(303)
    const got = (await notes(admin)).filter((n) => n.kind === 'moderator_message' && n.data.kind === 'check_in_reply')
    expect(got.map((n) => n.data.reviewItemId)).toContain(item.id)
  })

  it('an answer after the item was closed opens it again at concern level', async () => {
    const mod = await buildMember(rt, { join: ['disability'] })
    await grantRole(rt, mod, 'disability', 'moderator')
    const { writer, item, checkIn } = await checkedIn('disability', mod)
    expect((await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod)).send({ action: 'approve' })).status).toBe(200)
    expect(await queueItemFor(mod, item.post.id, 'disability')).toBeUndefined()
    expect((await formPost(writer, `/check-ins/${checkIn}`, { body: 'Actually I am not OK.' })).status).toBe(303)
    const back = await queueItemFor(mod, item.post.id, 'disability')
    expect(back).toMatchObject({ id: item.id, priority: 600 })
    expect(back.signals.map((s: { kind: string }) => s.kind)).toContain('check_in_reply')
    expect((await notes(mod)).some((n) => n.data.kind === 'check_in_reply' && n.data.reviewItemId === item.id)).toBe(true)
  })
})

describe('answers to check-ins, continued', () => {
  const moderatorOf = async (slug: string) => {
    const mod = await buildMember(rt, { join: [slug] })
    await grantRole(rt, mod, slug, 'moderator')
    return mod
  }

  it('an urgent item opened again by an answer counts as urgent from then, and can be escalated again', async () => {
    const mod = await moderatorOf('recovery')
    const { writer, item, checkIn } = await checkedIn('recovery', mod)
    clock.advance(11 * 60_000)
    await rt.services.moderation.escalateOverdue()
    expect((await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod)).send({ action: 'approve' })).status).toBe(200)
    clock.advance(3 * 3_600_000)
    await formPost(writer, `/check-ins/${checkIn}`, { body: 'It is worse again tonight.' })
    const row = () => rt.db.selectFrom('review_item').select(['status', 'urgent_at', 'escalated_at']).where('id', '=', item.id).executeTakeFirstOrThrow()
    expect(await row()).toMatchObject({ status: 'open', urgent_at: clock.now(), escalated_at: null })
    await rt.services.moderation.escalateOverdue()
    expect((await row()).escalated_at).toBeNull()
    clock.advance(11 * 60_000)
    await rt.services.moderation.escalateOverdue()
    expect((await row()).escalated_at).not.toBeNull()
  })

  it('an answer joins the item open since, where moderators see the whole conversation, and so does the member', async () => {
    const mod = await moderatorOf('grief')
    const { writer, post, item, checkIn } = await checkedIn('grief', mod)
    expect((await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod)).send({ action: 'approve' })).status).toBe(200)
    const reporter = await buildMember(rt, { join: ['grief'] })
    await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'worried' })
    const open = await queueItemFor(mod, post.id)
    expect(open.id).not.toBe(item.id)
    await formPost(writer, `/check-ins/${checkIn}`, { body: 'Thank you for asking, I am not OK.' })
    const got = (await notes(mod)).find((n) => n.data.kind === 'check_in_reply' && n.data.reviewItemId === open.id)
    expect(got).toBeDefined()
    const conv = (await mod.agent.get(`/api/v1/moderation/items/${open.id}`)).body.conversation.map((c: { body: string }) => c.body)
    expect(conv).toEqual(['Are you safe right now?', 'Thank you for asking, I am not OK.'])
    expect((await writer.agent.get(`/check-ins/${checkIn}`)).text).toContain('Thank you for asking, I am not OK.')
  })

  it('an answer on an open item moves its version: a decision made before it is refused', async () => {
    const mod = await moderatorOf('disability')
    const { writer, item, checkIn } = await checkedIn('disability', mod)
    const seen = (await mod.agent.get(`/api/v1/moderation/items/${item.id}`)).body.item.version
    await formPost(writer, `/check-ins/${checkIn}`, { body: 'No, not really.' })
    const res = await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod)).send({ action: 'approve', version: seen })
    expect(res.status).toBe(409)
  })
})

describe('the crisis lines waiting after a crisis verdict', () => {
  it('are not used up by a page that fails or by a HEAD request; the next real page shows them once', async () => {
    const writer = await buildMember(rt, { join: ['grief'] })
    const { post } = await startThread(writer, 'grief', { title: 'Late', body: URGENT_POST + ' Late.' })
    await waitScanned(rt, post.id)
    expect((await writer.agent.get('/check-ins/999999')).status).toBe(404)
    expect((await writer.agent.get(`/t/999999/p/${post.id}/report`)).status).toBe(404)
    expect((await writer.agent.head('/')).status).toBe(200)
    expect((await writer.agent.get('/api/v1/me')).body.crisisSupport).not.toBeNull()
    const page = await writer.agent.get('/')
    expect(page.text).toContain('116 123')
    expect((await writer.agent.get('/api/v1/me')).body.crisisSupport).toBeNull()
    expect((await writer.agent.get('/')).text).not.toContain('carry this alone')
  })
})

describe('reply notifications', () => {
  it("do not carry a withheld thread's title to anyone but its author", async () => {
    const mod = await buildMember(rt, { join: ['recovery'] })
    await grantRole(rt, mod, 'recovery', 'moderator')
    const author = await buildMember(rt, { join: ['recovery'] })
    const other = await buildMember(rt, { join: ['recovery'] })
    const { thread, post } = await startThread(author, 'recovery', { title: 'SECRET TITLE 555', body: CALM_POST + ' Secret.' })
    const r = await reply(other, thread.id, 'Thinking of you.')
    await waitScanned(rt, post.id)
    const reporter = await buildMember(rt, { join: ['recovery'] })
    await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'other', note: 'name in title' })
    const item = await queueItemFor(mod, post.id, 'recovery')
    expect((await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod)).send({ action: 'hide' })).status).toBe(200)
    expect((await reply(author, thread.id, 'Answering you.', { replyToId: r.body.post.id })).status).toBe(201)
    expect(JSON.stringify(await notes(other))).not.toContain('SECRET TITLE 555')
  })

  it('a reply a verdict held after it was posted is not notified twice when approved', async () => {
    const mod = await buildMember(rt, { join: ['grief'] })
    await grantRole(rt, mod, 'grief', 'moderator')
    const owner = await buildMember(rt, { join: ['grief'] })
    const { thread } = await startThread(owner, 'grief', { title: 'Spam target', body: CALM_POST + ' Target.' })
    const spammer = await buildMember(rt, { join: ['grief'] })
    const res = await reply(spammer, thread.id, SPAM_POST)
    expect((await waitScanned(rt, res.body.post.id)).status).toBe('held')
    const count = async () => (await notes(owner)).filter((n) => n.kind === 'reply_to_thread' && n.data.postId === res.body.post.id).length
    expect(await count()).toBe(1)
    const item = await queueItemFor(mod, res.body.post.id)
    expect((await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod)).send({ action: 'approve' })).status).toBe(200)
    expect(await count()).toBe(1)
  })

  it('a reply held for review tells the people it answers once a moderator approves it', async () => {
    const mod = await buildMember(rt, { join: ['grief'] })
    await grantRole(rt, mod, 'grief', 'moderator')
    const owner = await buildMember(rt, { join: ['grief'] })
    const { thread } = await startThread(owner, 'grief', { title: 'Held reply', body: CALM_POST + ' Held.' })
    await rt.db
      .updateTable('community')
      .set((eb) => ({ settings: eb.fn('json_patch', [eb.ref('settings'), eb.val(JSON.stringify({ newMemberHoldPosts: 1 }))]) }))
      .where('slug', '=', 'grief')
      .execute()
    try {
      const newcomer = await buildMember(rt, { join: ['grief'] })
      const held = await reply(newcomer, thread.id, 'Hello, I am new and this helped.')
      expect(held.body.post.status).toBe('held')
      const replies = async () => (await notes(owner)).filter((n) => n.kind === 'reply_to_thread' && n.data.postId === held.body.post.id)
      expect(await replies()).toHaveLength(0)
      const item = await queueItemFor(mod, held.body.post.id)
      expect((await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod)).send({ action: 'approve' })).status).toBe(200)
      expect(await replies()).toHaveLength(1)
    } finally {
      await rt.db
        .updateTable('community')
        .set((eb) => ({ settings: eb.fn('json_patch', [eb.ref('settings'), eb.val(JSON.stringify({ newMemberHoldPosts: 0 }))]) }))
        .where('slug', '=', 'grief')
        .execute()
    }
  })
})

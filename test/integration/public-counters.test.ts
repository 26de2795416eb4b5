// Issue 16, item 7: public counters and a thread's place in the list count only what readers
// can see. A held post (spam, a new member's first posts) must not show in a reply count, a
// community's thread count, or move its thread up the list: each tells readers it was written.
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader, grantRole, queueItemFor, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { SPAM_POST } from '../support/texts.ts'

let rt: Runtime
let clock: ManualClock
let regular: Member
let moderator: Member
let lead: Member

const threadJson = async (id: number) => (await request(rt.app).get(`/api/v1/threads/${id}`)).body.thread
const community = async (slug = 'caregiving') => (await request(rt.app).get(`/api/v1/communities/${slug}`)).body.community
const listedIds = async (slug = 'caregiving') =>
  ((await request(rt.app).get(`/api/v1/communities/${slug}/threads`)).body.threads as { id: number }[]).map((t) => t.id)
const tick = () => clock.advance(60_000)

async function approve(postId: number) {
  const item = await queueItemFor(moderator, postId, 'caregiving')
  expect(item, `queue item for post ${postId}`).toBeDefined()
  const res = await moderator.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrfHeader(moderator)).send({ action: 'approve' })
  expect(res.status).toBe(200)
}

beforeAll(async () => {
  clock = new ManualClock(Date.parse('2026-03-01T12:00:00Z'))
  rt = await startTestRuntime({}, { clock })
  regular = await buildMember(rt, { join: ['caregiving'] })
  moderator = await buildMember(rt, { join: ['caregiving'] })
  lead = await buildMember(rt, { join: ['caregiving'] })
  await grantRole(rt, moderator, 'caregiving', 'moderator')
  await grantRole(rt, lead, 'caregiving', 'lead')
  // Everyone above has posted before the hold is switched on; a newcomer's first post is held.
  for (const m of [regular, moderator, lead]) await startThread(m, 'caregiving', { title: 'Hello', body: 'Hello all.' })
  tick()
  const res = await lead.agent.patch('/api/v1/communities/caregiving/settings').set(csrfHeader(lead)).send({ newMemberHoldPosts: 1 })
  expect(res.status).toBe(200)
})
afterAll(async () => {
  await rt.close()
})

describe('counters and activity count only what readers can see', () => {
  it('a reply held when written neither counts nor moves its thread up; approved, it does', async () => {
    const older = await startThread(regular, 'caregiving', { title: 'Older thread', body: 'Older.' })
    tick()
    const newer = await startThread(regular, 'caregiving', { title: 'Newer thread', body: 'Newer.' })
    tick()
    const before = await threadJson(older.thread.id)
    const newcomer = await buildMember(rt, { join: ['caregiving'] })
    const held = await reply(newcomer, older.thread.id, 'My first words here.')
    expect(held.status).toBe(201)
    expect(held.body.post.status).toBe('held')

    const after = await threadJson(older.thread.id)
    expect(after.replyCount).toBe(0)
    expect(after.lastActivityAt).toBe(before.lastActivityAt)
    const ids = await listedIds()
    expect(ids.indexOf(newer.thread.id)).toBeLessThan(ids.indexOf(older.thread.id))

    await approve(held.body.post.id)
    const approved = await threadJson(older.thread.id)
    expect(approved.replyCount).toBe(1)
    expect(approved.lastActivityAt).toBe(held.body.post.createdAt)
    const nowIds = await listedIds()
    expect(nowIds.indexOf(older.thread.id)).toBeLessThan(nowIds.indexOf(newer.thread.id))
  })

  it("a thread held when written is not in its community's count until approved", async () => {
    const count = (await community()).threadCount
    const newcomer = await buildMember(rt, { join: ['caregiving'] })
    const res = await newcomer.agent
      .post('/api/v1/communities/caregiving/threads')
      .set(csrfHeader(newcomer))
      .send({ title: 'My first thread', body: 'Hello from a newcomer.' })
    expect(res.status).toBe(201)
    expect(res.body.thread.status).toBe('held')
    expect((await community()).threadCount).toBe(count)
    await approve(res.body.post.id)
    expect((await community()).threadCount).toBe(count + 1)
  })

  it('a reply the pipeline holds after it was shown stops counting, and no longer dates the thread', async () => {
    const t = await startThread(regular, 'caregiving', { title: 'Spam lands here', body: 'An ordinary start.' })
    const start = await threadJson(t.thread.id)
    tick()
    const spam = await reply(regular, t.thread.id, SPAM_POST)
    expect(spam.status).toBe(201)
    const scanned = await waitScanned(rt, spam.body.post.id)
    expect(scanned.status).toBe('held')
    const after = await threadJson(t.thread.id)
    expect(after.replyCount).toBe(0)
    expect(after.lastActivityAt).toBe(start.lastActivityAt)
  })

  it("a hidden thread leaves its community's count", async () => {
    const t = await startThread(regular, 'caregiving', { title: 'To be hidden', body: 'Words.' })
    const count = (await community()).threadCount
    const reporter = await buildMember(rt, { join: ['caregiving'] })
    expect((await reporter.agent.post(`/api/v1/posts/${t.post.id}/reports`).set(csrfHeader(reporter)).send({ reason: 'spam' })).status).toBe(201)
    const item = await queueItemFor(moderator, t.post.id, 'caregiving')
    expect((await moderator.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrfHeader(moderator)).send({ action: 'hide' })).status).toBe(200)
    expect((await community()).threadCount).toBe(count - 1)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { URGENT_POST } from '../support/texts.ts'
import { rowReaders } from '../support/rows.ts'

// A lead's "block" wording refuses a post before it is saved. Someone writing in crisis must not
// be turned away by it: refused, their words would never reach a moderator.

let rt: Runtime
let lead: Member
let writer: Member

const { postRow, openItem } = rowReaders(() => rt)

beforeAll(async () => {
  rt = await startTestRuntime()
  lead = await buildMember(rt, { join: ['recovery'] })
  await grantRole(rt, lead, 'recovery', 'lead')
  writer = await buildMember(rt, { join: ['recovery'] })
  const res = await lead.agent
    .post('/api/v1/communities/recovery/watched-words')
    .set(csrf(lead))
    .send({ phrase: 'pills', action: 'block', message: 'Please do not name medication sources here.' })
  expect(res.status).toBe(201)
})
afterAll(async () => {
  await rt.close()
})

describe('blocked wording written in crisis', () => {
  it('an ordinary post with the wording is still refused, and nothing is saved', async () => {
    const { thread } = await startThread(writer, 'recovery', { title: 'Weekend', body: 'Quiet weekend so far.' })
    const before = await rt.db
      .selectFrom('post')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const res = await reply(writer, thread.id, 'Anyone know where to get cheap pills around here?')
    expect(res.status).toBe(422)
    expect(res.body.error.message).toBe('Please do not name medication sources here.')
    expect(
      (
        await rt.db
          .selectFrom('post')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(before.n)
  })

  it('a crisis reply with the wording is saved held, reaches the top of the queue, and its author gets the crisis lines', async () => {
    const { thread } = await startThread(writer, 'recovery', { title: 'Evening', body: 'Long day today.' })
    const res = await reply(writer, thread.id, URGENT_POST)
    expect(res.status).toBe(201)
    const postId = res.body.post.id
    const row = await waitScanned(rt, postId)
    expect(row.status).toBe('held')
    const item = await openItem(postId)
    expect(item).toMatchObject({ priority: 600, reason: 'urgent_crisis' })
    const signals = await rt.db.selectFrom('review_signal').select(['kind', 'reason']).where('item_id', '=', item!.id).execute()
    expect(signals.map((s) => s.kind)).toContain('blocked_wording_in_crisis')
    expect(signals.find((s) => s.kind === 'blocked_wording_in_crisis')!.reason).toMatch(/"pills"/)
    const prompt = await rt.db.selectFrom('crisis_prompt').selectAll().where('user_id', '=', writer.id).executeTakeFirst()
    expect(prompt?.post_id).toBe(postId)
    // Held: other members do not see the blocked wording.
    const reader = await buildMember(rt, { join: ['recovery'] })
    const page = await reader.agent.get(`/api/v1/threads/${thread.id}`)
    expect(page.body.posts.map((p: { id: number }) => p.id)).not.toContain(postId)
  })

  it('an edit of a first post is read with its title: crisis in the title, wording in the body, saved held', async () => {
    const { post } = await startThread(writer, 'recovery', { title: "Tonight I'm going to take all of them. Goodbye", body: 'Thank you all.' })
    await waitScanned(rt, post.id)
    const res = await writer.agent.patch(`/api/v1/posts/${post.id}`).set(csrf(writer)).send({ body: 'Thanks all, the pills came today.' })
    expect(res.status).toBe(200)
    expect((await postRow(post.id)).status).toBe('held')
  })

  it('an edit into crisis words with the wording is saved and the post waits, held, for a moderator', async () => {
    const { thread } = await startThread(writer, 'recovery', { title: 'Check-in', body: 'Checking in, all fine.' })
    const first = await reply(writer, thread.id, 'Day 12 and holding on.')
    const postId = first.body.post.id
    await waitScanned(rt, postId)
    const res = await writer.agent.patch(`/api/v1/posts/${postId}`).set(csrf(writer)).send({ body: URGENT_POST })
    expect(res.status).toBe(200)
    expect(await postRow(postId)).toMatchObject({ status: 'held', body: URGENT_POST, revision: 2 })
    await waitScanned(rt, postId, { revision: 2 })
    expect(await openItem(postId)).toMatchObject({ priority: 600 })
  })
})

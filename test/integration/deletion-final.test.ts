// Issue 16, item 4: deletion is final for public view. No moderator action (approve, hide then
// approve, an item reopened by a check-in answer) brings back a post its author deleted, nor its
// thread's title, nor its author's handle; the queue says the author deleted it.
import request from 'supertest'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'

let rt: Runtime
let author: Member
let moderator: Member
let reporter: Member

const resolve = (itemId: number, body: Record<string, unknown>) =>
  moderator.agent.post(`/api/v1/moderation/items/${itemId}/resolve`).set(csrf(moderator)).send(body)
const itemOf = async (postId: number) => await rt.db.selectFrom('review_item').select(['id', 'status']).where('post_id', '=', postId).executeTakeFirstOrThrow()

/** Everything a signed-out reader can see of a thread, as JSON and as pages. */
async function publicView(threadId: number) {
  const json = await request(rt.app).get(`/api/v1/threads/${threadId}`)
  const list = await request(rt.app).get('/api/v1/communities/grief/threads?limit=100')
  const page = await request(rt.app).get(`/t/${threadId}`)
  const listPage = await request(rt.app).get('/c/grief')
  return { json, list, text: `${page.text}\n${listPage.text}\n${JSON.stringify(list.body)}\n${JSON.stringify(json.body)}` }
}

beforeAll(async () => {
  rt = await startTestRuntime()
  author = await buildMember(rt, { join: ['grief'] })
  moderator = await buildMember(rt, { join: ['grief'] })
  reporter = await buildMember(rt, { join: ['grief'] })
  await grantRole(rt, moderator, 'grief', 'moderator')
})
afterAll(async () => {
  await rt.close()
})

describe('deletion is final for public view', () => {
  it('reported, deleted, checked in, hidden, answered (item reopens), approved: the thread stays deleted', async () => {
    const title = 'A title I regret writing'
    const { thread, post } = await startThread(author, 'grief', { title, body: 'Words I took back.' })
    expect((await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'worried' })).status).toBe(201)
    expect((await author.agent.delete(`/api/v1/posts/${post.id}`).set(csrf(author))).status).toBe(204)

    const item = await itemOf(post.id)
    // The queue, the item and its page say the author deleted it.
    const queued = (await moderator.agent.get('/api/v1/moderation/queue?community=grief&limit=100')).body.items.find((i: { id: number }) => i.id === item.id)
    expect(queued.post).toMatchObject({ status: 'deleted', deletedByAuthor: true })
    expect((await moderator.agent.get(`/api/v1/moderation/items/${item.id}`)).body.item.postDeletedByAuthor).toBe(true)
    expect((await moderator.agent.get(`/mod/items/${item.id}`)).text).toContain('The author deleted this post.')
    expect((await moderator.agent.get('/mod/queue')).text).toContain('The author deleted this post.')
    expect((await resolve(item.id, { action: 'check_in', message: 'Are you OK?' })).status).toBe(200)
    expect((await resolve(item.id, { action: 'hide' })).status).toBe(200)
    const checkIn = (await rt.db.selectFrom('check_in_message').select('id').where('item_id', '=', item.id).executeTakeFirstOrThrow()).id
    expect((await author.agent.post(`/api/v1/check-ins/${checkIn}/replies`).set(csrf(author)).send({ body: 'I am fine, I deleted it.' })).status).toBe(201)
    const reopened = await itemOf(post.id)
    expect(reopened.status).toBe('open')
    expect((await resolve(reopened.id, { action: 'approve' })).status).toBe(200)

    // The log tells what happened: nothing changed for readers.
    const entries = await rt.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after', 'reason'])
      .where('target_type', '=', 'post')
      .where('target_id', '=', post.id)
      .orderBy('id')
      .execute()
    expect(entries.map((e) => e.action)).toEqual(['hide', 'approve'])
    for (const e of entries) {
      expect(JSON.parse(e.after!)).toEqual({ status: 'deleted' })
      expect(e.reason).toMatch(/author had deleted/)
    }
    // The author, who took it down themselves, is not told a moderator hid it.
    const notes = (await author.agent.get('/api/v1/notifications')).body.notifications as { data: { message?: string } }[]
    expect(notes.some((n) => /hid your post/.test(n.data.message ?? ''))).toBe(false)

    const seen = await publicView(thread.id)
    expect(seen.json.status).toBe(200)
    expect(seen.json.body.thread).toMatchObject({ title: '[deleted]', author: null, status: 'deleted' })
    expect(seen.json.body.posts[0]).toMatchObject({ id: post.id, status: 'deleted', author: null, body: '' })
    expect(seen.text).not.toContain(title)
    expect(seen.text).not.toContain('Words I took back.')
    expect(seen.text).not.toContain(author.handle)
  })

  it('a deleted reply stays deleted through hide and approve', async () => {
    const { thread } = await startThread(reporter, 'grief', { title: "Someone else's thread", body: 'Hello.' })
    const r = await reply(author, thread.id, 'A reply I deleted.')
    const replyId = r.body.post.id as number
    expect((await reporter.agent.post(`/api/v1/posts/${replyId}/reports`).set(csrf(reporter)).send({ reason: 'spam' })).status).toBe(201)
    expect((await author.agent.delete(`/api/v1/posts/${replyId}`).set(csrf(author))).status).toBe(204)
    for (const action of ['hide', 'approve'] as const) {
      const item = await itemOf(replyId)
      if (item.status !== 'open') await rt.db.updateTable('review_item').set({ status: 'open' }).where('id', '=', item.id).execute()
      expect((await resolve(item.id, { action })).status).toBe(200)
      const seen = await publicView(thread.id)
      const shown = seen.json.body.posts.find((p: { id: number }) => p.id === replyId)
      expect(shown, action).toMatchObject({ status: 'deleted', author: null, body: '' })
      expect(seen.text, action).not.toContain('A reply I deleted.')
    }
  })

  it('holds for any writer: the database keeps a deleted post and thread deleted', async () => {
    const { thread, post } = await startThread(author, 'grief', { title: 'Gone for good', body: 'x' })
    expect((await author.agent.delete(`/api/v1/posts/${post.id}`).set(csrf(author))).status).toBe(204)
    await sql`update post set status = 'visible' where id = ${post.id}`.execute(rt.db)
    await sql`update thread set status = 'visible' where id = ${thread.id}`.execute(rt.db)
    expect((await rt.db.selectFrom('post').select('status').where('id', '=', post.id).executeTakeFirstOrThrow()).status).toBe('deleted')
    expect((await rt.db.selectFrom('thread').select('status').where('id', '=', thread.id).executeTakeFirstOrThrow()).status).toBe('deleted')
  })
})

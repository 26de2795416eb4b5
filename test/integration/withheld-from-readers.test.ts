// Issue 16, item 7: what readers must not learn. A hidden post shows readers neither its author
// nor its warnings; and "no such post" and "not yours to see" get the same 404.
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, queueItemFor, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'

let rt: Runtime
let author: Member
let reader: Member
let moderator: Member
let insider: Member

const UNKNOWN = 99_999_999

beforeAll(async () => {
  rt = await startTestRuntime()
  author = await buildMember(rt, { join: ['grief', 'recovery'] })
  reader = await buildMember(rt, { join: ['grief'] })
  moderator = await buildMember(rt, { join: ['grief'] })
  insider = await buildMember(rt, { join: ['recovery'] })
  await grantRole(rt, moderator, 'grief', 'moderator')
})
afterAll(async () => {
  await rt.close()
})

describe('a hidden post shows readers neither its author nor its warnings', () => {
  it('signed out and other members see a place-holder; its author and the moderators see it all', async () => {
    const { thread } = await startThread(reader, 'grief', { title: 'An open thread', body: 'Hello.' })
    const r = await reply(author, thread.id, 'A reply with a warning.', { contentWarnings: ['self_harm'] })
    const postId = r.body.post.id as number
    expect((await reader.agent.post(`/api/v1/posts/${postId}/reports`).set(csrf(reader)).send({ reason: 'spam' })).status).toBe(201)
    const item = await queueItemFor(moderator, postId)
    expect((await moderator.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(moderator)).send({ action: 'hide' })).status).toBe(200)

    for (const [who, agent] of [
      ['guest', request.agent(rt.app)],
      ['another member', reader.agent],
    ] as const) {
      const json = await agent.get(`/api/v1/threads/${thread.id}`)
      const shown = json.body.posts.find((p: { id: number }) => p.id === postId)
      expect(shown, who).toMatchObject({ status: 'hidden', author: null, body: '', html: '', contentWarnings: [] })
      const page = await agent.get(`/t/${thread.id}`)
      expect(page.status, who).toBe(200)
      expect(page.text, who).toContain('A moderator has hidden this post.')
      expect(page.text, who).not.toContain(author.handle)
      // (The reply form lists every warning category: what matters is none is said of a post.)
      expect(page.text, who).not.toMatch(/Content warning[^<]*self-harm|A post with a content warning/)
    }
    for (const [who, m] of [
      ['author', author],
      ['moderator', moderator],
    ] as const) {
      const json = await m.agent.get(`/api/v1/threads/${thread.id}`)
      const shown = json.body.posts.find((p: { id: number }) => p.id === postId)
      expect(shown, who).toMatchObject({ author: { handle: author.handle }, body: 'A reply with a warning.', contentWarnings: ['self_harm'] })
    }
  })
})

describe('the same 404 for "no such post" and "not yours to see"', () => {
  let secretThread: number
  let secretPost: number

  beforeAll(async () => {
    await rt.db.updateTable('community').set({ visibility: 'members' }).where('slug', '=', 'recovery').execute()
    const t = await startThread(insider, 'recovery', { title: 'Members only', body: 'For members.' })
    secretThread = t.thread.id
    secretPost = t.post.id
  })

  const same = (a: request.Response, b: request.Response) => {
    expect(a.status).toBe(404)
    expect(b.status).toBe(404)
    expect(a.body.error.code).toBe(b.body.error.code)
    expect(a.body.error.message).toBe(b.body.error.message)
  }

  it('a thread in a members-only community, read by a member of other communities or a guest', async () => {
    same(await reader.agent.get(`/api/v1/threads/${secretThread}`), await reader.agent.get(`/api/v1/threads/${UNKNOWN}`))
    same(await request(rt.app).get(`/api/v1/threads/${secretThread}`), await request(rt.app).get(`/api/v1/threads/${UNKNOWN}`))
    const page = await reader.agent.get(`/t/${secretThread}`)
    expect(page.status).toBe(404)
    expect(page.text).not.toContain('Recovery')
  })

  it('reporting a post in a members-only community names no community', async () => {
    const report = (id: number) => reader.agent.post(`/api/v1/posts/${id}/reports`).set(csrf(reader)).send({ reason: 'spam' })
    const known = await report(secretPost)
    same(known, await report(UNKNOWN))
    expect(JSON.stringify(known.body)).not.toMatch(/recovery/i)
  })

  it("editing, deleting or reading the history of someone else's post", async () => {
    const { post } = await startThread(author, 'grief', { title: 'Mine', body: 'My words.' })
    const tries = [
      (id: number) => reader.agent.patch(`/api/v1/posts/${id}`).set(csrf(reader)).send({ body: 'hijack' }),
      (id: number) => reader.agent.delete(`/api/v1/posts/${id}`).set(csrf(reader)),
      (id: number) => reader.agent.get(`/api/v1/posts/${id}/revisions`),
    ]
    for (const t of tries) {
      same(await t(post.id), await t(UNKNOWN))
      same(await t(secretPost), await t(UNKNOWN))
    }
    // Still there, untouched.
    expect(await rt.db.selectFrom('post').select(['body', 'status']).where('id', '=', post.id).executeTakeFirstOrThrow()).toEqual({
      body: 'My words.',
      status: 'visible',
    })
  })

  it('members of the community still read it', async () => {
    expect((await insider.agent.get(`/api/v1/threads/${secretThread}`)).status).toBe(200)
  })
})

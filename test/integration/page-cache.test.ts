// Thread pages are served from a cache of compressed bytes (server/services/page-cache.ts), kept
// valid by version stamps that triggers move on every write (migration 0008). What must never
// happen: a reader seeing a page older than the thread, or one member's view of the page (their
// own posts, their held posts, a moderator's view) reaching anybody else.
import { sql } from 'kysely'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, grantRole, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'

type PostJson = { id: number; body: string; html: string; isOwn: boolean; status: string; contentWarnings: string[] }
const page = async (m: Member | Runtime, threadId: number) => {
  const agent = 'agent' in m ? m.agent : request(m.app)
  const res = await agent.get(`/api/v1/threads/${threadId}?limit=20`)
  expect(res.status).toBe(200)
  return res.body as { thread: { locked: boolean; replyCount: number }; posts: PostJson[] }
}

describe('the thread page cache', () => {
  let rt: Runtime
  let author: Member, reader: Member, other: Member, moderator: Member
  let threadId: number, firstPostId: number
  const hits = () => rt.services.forum.pageCacheStats().hits

  beforeAll(async () => {
    rt = await startTestRuntime()
    author = await buildMember(rt, { join: ['grief'] })
    reader = await buildMember(rt, { join: ['grief'] })
    other = await buildMember(rt, { join: ['grief'] })
    moderator = await buildMember(rt, { join: ['grief'] })
    await grantRole(rt, moderator, 'grief', 'moderator')
    const t = await startThread(author, 'grief', { title: 'First winter without her', body: 'The first frost came today and I kept her coat on the hook.' })
    threadId = t.thread.id
    firstPostId = t.post.id
    expect((await reply(other, threadId, 'I kept my mother’s scarf by the door for a year.')).status).toBe(201)
  })
  afterAll(async () => {
    await rt.close()
  })

  it('serves a repeat read from the cache, byte for byte the same, gzipped or not', async () => {
    const first = await reader.agent.get(`/api/v1/threads/${threadId}?limit=20`)
    const before = hits()
    const again = await reader.agent.get(`/api/v1/threads/${threadId}?limit=20`)
    expect(hits()).toBe(before + 1)
    expect(again.headers['content-encoding']).toBe('gzip')
    expect(again.headers.vary).toMatch(/accept-encoding/i)
    expect(again.text).toBe(first.text)
    const plain = await reader.agent.get(`/api/v1/threads/${threadId}?limit=20`).set('Accept-Encoding', 'identity')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers['content-type']).toMatch(/^application\/json; charset=utf-8/)
    expect(plain.text).toBe(first.text)
  })

  it('shows a new reply, an edit and a moderator’s change at once, whoever writes them', async () => {
    await page(reader, threadId)
    expect((await reply(other, threadId, 'Frost mornings are the hardest for me too.')).status).toBe(201)
    expect((await page(reader, threadId)).posts.map((p) => p.body)).toContain('Frost mornings are the hardest for me too.')

    const edited = await author.agent
      .patch(`/api/v1/posts/${firstPostId}`)
      .set('X-CSRF-Token', author.csrf)
      .send({ body: 'The first frost came today. Her coat is still on the hook.' })
    expect(edited.status).toBe(200)
    expect((await page(reader, threadId)).posts[0]!.body).toBe('The first frost came today. Her coat is still on the hook.')

    // Writes from outside this service (the verdict consumer, the CLI, another process) go
    // straight to the database: the triggers still move the version.
    const second = (await page(reader, threadId)).posts[1]!
    await sql`update post set status = 'hidden' where id = ${second.id}`.execute(rt.db)
    const hidden = (await page(reader, threadId)).posts[1]!
    expect(hidden).toMatchObject({ id: second.id, status: 'hidden', body: '', html: '' })
    await sql`update post set content_warnings = '["death"]' where id = ${firstPostId}`.execute(rt.db)
    expect((await page(reader, threadId)).posts[0]!.contentWarnings).toEqual(['death'])
    await sql`update thread set locked = 1 where id = ${threadId}`.execute(rt.db)
    expect((await page(reader, threadId)).thread.locked).toBe(true)
    await sql`update thread set locked = 0 where id = ${threadId}`.execute(rt.db)
    await sql`update post set status = 'visible' where id = ${second.id}`.execute(rt.db)
  })

  it('never gives a member someone else’s view of their own posts', async () => {
    await page(reader, threadId) // cached as a reader who wrote none of them sees it
    const own = await page(author, threadId)
    expect(own.posts.find((p) => p.id === firstPostId)!.isOwn).toBe(true)
    expect((await page(reader, threadId)).posts.every((p) => !p.isOwn)).toBe(true)

    // And the other way round: the author's page is built for them alone, never kept for others.
    const html = await reader.agent.get(`/t/${threadId}`)
    expect(html.status).toBe(200)
    expect(html.text).not.toContain('<span class="tag">you</span>')
    expect(html.text).toContain(`/p/${firstPostId}/report`)
    const authorHtml = await author.agent.get(`/t/${threadId}`)
    expect(authorHtml.text).toContain('<span class="tag">you</span>')
    expect(authorHtml.text).toContain(`/p/${firstPostId}/edit`)
    expect((await reader.agent.get(`/t/${threadId}`)).text).not.toContain(`/p/${firstPostId}/edit`)
  })

  it('shows a held post to its author and the moderators only, however the page was cached', async () => {
    const r = await reply(other, threadId, 'A reply waiting for review.')
    const heldId = r.body.post.id as number
    await sql`update post set status = 'held' where id = ${heldId}`.execute(rt.db)
    for (let i = 0; i < 2; i++) {
      expect((await page(moderator, threadId)).posts.map((p) => p.id)).toContain(heldId)
      expect((await page(reader, threadId)).posts.map((p) => p.id)).not.toContain(heldId)
      expect((await page(rt, threadId)).posts.map((p) => p.id)).not.toContain(heldId)
      expect((await page(other, threadId)).posts.map((p) => p.id)).toContain(heldId)
    }
    // A moderator sees hidden words; a reader, from the same cache, does not.
    const second = (await page(reader, threadId)).posts[1]!
    await sql`update post set status = 'hidden' where id = ${second.id}`.execute(rt.db)
    for (let i = 0; i < 2; i++) {
      expect((await page(moderator, threadId)).posts[1]!.body).not.toBe('')
      expect((await page(reader, threadId)).posts[1]!.body).toBe('')
    }
  })

  it('keeps each reader’s own header and form token on a cached HTML page', async () => {
    const a = await reader.agent.get(`/t/${threadId}`)
    const b = await other.agent.get(`/t/${threadId}`)
    const csrf = (t: string) => /name="_csrf" value="([^"]+)"/.exec(t)?.[1]
    expect(a.headers['content-encoding']).toBe('gzip')
    expect(csrf(a.text)).toBe(reader.csrf)
    expect(csrf(b.text)).toBe(other.csrf)
    expect(a.text).toMatch(/<\/html>\s*$/)
    const anon = await request(rt.app).get(`/t/${threadId}`)
    expect(anon.status).toBe(200)
    expect(anon.text).not.toContain('/report')
  })

  it('keeps a community’s thread list current, and held threads to their authors and the moderators', async () => {
    const list = async (m: Member | Runtime) => {
      const res = await ('agent' in m ? m.agent : request(m.app)).get('/api/v1/communities/grief/threads?limit=20')
      expect(res.status).toBe(200)
      return res.body as { community: { threadCount: number }; threads: { id: number; title: string; locked: boolean }[] }
    }
    const older = await startThread(other, 'grief', { title: 'An older thread', body: 'Words for an older thread, long enough.' })
    expect((await list(reader)).threads[0]!.id).toBe(older.thread.id)
    const before = hits()
    expect((await list(reader)).threads[0]!.id).toBe(older.thread.id)
    expect(hits()).toBe(before + 1)
    // A reply moves the thread to the top at once.
    expect((await reply(reader, threadId, 'Thinking of you this week.')).status).toBe(201)
    expect((await list(reader)).threads[0]!.id).toBe(threadId)
    await sql`update thread set locked = 1 where id = ${older.thread.id}`.execute(rt.db)
    expect((await list(reader)).threads.find((t) => t.id === older.thread.id)!.locked).toBe(true)

    const held = await startThread(author, 'grief', { title: 'Waiting for review', body: 'A thread a moderator has not seen yet.' })
    await sql`update thread set status = 'held' where id = ${held.thread.id}`.execute(rt.db)
    for (let i = 0; i < 2; i++) {
      expect((await list(moderator)).threads.map((t) => t.id)).toContain(held.thread.id)
      expect((await list(reader)).threads.map((t) => t.id)).not.toContain(held.thread.id)
      expect((await list(rt)).threads.map((t) => t.id)).not.toContain(held.thread.id)
      expect((await list(author)).threads.map((t) => t.id)).toContain(held.thread.id)
    }
  })
})

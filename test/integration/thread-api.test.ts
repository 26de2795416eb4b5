// The forum API for threads, posts, pagination, notifications and the contract's shapes.
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'

let rt: Runtime
let alice: Member
let bob: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  alice = await buildMember(rt, { join: ['grief'] })
  bob = await buildMember(rt, { join: ['grief'] })
})
afterAll(async () => {
  await rt.close()
})

describe('threads and posts', () => {
  it('starts a thread with content warnings and reads it back', async () => {
    const res = await alice.agent
      .post('/api/v1/communities/grief/threads')
      .set('X-CSRF-Token', alice.csrf)
      .send({ title: 'Six months on', body: 'It still **hurts**.', contentWarnings: ['death'] })
    expect(res.status).toBe(201)
    expect(res.body.thread).toMatchObject({ title: 'Six months on', community: 'grief', author: { handle: alice.handle }, replyCount: 0 })
    expect(res.body.post).toMatchObject({
      body: 'It still **hurts**.',
      html: '<p>It still <strong>hurts</strong>.</p>',
      contentWarnings: ['death'],
      status: 'visible',
      editedAt: null,
    })
    const read = await request(rt.app).get(`/api/v1/threads/${res.body.thread.id}`)
    expect(read.status).toBe(200)
    expect(read.body.posts).toHaveLength(1)
    expect(read.body.posts[0]).toMatchObject({
      id: res.body.post.id,
      author: { handle: alice.handle },
      body: 'It still **hurts**.',
      contentWarnings: ['death'],
    })
    expect(read.body.posts[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('validates new threads: blank title, missing body, unknown warning', async () => {
    const send = (b: object) => alice.agent.post('/api/v1/communities/grief/threads').set('X-CSRF-Token', alice.csrf).send(b)
    const blank = await send({ title: '   ', body: 'x' })
    expect(blank.status).toBe(400)
    expect(blank.body.error.fields.title).toBeDefined()
    const nobody = await send({ title: 'x' })
    expect(nobody.status).toBe(400)
    expect(nobody.body.error.fields.body).toBeDefined()
    const badCw = await send({ title: 'x', body: 'y', contentWarnings: ['spiders'] })
    expect(badCw.status).toBe(400)
    expect(badCw.body.error.fields['contentWarnings.0']).toMatch(/suicide/)
  })

  it('refuses posting when not signed in (401), not a member (403) or without CSRF (403)', async () => {
    const anon = await request(rt.app).post('/api/v1/communities/grief/threads').send({ title: 't', body: 'b' })
    expect(anon.status).toBe(401)
    const outsider = await buildMember(rt)
    const notMember = await outsider.agent.post('/api/v1/communities/grief/threads').set('X-CSRF-Token', outsider.csrf).send({ title: 't', body: 'b' })
    expect(notMember.status).toBe(403)
    expect(notMember.body.error.code).toBe('not_a_member')
    const noCsrf = await alice.agent.post('/api/v1/communities/grief/threads').send({ title: 't', body: 'b' })
    expect(noCsrf.status).toBe(403)
    const wrongCsrf = await alice.agent.post('/api/v1/communities/grief/threads').set('X-CSRF-Token', bob.csrf).send({ title: 't', body: 'b' })
    expect(wrongCsrf.status).toBe(403)
    const { thread } = await startThread(alice, 'grief')
    const replyOutsider = await reply(outsider, thread.id, 'hello')
    expect(replyOutsider.status).toBe(403)
  })

  it('replies, notifies the thread author, and bumps the thread to the top', async () => {
    const { thread } = await startThread(alice, 'grief', { title: 'Bump me' })
    await startThread(bob, 'grief', { title: 'Newer thread' })
    const res = await reply(bob, thread.id, 'I hear you.')
    expect(res.status).toBe(201)
    expect(res.body.post).toMatchObject({ threadId: thread.id, author: { handle: bob.handle }, body: 'I hear you.' })
    const list = await request(rt.app).get('/api/v1/communities/grief/threads?limit=1')
    expect(list.body.threads[0]).toMatchObject({ id: thread.id, replyCount: 1 })
    const notes = await alice.agent.get('/api/v1/notifications')
    expect(notes.body.notifications[0]).toMatchObject({
      kind: 'reply_to_thread',
      read: false,
      data: expect.objectContaining({ threadId: thread.id, fromHandle: bob.handle }),
    })
  })

  it('validates replies and 404s unknown threads', async () => {
    const { thread } = await startThread(alice, 'grief')
    expect((await reply(bob, thread.id, '')).status).toBe(400)
    expect((await reply(bob, 99999999, 'hi')).status).toBe(404)
    const badId = await bob.agent.post('/api/v1/threads/abc/posts').set('X-CSRF-Token', bob.csrf).send({ body: 'x' })
    expect(badId.status).toBe(400)
  })

  it('edits keep every revision; only the author may edit', async () => {
    const { post } = await startThread(alice, 'grief', { body: 'first words' })
    const edit = await alice.agent.patch(`/api/v1/posts/${post.id}`).set('X-CSRF-Token', alice.csrf).send({ body: 'second words' })
    expect(edit.status).toBe(200)
    expect(edit.body.post).toMatchObject({ body: 'second words', revision: 2 })
    expect(edit.body.post.editedAt).not.toBeNull()
    const notAuthor = await bob.agent.patch(`/api/v1/posts/${post.id}`).set('X-CSRF-Token', bob.csrf).send({ body: 'hijack' })
    // The same 404 as for an unknown post: the answer never tells whether someone else's post exists.
    expect(notAuthor.status).toBe(404)
    expect(notAuthor.body.error.code).toBe('not_found')
    const anon = await request(rt.app).patch(`/api/v1/posts/${post.id}`).send({ body: 'x' })
    expect(anon.status).toBe(401)
    const invalid = await alice.agent.patch(`/api/v1/posts/${post.id}`).set('X-CSRF-Token', alice.csrf).send({ body: '' })
    expect(invalid.status).toBe(400)
    const noCsrf = await alice.agent.patch(`/api/v1/posts/${post.id}`).send({ body: 'x' })
    expect(noCsrf.status).toBe(403)
    const revs = await alice.agent.get(`/api/v1/posts/${post.id}/revisions`)
    expect(revs.body.revisions.map((r: { body: string }) => r.body)).toEqual(['first words', 'second words'])
    expect((await bob.agent.get(`/api/v1/posts/${post.id}/revisions`)).status).toBe(404)
  })

  it('deletes leave a placeholder so replies still make sense; only the author may delete', async () => {
    const { thread } = await startThread(alice, 'grief')
    const r1 = await reply(bob, thread.id, 'a reply to delete')
    await reply(alice, thread.id, 'answering the deleted one')
    const notAuthor = await alice.agent.delete(`/api/v1/posts/${r1.body.post.id}`).set('X-CSRF-Token', alice.csrf)
    expect(notAuthor.status).toBe(404) // as for an unknown post (withheld-from-readers.test.ts)
    const noCsrf = await bob.agent.delete(`/api/v1/posts/${r1.body.post.id}`)
    expect(noCsrf.status).toBe(403)
    const del = await bob.agent.delete(`/api/v1/posts/${r1.body.post.id}`).set('X-CSRF-Token', bob.csrf)
    expect(del.status).toBe(204)
    const read = await request(rt.app).get(`/api/v1/threads/${thread.id}`)
    expect(read.body.posts).toHaveLength(3)
    expect(read.body.posts[1]).toMatchObject({ status: 'deleted', body: '', html: '', author: null })
    expect(read.body.posts[2].body).toBe('answering the deleted one')
    expect((await bob.agent.patch(`/api/v1/posts/${r1.body.post.id}`).set('X-CSRF-Token', bob.csrf).send({ body: 'x' })).status).toBe(409)
  })
})

describe('pagination', () => {
  it('pages through a thread in order with a cursor, no post twice or missed', async () => {
    const { thread, post } = await startThread(alice, 'grief')
    const ids = [post.id]
    for (let i = 0; i < 11; i++) ids.push((await reply(i % 2 ? alice : bob, thread.id, `reply ${i}`)).body.post.id)
    const seen: number[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const url: string = `/api/v1/threads/${thread.id}?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const res = await request(rt.app).get(url)
      expect(res.status).toBe(200)
      seen.push(...res.body.posts.map((p: { id: number }) => p.id))
      cursor = res.body.nextCursor
      pages++
    } while (cursor)
    expect(seen).toEqual(ids)
    expect(pages).toBe(3)
  })

  it("pages through a community's threads, most recent activity first", async () => {
    const m = await buildMember(rt, { join: ['caregiving'] })
    const made: number[] = []
    for (let i = 0; i < 7; i++) made.push((await startThread(m, 'caregiving', { title: `t${i}` })).thread.id)
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const res = await request(rt.app).get(`/api/v1/communities/caregiving/threads?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      expect(res.status).toBe(200)
      seen.push(...res.body.threads.map((t: { id: number }) => t.id))
      cursor = res.body.nextCursor
    } while (cursor)
    expect(seen.slice(0, 7)).toEqual([...made].reverse())
  })

  it('rejects a forged cursor and an out-of-range limit with 400', async () => {
    expect((await request(rt.app).get('/api/v1/communities/grief/threads?cursor=garbage')).status).toBe(400)
    expect((await request(rt.app).get('/api/v1/communities/grief/threads?limit=1000')).status).toBe(400)
    const { thread } = await startThread(alice, 'grief')
    const res = await request(rt.app).get(`/api/v1/threads/${thread.id}?cursor=${Buffer.from('{"after":"x"}').toString('base64url')}`)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_cursor')
  })
})

describe('notifications', () => {
  it('lists newest first and marks some or all read', async () => {
    const { thread } = await startThread(alice, 'grief')
    const r1 = await reply(bob, thread.id, 'one')
    await reply(bob, thread.id, 'two', { replyToId: r1.body.post.id })
    const mine = await buildMember(rt, { join: ['grief'] })
    const t2 = await startThread(mine, 'grief')
    await reply(bob, t2.thread.id, 'first')
    await reply(alice, t2.thread.id, 'second')
    const list = await mine.agent.get('/api/v1/notifications')
    expect(list.status).toBe(200)
    expect(list.body.notifications).toHaveLength(2)
    expect(list.body.notifications[0].data.fromHandle).toBe(alice.handle)
    expect(list.body.unread).toBe(2)
    const one = await mine.agent
      .post('/api/v1/notifications/read')
      .set('X-CSRF-Token', mine.csrf)
      .send({ ids: [list.body.notifications[0].id] })
    expect(one.body.marked).toBe(1)
    const after = await mine.agent.get('/api/v1/notifications')
    expect(after.body.notifications.map((n: { read: boolean }) => n.read)).toEqual([true, false])
    const all = await mine.agent.post('/api/v1/notifications/read').set('X-CSRF-Token', mine.csrf).send({})
    expect(all.body.marked).toBe(1)
    expect((await mine.agent.post('/api/v1/notifications/read').send({})).status).toBe(403)
    expect((await request(rt.app).get('/api/v1/notifications')).status).toBe(401)
    // Bob replied to his own post: no self-notification.
    const bobs = await bob.agent.get('/api/v1/notifications')
    expect(bobs.body.notifications.every((n: { data: { fromHandle: string } }) => n.data.fromHandle !== bob.handle)).toBe(true)
  })
})

describe('contract', () => {
  it('serves an OpenAPI 3 document covering every endpoint of the contract', async () => {
    const res = await request(rt.app).get('/api/v1/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toMatch(/^3\./)
    for (const p of [
      '/auth/register',
      '/auth/login',
      '/auth/logout',
      '/me',
      '/communities',
      '/communities/{slug}',
      '/communities/{slug}/membership',
      '/communities/{slug}/threads',
      '/threads/{id}',
      '/threads/{id}/posts',
      '/posts/{id}',
      '/notifications',
      '/notifications/read',
      '/posts/{id}/reports',
      '/moderation/queue',
      '/moderation/items/{id}/claim',
      '/moderation/items/{id}/release',
      '/moderation/items/{id}/resolve',
      '/moderation/bulk',
      '/moderation/audit',
    ]) {
      expect(res.body.paths[p], p).toBeDefined()
    }
    expect(res.body.paths['/auth/register'].post.requestBody.content['application/json'].schema.properties.handle).toBeDefined()
  })

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await request(rt.app).get('/api/v1/nothing-here')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })

  it('sends security headers: a strict CSP with no inline script, nosniff, frame denial', async () => {
    const res = await request(rt.app).get('/api/v1/communities')
    const csp = res.headers['content-security-policy']
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-powered-by']).toBeUndefined()
  })
})

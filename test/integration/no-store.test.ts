// Issue 16, item 5: no answer that depends on the session may be kept by a browser or a proxy.
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader, grantRole, startTestRuntime, startThread, type Member } from '../support/app.ts'

let rt: Runtime
let member: Member
let moderator: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  member = await buildMember(rt, { join: ['grief'] })
  moderator = await buildMember(rt, { join: ['grief'] })
  await grantRole(rt, moderator, 'grief', 'moderator')
})
afterAll(async () => {
  await rt.close()
})

describe('Cache-Control: no-store on every answer that depends on the session', () => {
  it('a private check-in conversation, as JSON', async () => {
    const { post } = await startThread(member, 'grief')
    const reporter = await buildMember(rt, { join: ['grief'] })
    await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrfHeader(reporter)).send({ reason: 'worried' })
    const itemId = (await rt.db.selectFrom('review_item').select('id').where('post_id', '=', post.id).executeTakeFirstOrThrow()).id
    const sent = await moderator.agent
      .post(`/api/v1/moderation/items/${itemId}/resolve`)
      .set(csrfHeader(moderator))
      .send({ action: 'check_in', message: 'How are you doing tonight?' })
    expect(sent.status).toBe(200)
    expect(sent.headers['cache-control']).toBe('no-store')
    const checkIn = await rt.db.selectFrom('check_in_message').select('id').where('member_id', '=', member.id).executeTakeFirstOrThrow()
    const res = await member.agent.get(`/api/v1/check-ins/${checkIn.id}`)
    expect(res.status).toBe(200)
    expect(res.body.messages[0].body).toBe('How are you doing tonight?')
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it.each(['/api/v1/me', '/api/v1/notifications', '/api/v1/communities', '/api/v1/communities/grief/threads', '/api/v1/moderation/queue'])(
    'signed in: GET %s',
    async (path) => {
      const res = await (path.includes('moderation') ? moderator : member).agent.get(path)
      expect(res.status).toBe(200)
      expect(res.headers['cache-control']).toBe('no-store')
    },
  )

  it('signed in: a write and an error', async () => {
    const created = await member.agent.post('/api/v1/communities/grief/threads').set(csrfHeader(member)).send({ title: 'A title', body: 'Some words.' })
    expect(created.status).toBe(201)
    expect(created.headers['cache-control']).toBe('no-store')
    const missing = await member.agent.get('/api/v1/threads/999999')
    expect(missing.status).toBe(404)
    expect(missing.headers['cache-control']).toBe('no-store')
  })

  it('signed out too: what a guest reads differs from what a member reads at the same address', async () => {
    for (const path of ['/api/v1/communities', '/api/v1/communities/grief', '/api/v1/me', '/', '/c/grief', '/no-such-page']) {
      const res = await request(rt.app).get(path)
      expect(res.headers['cache-control'], path).toBe('no-store')
    }
  })

  it('static files keep their own caching', async () => {
    const res = await request(rt.app).get('/static/site.css')
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).not.toBe('no-store')
  })
})

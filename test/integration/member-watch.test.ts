import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'

// Issue #19: follow a thread (every reply notifies), mute it (nothing does, not even a reply to
// you), mute a community's notifications.
let rt: Runtime
let alice: Member
let bob: Member
let carol: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  ;[alice, bob, carol] = await Promise.all([0, 1, 2].map(() => buildMember(rt, { join: ['grief', 'recovery'] })))
})
afterAll(async () => {
  await rt.close()
})

const kinds = async (m: Member) =>
  ((await m.agent.get('/api/v1/notifications?limit=100')).body.notifications as { kind: string; data: { postId?: number } }[]).map(
    (n) => `${n.kind}:${n.data.postId}`,
  )
const form = (m: Member, url: string, fields: Record<string, string>) =>
  m.agent
    .post(url)
    .type('form')
    .send({ _csrf: m.csrf, ...fields })

describe('following a thread', () => {
  it('notifies a follower of every reply, once, and stops when they go back to the usual', async () => {
    const t = await startThread(alice, 'grief')
    const res = await form(carol, `/t/${t.thread.id}/watch`, { level: 'follow' })
    expect(res.status).toBe(303)
    expect((await carol.agent.get(`/t/${t.thread.id}`)).text).toContain('You are following this thread')
    const r1 = (await reply(bob, t.thread.id, 'one')).body.post.id
    // A reply to Carol's own post: one notification, not two.
    const mine = (await reply(carol, t.thread.id, 'mine')).body.post.id
    const r2 = (await reply(bob, t.thread.id, 'two', { replyToId: mine })).body.post.id
    const got = await kinds(carol)
    expect(got).toContain(`reply_in_followed_thread:${r1}`)
    expect(got.filter((k) => k.endsWith(`:${r2}`))).toEqual([`reply_to_post:${r2}`])
    expect(got.some((k) => k.endsWith(`:${mine}`))).toBe(false)
    const page = await carol.agent.get('/notifications')
    expect(page.text).toContain('a thread you follow')
    await form(carol, `/t/${t.thread.id}/watch`, { level: 'normal' })
    const r3 = (await reply(bob, t.thread.id, 'three')).body.post.id
    expect((await kinds(carol)).some((k) => k.endsWith(`:${r3}`))).toBe(false)
  })
})

describe('muting', () => {
  it('a muted thread notifies nothing, not even a reply to the member', async () => {
    const t = await startThread(alice, 'grief')
    await alice.agent.put(`/api/v1/threads/${t.thread.id}/watch`).set('X-CSRF-Token', alice.csrf).send({ level: 'mute' }).expect(200)
    expect((await alice.agent.get(`/api/v1/threads/${t.thread.id}/watch`)).body).toEqual({ level: 'mute' })
    const r = (await reply(bob, t.thread.id, 'to the thread', { replyToId: t.post.id })).body.post.id
    expect((await kinds(alice)).some((k) => k.endsWith(`:${r}`))).toBe(false)
    const bad = await alice.agent.put(`/api/v1/threads/${t.thread.id}/watch`).set('X-CSRF-Token', alice.csrf).send({ level: 'loud' })
    expect(bad.status).toBe(400)
  })

  it("a muted community's replies notify nothing; another community's still do", async () => {
    const res = await form(bob, '/c/recovery/mute', { muted: 'yes' })
    expect(res.status).toBe(303)
    expect((await bob.agent.get('/c/recovery')).text).toContain('Unmute notifications')
    const quiet = await startThread(bob, 'recovery')
    const loud = await startThread(bob, 'grief')
    const q = (await reply(alice, quiet.thread.id, 'in recovery')).body.post.id
    const l = (await reply(alice, loud.thread.id, 'in grief')).body.post.id
    const got = await kinds(bob)
    expect(got.some((k) => k.endsWith(`:${q}`))).toBe(false)
    expect(got).toContain(`reply_to_thread:${l}`)
    expect((await bob.agent.get('/api/v1/communities/recovery/mute')).body).toEqual({ muted: true })
    await bob.agent.put('/api/v1/communities/recovery/mute').set('X-CSRF-Token', bob.csrf).send({ muted: false }).expect(200)
    const again = (await reply(alice, quiet.thread.id, 'unmuted')).body.post.id
    expect(await kinds(bob)).toContain(`reply_to_thread:${again}`)
  })
})

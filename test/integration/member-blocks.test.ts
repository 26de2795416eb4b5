import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, grantRole, queueItemFor, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'
import { URGENT_POST } from '../support/texts.ts'

// Issue #19: blocking a member folds their posts for the blocker, stops their replies to the
// blocker's posts, their mentions and their notifications; they are not told; moderators lose nothing.
let rt: Runtime
let alice: Member
let bob: Member
let carol: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  ;[alice, bob, carol] = await Promise.all([0, 1, 2].map(() => buildMember(rt, { join: ['grief'] })))
  const res = await bob.agent.post(`/members/${alice.handle}/block`).type('form').send({ _csrf: bob.csrf })
  expect(res.status).toBe(303)
})
afterAll(async () => {
  await rt.close()
})

const unread = async (m: Member) => (await m.agent.get('/api/v1/notifications')).body.unread as number

describe('blocking a member', () => {
  it("folds the blocked member's posts for the blocker only, without their handle on show", async () => {
    const t = await startThread(carol, 'grief')
    await reply(alice, t.thread.id, 'Words from Alice')
    const forBob = (await bob.agent.get(`/t/${t.thread.id}`)).text
    expect(forBob).toMatch(
      /<details class="cw"><summary>You blocked this member\. <span class="show">Show post<\/span><\/summary><p class="meta">[^<]+ · <time/,
    )
    expect(forBob).not.toMatch(new RegExp(`<h2[^>]*>${alice.handle}`))
    const forCarol = (await carol.agent.get(`/t/${t.thread.id}`)).text
    expect(forCarol).not.toContain('You blocked this member')
    expect(forCarol).toContain('Words from Alice')
  })

  it('sends the blocker no notification from them, and tells the blocked member nothing', async () => {
    const t = await startThread(bob, 'grief')
    const aliceBefore = await unread(alice)
    const before = await unread(bob)
    expect((await reply(alice, t.thread.id, 'A reply in Bob’s thread')).status).toBe(201)
    expect(await unread(bob)).toBe(before)
    await reply(carol, t.thread.id, 'Carol replies too')
    expect(await unread(bob)).toBe(before + 1)
    expect(await unread(alice)).toBe(aliceBefore)
    // Alice reads Bob's posts as ever.
    expect((await alice.agent.get(`/t/${t.thread.id}`)).text).not.toContain('You blocked this member')
  })

  it('refuses their replies to the blocker’s posts and their mentions of the blocker', async () => {
    const t = await startThread(carol, 'grief')
    const bobs = (await reply(bob, t.thread.id, 'Bob speaks')).body.post.id
    const res = await reply(alice, t.thread.id, 'Answering Bob', { replyToId: bobs })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('cannot_reply_to_post')
    const mention = await reply(alice, t.thread.id, `Hey @${bob.handle}, what do you think?`)
    expect(mention.status).toBe(422)
    expect(mention.body.error.code).toBe('cannot_mention')
    // Others may, and Alice may still reply to the thread and mention others.
    expect((await reply(carol, t.thread.id, `@${bob.handle} yes`, { replyToId: bobs })).status).toBe(201)
    expect((await reply(alice, t.thread.id, `Thanks @${carol.handle}`)).status).toBe(201)
  })

  it('never hides anything from a moderator who blocked the member', async () => {
    const mod = await buildMember(rt, { join: ['grief'] })
    await grantRole(rt, mod, 'grief', 'moderator')
    await mod.agent.put(`/api/v1/me/blocks/${alice.handle}`).set('X-CSRF-Token', mod.csrf).expect(200)
    const t = await startThread(alice, 'grief', { title: 'Alice needs help', body: 'Please someone read this.' })
    const page = (await mod.agent.get(`/t/${t.thread.id}`)).text
    expect(page).not.toContain('You blocked this member')
    expect(page).toContain('Please someone read this.')
    await carol.agent.post(`/api/v1/posts/${t.post.id}/reports`).set('X-CSRF-Token', carol.csrf).send({ reason: 'worried' }).expect(201)
    expect(await queueItemFor(mod, t.post.id)).toBeDefined()
  })

  it("folds the blocked member's posts in the thread JSON for the blocker: marked, words withheld; others and the cache unchanged", async () => {
    const t = await startThread(carol, 'grief', { title: 'Evenings', body: 'Evenings are the hardest.' })
    const alices = (await reply(alice, t.thread.id, 'Words only Carol and Dan should read')).body.post.id as number
    const posts = async (m: Member) => (await m.agent.get(`/api/v1/threads/${t.thread.id}`).expect(200)).body.posts as Record<string, unknown>[]
    const dan = await buildMember(rt, { join: ['grief'] })
    // Dan reads first, so the page is cached for every ordinary reader before Bob asks.
    const forDan = (await posts(dan)).find((p) => p.id === alices)!
    expect(forDan.body).toBe('Words only Carol and Dan should read')
    expect(forDan).not.toHaveProperty('blockedAuthor')
    const forBob = await posts(bob)
    expect(forBob.find((p) => p.id === alices)).toMatchObject({ blockedAuthor: true, body: '', html: '', author: { handle: alice.handle } })
    expect(JSON.stringify(forBob)).not.toContain('Words only Carol and Dan')
    // Carol's own post stays whole for Bob, and Dan's copy did not change after Bob's.
    expect(forBob.find((p) => p.id === t.post.id)).toMatchObject({ body: 'Evenings are the hardest.' })
    expect(forBob.find((p) => p.id === t.post.id)).not.toHaveProperty('blockedAuthor')
    expect((await posts(dan)).find((p) => p.id === alices)!.body).toBe('Words only Carol and Dan should read')
    // Alice reads her own post whole; Bob, once he unblocks her, reads it whole again.
    expect((await posts(alice)).find((p) => p.id === alices)!.body).toBe('Words only Carol and Dan should read')
    await bob.agent.delete(`/api/v1/me/blocks/${alice.handle}`).set('X-CSRF-Token', bob.csrf).expect(200)
    expect((await posts(bob)).find((p) => p.id === alices)!.body).toBe('Words only Carol and Dan should read')
    await bob.agent.put(`/api/v1/me/blocks/${alice.handle}`).set('X-CSRF-Token', bob.csrf).expect(200)
    expect((await posts(bob)).find((p) => p.id === alices)).toMatchObject({ blockedAuthor: true, body: '' })
  })

  it("never withholds a blocked member's crisis post from a moderator in the thread JSON", async () => {
    const mod = await buildMember(rt, { join: ['grief'] })
    await grantRole(rt, mod, 'grief', 'moderator')
    await mod.agent.put(`/api/v1/me/blocks/${alice.handle}`).set('X-CSRF-Token', mod.csrf).expect(200)
    const t = await startThread(alice, 'grief', { title: 'Tonight', body: URGENT_POST })
    const post = ((await mod.agent.get(`/api/v1/threads/${t.thread.id}`).expect(200)).body.posts as Record<string, unknown>[])[0]!
    expect(post.body).toBe(URGENT_POST)
    expect(post).not.toHaveProperty('blockedAuthor')
  })

  it('lists, adds and removes blocks through the API, with clear refusals', async () => {
    const dan = await buildMember(rt)
    await dan.agent.put(`/api/v1/me/blocks/${carol.handle}`).set('X-CSRF-Token', dan.csrf).expect(200)
    expect((await dan.agent.get('/api/v1/me/blocks')).body.blocked.map((b: { handle: string }) => b.handle)).toEqual([carol.handle])
    expect((await dan.agent.put(`/api/v1/me/blocks/${dan.handle}`).set('X-CSRF-Token', dan.csrf)).body.error.code).toBe('cannot_block_self')
    expect((await dan.agent.put('/api/v1/me/blocks/nobody_at_all_here').set('X-CSRF-Token', dan.csrf)).status).toBe(404)
    expect((await dan.agent.put('/api/v1/me/blocks/bad%20handle!').set('X-CSRF-Token', dan.csrf)).status).toBe(400)
    await dan.agent.delete(`/api/v1/me/blocks/${carol.handle}`).set('X-CSRF-Token', dan.csrf).expect(200)
    expect((await dan.agent.get('/api/v1/me/blocks')).body.blocked).toEqual([])
    expect((await dan.agent.put(`/api/v1/me/blocks/${carol.handle}`)).status).toBe(403)
  })
})

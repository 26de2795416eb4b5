// Issue 16, item 6: staff and peer-supporter badges on posts in threads, from roles (never from
// names), read with the page's posts (no query per post), and gone as soon as the role is.
import SQLite from 'better-sqlite3'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, grantRole, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'

let rt: Runtime
let starter: Member
let moderator: Member
let lead: Member
let peer: Member
let admin: Member
let plain: Member
let threadId: number

type Post = { author: { handle: string; badge?: string } | null }
const badgesByHandle = async () => {
  const res = await request(rt.app).get(`/api/v1/threads/${threadId}?limit=50`)
  expect(res.status).toBe(200)
  return Object.fromEntries((res.body.posts as Post[]).filter((p) => p.author).map((p) => [p.author!.handle, p.author!.badge ?? null]))
}

beforeAll(async () => {
  rt = await startTestRuntime()
  ;[starter, moderator, lead, peer, admin, plain] = await Promise.all([0, 1, 2, 3, 4, 5].map(() => buildMember(rt, { join: ['grief'] })))
  await grantRole(rt, moderator, 'grief', 'moderator')
  await grantRole(rt, lead, 'grief', 'lead')
  await grantRole(rt, peer, 'grief', 'peer_supporter')
  await rt.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', admin.id).execute()
  threadId = (await startThread(starter, 'grief', { title: 'Who is who', body: 'Hello.' })).thread.id
  for (const m of [moderator, lead, peer, admin, plain]) expect((await reply(m, threadId, 'A reply.')).status).toBe(201)
})
afterAll(async () => {
  await rt.close()
})

describe('badges on posts come from roles', () => {
  it('marks staff and peer supporters, and nobody else', async () => {
    expect(await badgesByHandle()).toEqual({
      [starter.handle]: null,
      [moderator.handle]: 'moderator',
      [lead.handle]: 'lead',
      [peer.handle]: 'peer_supporter',
      [admin.handle]: 'admin',
      [plain.handle]: null,
    })
    const page = await request(rt.app).get(`/t/${threadId}`)
    expect(page.text).toMatch(new RegExp(`${moderator.handle} <span class="tag badge staff">Moderator</span>`))
    expect(page.text).toMatch(new RegExp(`${peer.handle} <span class="tag badge peer">Trained peer supporter</span>`))
    expect(page.text).toMatch(new RegExp(`${lead.handle} <span class="tag badge staff">Community lead</span>`))
    expect(page.text).not.toMatch(new RegExp(`${plain.handle} <span class="tag badge`))
  })

  it('a badge goes as soon as the role does, cached page or not', async () => {
    await request(rt.app).get(`/t/${threadId}`) // cached now
    await grantRole(rt, peer, 'grief', 'member')
    expect((await badgesByHandle())[peer.handle]).toBeNull()
    expect((await request(rt.app).get(`/t/${threadId}`)).text).not.toContain('Trained peer supporter')
    await grantRole(rt, peer, 'grief', 'peer_supporter')
    expect((await badgesByHandle())[peer.handle]).toBe('peer_supporter')
  })

  it('a suspended moderator shows no badge while suspended', async () => {
    await rt.db
      .updateTable('user')
      .set({ suspended_until: Date.now() + 86_400_000 })
      .where('id', '=', moderator.id)
      .execute()
    expect((await badgesByHandle())[moderator.handle]).toBeNull()
    await rt.db.updateTable('user').set({ suspended_until: null }).where('id', '=', moderator.id).execute()
    expect((await badgesByHandle())[moderator.handle]).toBe('moderator')
  })

  it('reads the badges with the posts: as many statements for 30 posts as for 6', async () => {
    const proto = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1')) as Record<'all' | 'get' | 'run' | 'iterate', (...a: unknown[]) => unknown>
    const originals = { all: proto.all, get: proto.get, run: proto.run, iterate: proto.iterate }
    let n = 0
    const count = async (id: number) => {
      n = 0
      // Moves the thread's version, so the page is read afresh: a page cache hit would count nothing.
      await rt.db.updateTable('thread').set({ locked: 0 }).where('id', '=', id).execute()
      expect((await request(rt.app).get(`/api/v1/threads/${id}?limit=50`)).status).toBe(200)
      return n
    }
    const other = (await startThread(starter, 'grief', { title: 'Busy', body: 'Hello.' })).thread.id
    for (let i = 0; i < 24; i++) await reply([moderator, lead, peer, admin, plain][i % 5]!, other, `Reply ${i}.`)
    // Statements are counted across the process: let the pipeline finish with these posts first.
    const posts = await rt.db.selectFrom('post').select('id').where('thread_id', 'in', [other, threadId]).execute()
    for (const p of posts) await waitScanned(rt, p.id)
    await rt.pipeline.relay.idle()
    await rt.mail.relay.idle()
    for (const k of Object.keys(originals) as (keyof typeof originals)[])
      proto[k] = function (this: unknown, ...a: unknown[]) {
        n++
        return originals[k].apply(this, a)
      }
    try {
      // A timer's statement (a relay's poll) may land inside one read: the fewer of two reads each.
      const least = async (id: number) => Math.min(await count(id), await count(id))
      expect(await least(other)).toBe(await least(threadId))
    } finally {
      Object.assign(proto, originals)
    }
  })
})

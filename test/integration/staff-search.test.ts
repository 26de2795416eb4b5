// Issue 21: moderators search the reports and audit entries of their own communities, by handle,
// rule or words; nobody else can, and nothing from another community shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, queueItemFor, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'

let rt: Runtime
let author: Member
let reporter: Member
let modGrief: Member
let modOther: Member
let admin: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  author = await buildMember(rt, { join: ['grief', 'recovery'] })
  reporter = await buildMember(rt, { join: ['grief', 'recovery'] })
  modGrief = await buildMember(rt, { join: ['grief'] })
  modOther = await buildMember(rt, { join: ['recovery'] })
  admin = await buildMember(rt)
  await grantRole(rt, modGrief, 'grief', 'moderator')
  await grantRole(rt, modOther, 'recovery', 'moderator')
  await rt.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', admin.id).execute()

  const { thread } = await startThread(author, 'grief', { title: 'Somewhere to talk', body: 'Hello all.' })
  const r = await reply(author, thread.id, 'Buy cheap things at my shop.')
  const postId = r.body.post.id as number
  const rep = await reporter.agent.post(`/api/v1/posts/${postId}/reports`).set(csrf(reporter)).send({ reason: 'spam', note: 'zqnote selling again' })
  expect(rep.status).toBe(201)
  const item = await queueItemFor(modGrief, postId)
  const hide = await modGrief.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(modGrief)).send({ action: 'hide', note: 'zqreason shop link' })
  expect(hide.status).toBe(200)
  // The same kind of report in another community: never in grief's moderators' results.
  const other = await startThread(author, 'recovery', { title: 'Elsewhere', body: 'Words.' })
  await reporter.agent.post(`/api/v1/posts/${other.post.id}/reports`).set(csrf(reporter)).send({ reason: 'spam', note: 'zqnote elsewhere' })
})
afterAll(async () => {
  await rt.close()
})

const search = (m: Member, q: Record<string, string>) => m.agent.get('/api/v1/moderation/search').query(q)

describe('moderators search reports and the audit log', () => {
  it('finds reports by words of the note, by the reporter or author handle, in their communities only', async () => {
    const byNote = await search(modGrief, { q: 'ZQNOTE' })
    expect(byNote.status).toBe(200)
    expect(byNote.body.reports.map((r: { note: string }) => r.note)).toEqual(['zqnote selling again'])
    expect((await search(modGrief, { q: reporter.handle })).body.reports).toHaveLength(1)
    expect((await search(modGrief, { q: author.handle })).body.reports[0]).toMatchObject({
      community: 'grief',
      reason: 'spam',
      reporter: { handle: reporter.handle },
    })
    expect((await search(modOther, { q: 'zqnote' })).body.reports.map((r: { note: string }) => r.note)).toEqual(['zqnote elsewhere'])
    expect((await search(admin, { q: 'zqnote' })).body.reports).toHaveLength(2)
  })

  it('finds audit entries by the actor handle and by words of the reason', async () => {
    const byActor = await search(modGrief, { q: modGrief.handle, kind: 'audit' })
    expect(byActor.status).toBe(200)
    expect(byActor.body.entries.length).toBeGreaterThan(0)
    expect(byActor.body.entries.every((e: { actor: { handle: string } }) => e.actor.handle === modGrief.handle)).toBe(true)
    expect((await search(modOther, { q: modGrief.handle, kind: 'audit' })).body.entries).toEqual([])
  })

  it('is refused to members and to another community, and bad input is a 400', async () => {
    expect((await search(reporter, { q: 'zqnote' })).status).toBe(403)
    expect((await search(modOther, { q: 'zqnote', community: 'grief' })).status).toBe(403)
    expect((await search(modGrief, { q: '' })).status).toBe(400)
    expect((await search(modGrief, { q: 'x'.repeat(10_000) })).status).toBe(400)
    expect((await search(modGrief, { q: 'x', kind: 'posts' })).status).toBe(400)
  })
})

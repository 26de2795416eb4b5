// Issue 19, item 2: a member downloads everything the forum holds about them as a zip: JSON of
// each kind of row plus a Markdown file per post with every revision; never others' reports
// about them; rate limited; no-store; a plain form with JavaScript off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { EXPORT_PAGE } from '../../server/services/data-export.ts'
import { buildMember, csrfHeader as csrf, grantRole, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'
import { binary, unzip } from '../support/zip.ts'

let rt: Runtime
let member: Member
let other: Member
let moderator: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  member = await buildMember(rt, { join: ['grief', 'recovery'] })
  other = await buildMember(rt, { join: ['grief'] })
  moderator = await buildMember(rt, { join: ['grief'] })
  await grantRole(rt, moderator, 'grief', 'moderator')
})
afterAll(async () => {
  await rt.close()
})

const download = (m: Member) => m.agent.get('/api/v1/me/export').buffer(true).parse(binary)

describe('exporting my data', () => {
  it('holds my account, memberships, posts with every revision, my reports, check-ins, notifications and preferences; not reports about me', async () => {
    const { thread, post } = await startThread(member, 'grief', { title: 'What I wrote first', body: 'Version one.' })
    expect((await member.agent.patch(`/api/v1/posts/${post.id}`).set(csrf(member)).send({ body: 'Version two.' })).status).toBe(200)
    const gone = (await reply(member, thread.id, 'A reply I deleted.')).body.post.id as number
    expect((await member.agent.delete(`/api/v1/posts/${gone}`).set(csrf(member))).status).toBe(204)
    // More posts than one page, so the keyset paging is crossed.
    for (let i = 0; i < EXPORT_PAGE + 3; i++)
      await rt.db
        .insertInto('post')
        .values({ thread_id: thread.id, community_id: 1, author_id: member.id, body: `bulk ${i}`, html: '', created_at: i })
        .execute()
    const theirs = await startThread(other, 'grief', { title: "Someone else's", body: 'Their words.' })
    expect((await reply(other, thread.id, 'A reply to you.')).status).toBe(201)
    // My report about them; their report about me (theirs, not mine to take).
    expect((await member.agent.post(`/api/v1/posts/${theirs.post.id}/reports`).set(csrf(member)).send({ reason: 'other', note: 'My own note.' })).status).toBe(
      201,
    )
    expect((await other.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(other)).send({ reason: 'other', note: 'Their secret note.' })).status).toBe(201)
    const item = await rt.db.selectFrom('review_item').select('id').where('post_id', '=', post.id).executeTakeFirstOrThrow()
    expect(
      (
        await moderator.agent
          .post(`/api/v1/moderation/items/${item.id}/resolve`)
          .set(csrf(moderator))
          .send({ action: 'check_in', message: 'How are you doing?' })
      ).status,
    ).toBe(200)

    const res = await download(member)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="alongside-${member.handle}-\\d{4}-\\d{2}-\\d{2}\\.zip"$`))
    const files = await unzip(res.body as Buffer)

    const account = JSON.parse(files.get('account.json')!)
    expect(account).toMatchObject({ id: member.id, handle: member.handle, email: null })
    expect(account.preferences.reading.suicide).toBe('collapsed')
    expect(JSON.parse(files.get('memberships.json')!).map((m: { community: string }) => m.community)).toEqual(['grief', 'recovery'])

    const posts = JSON.parse(files.get('posts.json')!) as { id: number; body: string; status: string; threadTitle?: string; revisions: { body: string }[] }[]
    expect(posts).toHaveLength(2 + EXPORT_PAGE + 3)
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length)
    const first = posts.find((p) => p.id === post.id)!
    expect(first).toMatchObject({ body: 'Version two.', threadTitle: 'What I wrote first' })
    expect(first.revisions.map((r) => r.body)).toEqual(['Version one.', 'Version two.'])
    expect(posts.find((p) => p.id === gone)).toMatchObject({ status: 'deleted', body: 'A reply I deleted.' })
    expect(files.get(`posts/${post.id}.md`)).toMatch(
      /# What I wrote first[\s\S]*## Revision 1[^\n]*\n\nVersion one\.[\s\S]*## Revision 2[^\n]*\n\nVersion two\./,
    )
    expect([...files.keys()].filter((n) => n.startsWith('posts/'))).toHaveLength(posts.length)

    const reports = JSON.parse(files.get('reports.json')!)
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ postId: theirs.post.id, note: 'My own note.' })
    const everything = [...files.values()].join('\n')
    expect(everything).not.toContain('Their secret note.')
    // The moderator did not sign their check-in: their handle is nowhere in the export.
    expect(everything).not.toContain(moderator.handle)
    expect(JSON.parse(files.get('check-ins.json')!)).toMatchObject([{ from: 'A moderator', body: 'How are you doing?' }])
    const notifications = JSON.parse(files.get('notifications.json')!) as { kind: string }[]
    expect(notifications.map((n) => n.kind)).toEqual(expect.arrayContaining(['reply_to_thread', 'moderator_message']))
    expect(JSON.parse(files.get('sessions.json')!)).toHaveLength(1)
  })

  it('works as a plain form post with JavaScript off, and needs its form token', async () => {
    const page = await member.agent.get('/settings/account')
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!
    expect((await member.agent.post('/settings/account/export').type('form').send({})).status).toBe(403)
    const res = await member.agent.post('/settings/account/export').type('form').send({ _csrf: token }).buffer(true).parse(binary)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    expect((await unzip(res.body as Buffer)).has('account.json')).toBe(true)
  })

  it('is rate limited per member, and signed out is 401', async () => {
    const m = await buildMember(rt)
    for (let i = 0; i < 5; i++) expect((await download(m)).status).toBe(200)
    const limited = await m.agent.get('/api/v1/me/export')
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('rate_limited')
    expect((await download(other)).status).toBe(200)
    const { default: request } = await import('supertest')
    expect((await request(rt.app).get('/api/v1/me/export')).status).toBe(401)
  })
})

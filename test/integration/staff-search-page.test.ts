// Issue 21: the staff search page. A moderator of one community finds that community's reports
// and audit entries and nothing of another's; members get the 403 page; admins see every
// community; whatever anyone typed comes back as text, never markup.
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, queueItemFor, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'

let rt: Runtime
let author: Member
let reporter: Member
let modGrief: Member
let modRecovery: Member
let admin: Member
let griefItem: number
let griefPost: { id: number; threadId: number }

const page = (m: Member, q: Record<string, string>) => m.agent.get('/mod/search').query(q)

beforeAll(async () => {
  rt = await startTestRuntime()
  author = await buildMember(rt, { join: ['grief', 'recovery'] })
  reporter = await buildMember(rt, { join: ['grief', 'recovery'] })
  modGrief = await buildMember(rt, { join: ['grief'] })
  modRecovery = await buildMember(rt, { join: ['recovery'] })
  admin = await buildMember(rt)
  await grantRole(rt, modGrief, 'grief', 'moderator')
  await grantRole(rt, modRecovery, 'recovery', 'moderator')
  await rt.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', admin.id).execute()

  const { thread } = await startThread(author, 'grief', { title: 'Somewhere to talk', body: 'Hello all.' })
  const r = await reply(author, thread.id, 'Buy cheap things at my shop.')
  griefPost = { id: r.body.post.id as number, threadId: thread.id }
  const rep = await reporter.agent
    .post(`/api/v1/posts/${griefPost.id}/reports`)
    .set(csrf(reporter))
    .send({ reason: 'spam', note: 'zqpage selling <b>again</b>' })
  expect(rep.status).toBe(201)
  griefItem = (await queueItemFor(modGrief, griefPost.id)).id as number
  const hide = await modGrief.agent.post(`/api/v1/moderation/items/${griefItem}/resolve`).set(csrf(modGrief)).send({ action: 'hide', note: 'zqpage shop link' })
  expect(hide.status).toBe(200)
  const other = await startThread(author, 'recovery', { title: 'Elsewhere', body: 'Words.' })
  const rep2 = await reporter.agent.post(`/api/v1/posts/${other.post.id}/reports`).set(csrf(reporter)).send({ reason: 'harassment', note: 'zqpage elsewhere' })
  expect(rep2.status).toBe(201)
})
afterAll(async () => {
  await rt.close()
})

describe('the staff search page', () => {
  it("a moderator of grief finds grief's reports in words, linked to the review item, and none of recovery's", async () => {
    const res = await page(modGrief, { q: 'zqpage' })
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.text).toContain('Spam or advertising')
    expect(res.text).toContain('Decided: a moderator acted on the post')
    expect(res.text).toContain(`href="/mod/items/${griefItem}"`)
    expect(res.text).toContain(`href="/t/${griefPost.threadId}/p/${griefPost.id}"`)
    expect(res.text).toContain(`reported by ${reporter.handle}`)
    expect(res.text).not.toContain('zqpage elsewhere')
    expect(res.text).not.toContain('Harassment or hostility')
    // The community filter offers grief only, and asking for recovery is refused in words.
    expect(res.text).toContain('<option value="grief"')
    expect(res.text).not.toContain('<option value="recovery"')
    const other = await page(modGrief, { q: 'zqpage', community: 'recovery' })
    expect(other.status).toBe(403)
    expect(other.text).toContain('You do not moderate that community.')
    expect(other.text).not.toContain('zqpage elsewhere')
  })

  it('audit entries read as actions in words, with their target and their place in the log', async () => {
    const res = await page(modGrief, { q: 'zqpage shop', kind: 'audit' })
    expect(res.status).toBe(200)
    expect(res.text).toContain(`${modGrief.handle} hid`)
    expect(res.text).toContain('Reason: zqpage shop link')
    const context = /href="(\/mod\/audit\?community=grief&amp;cursor=[^"]+)"/.exec(res.text)
    expect(context).not.toBeNull()
    const log = await modGrief.agent.get(context![1]!.replace(/&amp;/g, '&'))
    expect(log.status).toBe(200)
    expect(log.text).toContain('zqpage shop link')
    expect((await page(modRecovery, { q: 'zqpage shop', kind: 'audit' })).text).toContain('No audit log entries match')
  })

  it('an admin sees every community; pages go on through "Older results"', async () => {
    const first = await page(admin, { q: 'zqpage', limit: '1' })
    expect(first.status).toBe(200)
    expect(first.text).toContain('Harassment or hostility')
    expect(first.text).not.toContain('Spam or advertising')
    const older = /href="([^"]+)" rel="next">Older results/.exec(first.text)
    expect(older).not.toBeNull()
    const second = await admin.agent.get(older![1]!.replace(/&amp;/g, '&'))
    expect(second.text).toContain('Spam or advertising')
    expect(second.text).toContain('Newest results')
    expect(second.text).not.toContain('Older results')
  })

  it('members get the 403 page, guests are sent to log in', async () => {
    const res = await page(reporter, { q: 'zqpage' })
    expect(res.status).toBe(403)
    expect(res.headers['content-type']).toMatch(/html/)
    expect(res.text).toContain('Only moderators can search reports and the audit log.')
    expect(res.text).not.toContain('zqpage')
    const guest = await request(rt.app).get('/mod/search?q=zqpage')
    expect(guest.status).toBe(303)
    expect(guest.headers.location).toMatch(/^\/login\?next=/)
  })

  it('a query or a note holding HTML comes back as text', async () => {
    const res = await page(modGrief, { q: '<script>alert(1)</script>' })
    expect(res.status).toBe(200)
    expect(res.text).not.toContain('<script>alert(1)')
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const note = await page(modGrief, { q: 'zqpage selling' })
    expect(note.text).toContain('zqpage selling &lt;b&gt;again&lt;/b&gt;')
    const long = await page(modGrief, { q: 'x'.repeat(101) })
    expect(long.status).toBe(400)
    expect(long.text).toContain('at most 100 characters')
  })

  it('is linked from the queue and the audit log; a moderator’s post search shows a hidden post’s state in words', async () => {
    for (const url of ['/mod/queue', '/mod/audit']) expect((await modGrief.agent.get(url)).text).toContain('href="/mod/search"')
    const found = await modGrief.agent.get('/search').query({ q: 'cheap shop' })
    expect(found.text).toContain('Hidden by a moderator')
  })
})

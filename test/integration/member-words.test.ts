import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, grantRole, queueItemFor, startTestRuntime, startThread, type Member } from '../support/app.ts'

// Issue #19, words: no internal code shown to a person; a worried reporter hears about the person.
let rt: Runtime
let author: Member
let worried: Member
let annoyed: Member
let mod: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  ;[author, worried, annoyed, mod] = await Promise.all([0, 1, 2, 3].map(() => buildMember(rt, { join: ['grief'] })))
  await grantRole(rt, mod, 'grief', 'moderator')
})
afterAll(async () => {
  await rt.close()
})

const lastMessage = async (m: Member) =>
  ((await m.agent.get('/api/v1/notifications')).body.notifications as { kind: string; data: { message?: string } }[]).find(
    (n) => n.kind === 'moderation_outcome',
  )?.data.message

describe('words a person reads', () => {
  it('tells a worried reporter a moderator looked in on the person, not that the post was left up; reasons in words', async () => {
    const t = await startThread(author, 'grief', { title: 'Tired of everything', body: 'I am so tired of all of it.' })
    const report = (m: Member, reason: string) => m.agent.post(`/api/v1/posts/${t.post.id}/reports`).set('X-CSRF-Token', m.csrf).send({ reason })
    expect((await report(worried, 'worried')).status).toBe(201)
    expect((await report(annoyed, 'spam')).status).toBe(201)
    const item = await queueItemFor(mod, t.post.id)
    const page = (await mod.agent.get(`/mod/items/${item.id}`)).text
    expect(page).toContain('<strong>I&#39;m worried about this person</strong>')
    expect(page).toContain('<strong>Spam or advertising</strong>')
    expect(page).not.toMatch(/<strong>(worried|spam)<\/strong>/)
    await mod.agent.post(`/api/v1/moderation/items/${item.id}/claim`).set('X-CSRF-Token', mod.csrf).expect(200)
    await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set('X-CSRF-Token', mod.csrf).send({ action: 'approve' }).expect(200)
    expect(await lastMessage(worried)).toBe('A moderator has looked in on the person you were worried about. Thank you for caring about them.')
    expect(await lastMessage(annoyed)).toContain('decided to leave it up')
  })

  it('cites on the report form the guidelines members accepted', async () => {
    const t = await startThread(author, 'grief')
    const page = (await worried.agent.get(`/t/${t.thread.id}/p/${t.post.id}/report`)).text
    expect(page).toMatch(/<details class="guidelines"><summary>The guidelines members of [^<]+ accepted<\/summary><div class="prose">.+<\/div><\/details>/s)
  })

  it('shows on the join page the same rules the report form offers, and the member accepts them with the guidelines', async () => {
    const rules = await rt.services.leads.rulesToAccept('grief')
    expect(rules.length).toBeGreaterThan(0)
    const newcomer = await buildMember(rt)
    const join = (await newcomer.agent.get('/c/grief/join')).text
    expect(join).toContain('I have read these guidelines and rules and I will follow them')
    const t = await startThread(author, 'grief')
    const report = (await worried.agent.get(`/t/${t.thread.id}/p/${t.post.id}/report`)).text
    for (const r of rules) {
      const title = r.title.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;')
      expect(join).toContain(title)
      expect(report).toContain(title)
    }
  })

  it('offers in the composer only the warning categories the community has on, keeping those a post already has', async () => {
    const writer = await buildMember(rt, { join: ['recovery'] })
    const t = await startThread(writer, 'recovery', { contentWarnings: ['death'] })
    await rt.db
      .updateTable('community')
      .set({ settings: JSON.stringify({ warningCategories: ['substance_use', 'self_harm'] }) })
      .where('slug', '=', 'recovery')
      .execute()
    const fresh = (await writer.agent.get('/c/recovery/new')).text
    expect(fresh).toContain('id="cw-substance_use"')
    expect(fresh).toContain('>substance use</label>')
    expect(fresh).not.toContain('id="cw-death"')
    expect(fresh).not.toContain('id="cw-violence"')
    const inline = (await writer.agent.get(`/t/${t.thread.id}`)).text
    expect(inline).not.toContain('id="cw-violence"')
    const edit = (await writer.agent.get(`/t/${t.thread.id}/p/${t.post.id}/edit`)).text
    expect(edit).toMatch(/id="cw-death" name="contentWarnings" value="death" checked/)
    expect(edit).not.toContain('id="cw-violence"')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, queueItemFor, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { CALM_POST, URGENT_POST } from '../support/texts.ts'

// What reports must not reach or do, and what a hidden thread must not show: found by review,
// each once a real gap.

let rt: Runtime
let mod: Member
let poster: Member

const itemFor = (postId: number) => queueItemFor(mod, postId)
const setSettings = (slug: string, patch: Record<string, unknown>) =>
  rt.db
    .updateTable('community')
    .set((eb) => ({ settings: eb.fn('json_patch', [eb.ref('settings'), eb.val(JSON.stringify(patch))]) }))
    .where('slug', '=', slug)
    .execute()

beforeAll(async () => {
  rt = await startTestRuntime()
  mod = await buildMember(rt, { join: ['grief'] })
  await grantRole(rt, mod, 'grief', 'moderator')
  poster = await buildMember(rt, { join: ['grief'] })
})
afterAll(async () => {
  await rt.close()
})

describe('reports', () => {
  it('worried reports never hide a post, and complaints do not hide a post at crisis level', async () => {
    await setSettings('grief', { reportHideThreshold: 2 })
    try {
      const { post } = await startThread(poster, 'grief', { title: 'Tired', body: URGENT_POST + ' Bye.' })
      await waitScanned(rt, post.id)
      for (let i = 0; i < 3; i++) {
        const m = await buildMember(rt, { join: ['grief'] })
        const r = await m.agent
          .post(`/api/v1/posts/${post.id}/reports`)
          .set(csrf(m))
          .send({ reason: i === 0 ? 'worried' : 'spam' })
        expect(r.body.hiddenPendingReview).toBe(false)
      }
      const row = await rt.db.selectFrom('post').select('status').where('id', '=', post.id).executeTakeFirstOrThrow()
      expect(row.status).toBe('visible')

      const calm = await startThread(poster, 'grief', { title: 'Walk', body: CALM_POST + ' Long walk.' })
      await waitScanned(rt, calm.post.id)
      const worried = []
      for (let i = 0; i < 3; i++) {
        const m = await buildMember(rt, { join: ['grief'] })
        worried.push((await m.agent.post(`/api/v1/posts/${calm.post.id}/reports`).set(csrf(m)).send({ reason: 'worried' })).body.hiddenPendingReview)
      }
      expect(worried).toEqual([false, false, false])
      const two = []
      for (let i = 0; i < 2; i++) {
        const m = await buildMember(rt, { join: ['grief'] })
        two.push((await m.agent.post(`/api/v1/posts/${calm.post.id}/reports`).set(csrf(m)).send({ reason: 'harassment' })).body.hiddenPendingReview)
      }
      // Two complaints about the post itself reach the threshold of 2.
      expect(two).toEqual([false, true])
    } finally {
      await setSettings('grief', { reportHideThreshold: 3 })
    }
  })

  it('only a post the member can read can be reported, and from its own thread', async () => {
    const outsider = await buildMember(rt)
    await rt.db.updateTable('community').set({ visibility: 'members' }).where('slug', '=', 'recovery').execute()
    try {
      const insider = await buildMember(rt, { join: ['recovery'] })
      const { post } = await startThread(insider, 'recovery', { title: 'Day 30', body: CALM_POST + ' Thirty days.' })
      const r = await outsider.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(outsider)).send({ reason: 'spam' })
      expect(r.status).toBe(404) // as for an unknown post, naming no community
      expect(await rt.db.selectFrom('report').select('id').where('post_id', '=', post.id).executeTakeFirst()).toBeUndefined()
    } finally {
      await rt.db.updateTable('community').set({ visibility: 'public' }).where('slug', '=', 'recovery').execute()
    }

    // A hidden post shows others no text: it cannot be reported, and the answer does not say it exists.
    const { thread, post } = await startThread(poster, 'grief', { title: 'Plain', body: CALM_POST + ' Plain.' })
    const res = await reply(poster, thread.id, 'A reply that a moderator will hide.')
    const hiddenReply = res.body.post.id
    await rt.db.updateTable('post').set({ status: 'hidden' }).where('id', '=', hiddenReply).execute()
    const reader = await buildMember(rt, { join: ['grief'] })
    expect((await reader.agent.post(`/api/v1/posts/${hiddenReply}/reports`).set(csrf(reader)).send({ reason: 'spam' })).status).toBe(404)
    expect((await reader.agent.post(`/api/v1/posts/999999/reports`).set(csrf(reader)).send({ reason: 'spam' })).status).toBe(404)

    // The web form reports the post only from the thread it belongs to.
    const other = await startThread(poster, 'grief', { title: 'Other', body: CALM_POST + ' Other.' })
    const wrong = await reader.agent.post(`/t/${other.thread.id}/p/${post.id}/report`).type('form').send({ _csrf: reader.csrf, reason: 'spam' })
    expect(wrong.status).toBe(404)
    const right = await reader.agent.post(`/t/${thread.id}/p/${post.id}/report`).type('form').send({ _csrf: reader.csrf, reason: 'spam' })
    expect(right.status).toBe(303)
  })
})

describe('retired rules', () => {
  it('a rule a lead has retired can no longer be cited by a report', async () => {
    const lead = await buildMember(rt, { join: ['disability'] })
    await grantRole(rt, lead, 'disability', 'lead')
    const rules = (await lead.agent.get('/api/v1/communities/disability/rules')).body.rules as { id: number; title: string; body: string }[]
    expect(rules.length).toBeGreaterThan(1)
    const last = rules.at(-1)!
    expect(
      (
        await lead.agent
          .put('/api/v1/communities/disability/rules')
          .set(csrf(lead))
          .send({ rules: rules.slice(0, -1).map((r) => ({ title: r.title, body: r.body })) })
      ).status,
    ).toBe(200)
    const writer = await buildMember(rt, { join: ['disability'] })
    const { post } = await startThread(writer, 'disability', { title: 'Ramps', body: CALM_POST + ' Ramps.' })
    const reporter = await buildMember(rt, { join: ['disability'] })
    const res = await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'guideline', ruleId: last.id })
    expect(res.status).toBe(400)
    expect(res.body.error.fields.ruleId).toBe('not a rule of this community')
    expect((await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'guideline', ruleId: rules[0]!.id })).status).toBe(
      201,
    )
  })
})

describe('the report page', () => {
  it('says each problem at its field, tied to it, in words a person can act on, and keeps the note', async () => {
    const { thread, post } = await startThread(poster, 'grief', { title: 'Tea', body: CALM_POST + ' Tea.' })
    const reader = await buildMember(rt, { join: ['grief'] })
    const url = `/t/${thread.id}/p/${post.id}/report`
    const none = await reader.agent.post(url).type('form').send({ _csrf: reader.csrf, note: 'It felt off to me.' })
    expect(none.status).toBe(400)
    expect(none.text).toContain('<title>Error: Report a post')
    expect(none.text).toMatch(/<fieldset id="f-reason" aria-describedby="f-reason-error">/)
    expect(none.text).toMatch(/<p class="error" id="f-reason-error"><span class="vh">Error: <\/span>Reason choose why you are reporting it/)
    expect(none.text).toContain('It felt off to me.')
    const noRule = await reader.agent.post(url).type('form').send({ _csrf: reader.csrf, reason: 'guideline' })
    expect(noRule.status).toBe(400)
    expect(noRule.text).toMatch(/<select id="f-ruleId" name="ruleId" aria-describedby="f-ruleId-error" aria-invalid="true">/)
    expect(noRule.text).toContain('id="f-ruleId-error"')
  })
})

describe('a thread hidden or removed with its first post', () => {
  it('is gone for other readers, title and author included, and stays for its author and the moderators', async () => {
    const { thread, post } = await startThread(poster, 'grief', { title: 'Ring me on 07700 900123', body: CALM_POST + ' Ring me.' })
    await waitScanned(rt, post.id)
    const reporter = await buildMember(rt, { join: ['grief'] })
    await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'other', note: 'phone number' })
    const item = await itemFor(post.id)
    expect((await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod)).send({ action: 'hide' })).status).toBe(200)

    const guest = (await import('supertest')).default(rt.app)
    for (const who of [guest, reporter.agent]) {
      expect((await who.get(`/api/v1/threads/${thread.id}`)).status).toBe(404)
      expect((await who.get(`/t/${thread.id}`)).status).toBe(404)
      const list = await who.get('/api/v1/communities/grief/threads?limit=100')
      expect(list.body.threads.map((t: { id: number }) => t.id)).not.toContain(thread.id)
      expect((await who.get('/c/grief')).text).not.toContain('07700 900123')
      expect((await who.get('/')).text).not.toContain('07700 900123')
    }
    expect((await poster.agent.get(`/api/v1/threads/${thread.id}`)).status).toBe(200)
    expect((await poster.agent.get('/api/v1/communities/grief/threads?limit=100')).body.threads.map((t: { id: number }) => t.id)).toContain(thread.id)
    expect((await mod.agent.get(`/api/v1/threads/${thread.id}`)).status).toBe(200)
    // Its author is told why nobody else sees it.
    expect((await poster.agent.get(`/t/${thread.id}`)).text).toContain('A moderator has hidden this thread while it is looked at.')
    // And the list other readers get was not the author's, kept and shared.
    expect((await reporter.agent.get('/api/v1/communities/grief/threads?limit=100')).body.threads.map((t: { id: number }) => t.id)).not.toContain(thread.id)
    // A hidden thread stays hidden for good: the page holding it is still kept and shared with readers.
    const stats = () => rt.services.forum.pageCacheStats()
    const before = stats().hits
    for (let i = 0; i < 3; i++) expect((await guest.get('/api/v1/communities/grief/threads?limit=100')).status).toBe(200)
    expect(stats().hits - before).toBeGreaterThanOrEqual(2)
    expect((await poster.agent.get('/api/v1/communities/grief/threads?limit=100')).body.threads.map((t: { id: number }) => t.id)).toContain(thread.id)
  })

  it('a removed thread offers its author no reply form, and a reply is refused in words that say why', async () => {
    const { thread, post } = await startThread(poster, 'grief', { title: 'Removed one', body: CALM_POST + ' Removed.' })
    await waitScanned(rt, post.id)
    const reporter = await buildMember(rt, { join: ['grief'] })
    await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'other', note: 'breaks a rule' })
    const item = await itemFor(post.id)
    const ruleId = (
      await rt.db
        .selectFrom('community_rule')
        .innerJoin('community', 'community.id', 'community_rule.community_id')
        .select('community_rule.id')
        .where('community.slug', '=', 'grief')
        .executeTakeFirstOrThrow()
    ).id
    expect((await mod.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod)).send({ action: 'remove', ruleId })).status).toBe(200)
    const page = await poster.agent.get(`/t/${thread.id}`)
    expect(page.text).toContain('A moderator removed this thread, so it takes no new replies.')
    expect(page.text).not.toContain('action="/t/' + thread.id + '/reply"')
    const res = await reply(poster, thread.id, 'Can I still add this?')
    expect(res.status).toBe(409)
    expect(res.body.error.message).toBe('A moderator removed this thread, so it takes no new replies.')
  })
})

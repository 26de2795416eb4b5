import { CompiledQuery } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, grantRole, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'

/** An audit entry's before/after as these tests read them: a watched word's fields, or a list of rules. */
type AuditRules = Record<string, unknown> & { id?: number; body?: string }[]

// What a lead's tools must get right: found by review, each once a real gap.

let rt: Runtime
let lead: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  lead = await buildMember(rt, { join: ['caregiving'] })
  await grantRole(rt, lead, 'caregiving', 'lead')
})
afterAll(async () => {
  await rt.close()
})

const health = async () => (await lead.agent.get('/api/v1/communities/caregiving/health')).body

describe('the health dashboard', () => {
  it('counts a thread as waiting until someone else answers where others can see it', async () => {
    const author = await buildMember(rt, { join: ['caregiving'] })
    const other = await buildMember(rt, { join: ['caregiving'] })
    const bumped = await startThread(author, 'caregiving', { title: 'Bumped by its author', body: 'Anyone awake?' })
    await reply(author, bumped.thread.id, 'bump, anyone?')
    const heldOnly = await startThread(author, 'caregiving', { title: 'Only a held reply', body: 'Long night here.' })
    const held = await reply(other, heldOnly.thread.id, 'Same here, it is hard.')
    await rt.db.updateTable('post').set({ status: 'held' }).where('id', '=', held.body.post.id).execute()
    const answered = await startThread(author, 'caregiving', { title: 'Answered', body: 'Day off tomorrow.' })
    await reply(other, answered.thread.id, 'Enjoy it.')

    const h = await health()
    const waiting = h.unanswered.oldest.map((t: { threadId: number }) => t.threadId)
    expect(waiting).toEqual(expect.arrayContaining([bumped.thread.id, heldOnly.thread.id]))
    expect(waiting).not.toContain(answered.thread.id)
    expect(h.unanswered.count).toBe(waiting.length)
    // This week's first-reply figures count only the reply readers could see.
    expect(h.firstReply.at(-1)).toMatchObject({ threads: 3, answered: 1 })
  })

  it("finds each item's first claim by an index, not by reading the whole audit log", async () => {
    const plan = (
      await rt.db.executeQuery(
        CompiledQuery.raw(
          "explain query plan select min(a.created_at) from audit_log a where a.target_type = 'review_item' and a.target_id = ? and a.action = 'claim'",
          [1],
        ),
      )
    ).rows as { detail: string }[]
    expect(plan.map((r) => r.detail).join('\n')).toContain('audit_log_target_idx')
  })
})

describe('roles', () => {
  it("a lead cannot change a site admin's role", async () => {
    const admin = await buildMember(rt, { join: ['caregiving'] })
    await rt.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', admin.id).execute()
    await grantRole(rt, admin, 'caregiving', 'moderator')
    const res = await lead.agent.delete(`/api/v1/communities/caregiving/roles/${admin.handle}`).set(csrf(lead))
    expect(res.status).toBe(403)
    const m = await rt.db.selectFrom('membership').select('role').where('user_id', '=', admin.id).executeTakeFirstOrThrow()
    expect(m.role).toBe('moderator')
  })
})

describe('watched words', () => {
  it('a dry run reads a first post with its title, as the scan does', async () => {
    const writer = await buildMember(rt, { join: ['caregiving'] })
    const { post } = await startThread(writer, 'caregiving', { title: 'quuxword in the title', body: 'Nothing in the body.' })
    await waitScanned(rt, post.id)
    const res = await lead.agent.post('/api/v1/communities/caregiving/watched-words/dry-run').set(csrf(lead)).send({ phrase: 'quuxword', action: 'flag' })
    expect(res.status).toBe(200)
    expect(res.body.matched).toBe(1)
    expect(res.body.examples[0].match.toLowerCase()).toBe('quuxword')
  })

  it('the audit log keeps the whole word, and every rule with its text', async () => {
    const added = await lead.agent
      .post('/api/v1/communities/caregiving/watched-words')
      .set(csrf(lead))
      .send({ phrase: 'respite scam', action: 'block', message: 'Please do not share this.' })
    expect(added.status).toBe(201)
    await lead.agent.delete(`/api/v1/communities/caregiving/watched-words/${added.body.watchedWord.id}`).set(csrf(lead))
    const rules = (await lead.agent.get('/api/v1/communities/caregiving/rules')).body.rules as { title: string; body: string }[]
    await lead.agent
      .put('/api/v1/communities/caregiving/rules')
      .set(csrf(lead))
      .send({ rules: rules.map((r, i) => (i === 0 ? { title: r.title, body: `${r.body} (edited)` } : { title: r.title, body: r.body })) })
    const audit = (await lead.agent.get('/api/v1/moderation/audit?community=caregiving')).body.entries as {
      action: string
      before: AuditRules
      after: AuditRules
    }[]
    const add = audit.find((e) => e.action === 'add_watched_word')!
    expect(add.after).toMatchObject({
      phrase: 'respite scam',
      action: 'block',
      message: 'Please do not share this.',
      wholeWord: expect.any(Boolean),
      regex: false,
    })
    expect(audit.find((e) => e.action === 'remove_watched_word')!.before).toMatchObject({ phrase: 'respite scam', message: 'Please do not share this.' })
    const setRules = audit.find((e) => e.action === 'set_rules')!
    expect(setRules.before[0].body).toBe(rules[0]!.body)
    expect(setRules.after[0].body).toBe(`${rules[0]!.body} (edited)`)
    expect(setRules.after[0].id).toEqual(expect.any(Number))
    // The audit page says it in words.
    const page = await lead.agent.get('/mod/audit?community=caregiving')
    expect(page.text).toContain(`1. ${rules[0]!.title}`)
    expect(page.text).not.toContain('[object Object]')
  })
})

describe('rules', () => {
  const rulesOf = async (slug: string) =>
    (await lead.agent.get(`/api/v1/communities/${slug}/rules`)).body.rules as { id: number; position: number; title: string; body: string }[]

  it('removing a rule from the middle leaves the others their ids, so past removals still cite the right rule', async () => {
    const put = (rules: object[]) => lead.agent.put('/api/v1/communities/caregiving/rules').set(csrf(lead)).send({ rules })
    expect(
      (
        await put([
          { title: 'Be kind', body: 'a' },
          { title: 'No selling', body: 'b' },
          { title: 'No contact swaps', body: 'c' },
        ])
      ).status,
    ).toBe(200)
    const [kind, selling, swaps] = await rulesOf('caregiving')
    const res = await put([
      { id: kind!.id, title: 'Be kind', body: 'a' },
      { id: swaps!.id, title: 'No contact swaps', body: 'c' },
    ])
    expect(res.status).toBe(200)
    expect((await rulesOf('caregiving')).map((r) => [r.id, r.position, r.title])).toEqual([
      [kind!.id, 1, 'Be kind'],
      [swaps!.id, 2, 'No contact swaps'],
    ])
    const retired = await rt.db.selectFrom('community_rule').select(['title', 'retired']).where('id', '=', selling!.id).executeTakeFirstOrThrow()
    expect(retired).toEqual({ title: 'No selling', retired: 1 })
    // An id that is not a current rule of this community is refused, and nothing changes.
    const bad = await put([{ id: selling!.id, title: 'No selling', body: 'b' }])
    expect(bad.status).toBe(400)
    expect((await rulesOf('caregiving')).map((r) => r.id)).toEqual([kind!.id, swaps!.id])
  })

  it("the rules page carries each rule's id, so its Remove box retires only that rule", async () => {
    const before = await rulesOf('caregiving')
    expect(before.length).toBe(2)
    const page = await lead.agent.get('/c/caregiving/lead/rules')
    expect(page.text).toContain(`name="id_0" value="${before[0]!.id}"`)
    const res = await lead.agent
      .post('/c/caregiving/lead/rules')
      .type('form')
      .send({
        _csrf: lead.csrf,
        rows: '2',
        id_0: String(before[0]!.id),
        title_0: before[0]!.title,
        body_0: before[0]!.body,
        remove_0: 'yes',
        id_1: String(before[1]!.id),
        title_1: before[1]!.title,
        body_1: before[1]!.body,
      })
    expect(res.status).toBe(303)
    expect((await rulesOf('caregiving')).map((r) => [r.id, r.position])).toEqual([[before[1]!.id, 1]])
  })
})

import type { Role } from '../../server/db/schema.ts'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader, grantRole, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { CALM_POST, SPAM_POST, URGENT_POST } from '../support/texts.ts'
import { rowReaders } from '../support/rows.ts'

let rt: Runtime
let clock: ManualClock
let mod1: Member
let mod2: Member
let otherMod: Member
let lead: Member
let admin: Member
let poster: Member

const csrf = csrfHeader
const { scanned } = rowReaders(() => rt)
const grant = (m: Member, slug: string, role: Role) => grantRole(rt, m, slug, role)
const rule = async (slug: string, position = 1) =>
  (
    await rt.db
      .selectFrom('community_rule')
      .innerJoin('community', 'community.id', 'community_rule.community_id')
      .select('community_rule.id')
      .where('community.slug', '=', slug)
      .where('position', '=', position)
      .executeTakeFirstOrThrow()
  ).id
const queue = (m: Member, q = '') => m.agent.get(`/api/v1/moderation/queue${q}`)

beforeAll(async () => {
  clock = new ManualClock(Date.now())
  rt = await startTestRuntime({}, { clock })
  mod1 = await buildMember(rt, { join: ['grief'] })
  mod2 = await buildMember(rt, { join: ['grief'] })
  lead = await buildMember(rt, { join: ['grief'] })
  otherMod = await buildMember(rt, { join: ['recovery'] })
  poster = await buildMember(rt, { join: ['grief', 'recovery'] })
  await grant(mod1, 'grief', 'moderator')
  await grant(mod2, 'grief', 'moderator')
  await grant(lead, 'grief', 'lead')
  await grant(otherMod, 'recovery', 'moderator')
  admin = await buildMember(rt)
  await rt.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', admin.id).execute()
})
afterAll(async () => {
  await rt.close()
})

describe('the crisis path, embedded', () => {
  it('urgent post → top of the queue → author has resources → one moderator claims, another cannot → check-in → resolve → audited', async () => {
    const calm = await startThread(poster, 'grief', { body: CALM_POST })
    const reporter = await buildMember(rt, { join: ['grief'] })
    await reporter.agent.post(`/api/v1/posts/${calm.post.id}/reports`).set(csrf(reporter)).send({ reason: 'spam' })
    const { post } = await startThread(poster, 'grief', { title: 'I am done', body: URGENT_POST })
    await scanned(post.id)
    const q = await queue(mod1, '?community=grief')
    expect(q.status).toBe(200)
    const top = q.body.items[0]
    expect(top).toMatchObject({ community: 'grief', priority: 600, reason: 'urgent_crisis', post: { id: post.id } })
    expect(top.signals[0].evidence.length).toBeGreaterThan(0)
    expect(q.body.counts.byReason.urgent_crisis).toBe(1)
    const notes = await poster.agent.get('/api/v1/notifications')
    expect(notes.body.notifications.some((n: { kind: string }) => n.kind === 'crisis_resources')).toBe(true)

    expect((await mod1.agent.post(`/api/v1/moderation/items/${top.id}/claim`).set(csrf(mod1))).status).toBe(200)
    const second = await mod2.agent.post(`/api/v1/moderation/items/${top.id}/claim`).set(csrf(mod2))
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('claimed_by_another')
    expect((await mod2.agent.post(`/api/v1/moderation/items/${top.id}/resolve`).set(csrf(mod2)).send({ action: 'approve' })).status).toBe(409)

    const checkIn = await mod1.agent
      .post(`/api/v1/moderation/items/${top.id}/resolve`)
      .set(csrf(mod1))
      .send({ action: 'check_in', message: 'We are here with you. Would you call 988 or Samaritans on 116 123 tonight?' })
    expect(checkIn.body).toMatchObject({ action: 'check_in', resolved: false })
    const inbox = await poster.agent.get('/api/v1/notifications')
    const msg = inbox.body.notifications.find((n: { kind: string }) => n.kind === 'moderator_message')
    expect(msg.data.from).toBe('A moderator')
    expect(JSON.stringify(msg)).not.toContain(mod1.handle)
    const answer = await poster.agent.post(`/api/v1/check-ins/${msg.data.checkInId}/replies`).set(csrf(poster)).send({ body: 'Thank you. I called them.' })
    expect(answer.status).toBe(201)
    const item = await mod2.agent.get(`/api/v1/moderation/items/${top.id}`)
    expect(item.body.conversation.map((c: { from: string }) => c.from)).toEqual(['moderator', 'member'])

    const done = await mod1.agent
      .post(`/api/v1/moderation/items/${top.id}/resolve`)
      .set(csrf(mod1))
      .send({ action: 'approve', note: 'checked in; safe for now' })
    expect(done.body).toMatchObject({ action: 'approve', resolved: true })
    const audit = await mod2.agent.get('/api/v1/moderation/audit?community=grief')
    const actions = audit.body.entries
      .filter(
        (e: { target: { type: string; id: number } }) =>
          (e.target.type === 'review_item' && e.target.id === top.id) || e.target.id === post.id || e.target.id === poster.id,
      )
      .map((e: { action: string }) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['claim', 'check_in', 'approve', 'resolve']))
    expect(audit.body.entries[0].actor.handle).toBe(mod1.handle)
    const after = await queue(mod1, '?community=grief')
    expect(after.body.items.map((i: { id: number }) => i.id)).not.toContain(top.id)
  })
})

describe('queue order, claims and escalation', () => {
  it('orders by priority level, oldest first within a level', async () => {
    const m = await buildMember(rt, { join: ['caregiving'] })
    const cmod = await buildMember(rt, { join: ['caregiving'] })
    await grant(cmod, 'caregiving', 'moderator')
    const a = await startThread(m, 'caregiving', { body: 'An ordinary post about respite care.' })
    const b = await startThread(m, 'caregiving', { body: 'Another ordinary post about the carers allowance form.' })
    const r1 = await buildMember(rt, { join: ['caregiving'] })
    const r2 = await buildMember(rt, { join: ['caregiving'] })
    await r1.agent.post(`/api/v1/posts/${a.post.id}/reports`).set(csrf(r1)).send({ reason: 'harassment' })
    clock.advance(1000)
    await r1.agent.post(`/api/v1/posts/${b.post.id}/reports`).set(csrf(r1)).send({ reason: 'worried' })
    clock.advance(1000)
    await r2.agent.post(`/api/v1/posts/${a.post.id}/reports`).set(csrf(r2)).send({ reason: 'harassment' })
    const spam = await startThread(await buildMember(rt, { join: ['caregiving'] }), 'caregiving', { body: SPAM_POST })
    await scanned(spam.post.id)
    const q = await queue(cmod, '?community=caregiving')
    expect(q.body.items.map((i: { post: { id: number }; reason: string }) => [i.post.id, i.reason])).toEqual([
      [b.post.id, 'worried_report'],
      [a.post.id, 'multiple_reports'],
      [spam.post.id, 'spam'],
    ])
    const spamOnly = await queue(cmod, '?community=caregiving&reason=spam')
    expect(spamOnly.body.items).toHaveLength(1)
  })

  it('a claim expires after 15 minutes untouched', async () => {
    const { post } = await startThread(poster, 'grief', { body: 'Is it normal to still set two places at the table?' })
    const reporter = await buildMember(rt, { join: ['grief'] })
    await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'other', note: 'not sure this belongs here' })
    const item = (await queue(mod1, '?community=grief')).body.items.find((i: { post: { id: number } }) => i.post.id === post.id)
    await mod1.agent.post(`/api/v1/moderation/items/${item.id}/claim`).set(csrf(mod1))
    expect((await mod2.agent.post(`/api/v1/moderation/items/${item.id}/claim`).set(csrf(mod2))).status).toBe(409)
    clock.advance(15 * 60_000 + 1000)
    expect((await mod2.agent.post(`/api/v1/moderation/items/${item.id}/claim`).set(csrf(mod2))).status).toBe(200)
    expect((await mod1.agent.post(`/api/v1/moderation/items/${item.id}/release`).set(csrf(mod1))).status).toBe(409)
    expect((await mod2.agent.post(`/api/v1/moderation/items/${item.id}/release`).set(csrf(mod2))).status).toBe(200)
  })

  it('escalates an unclaimed urgent item to leads and admins after the limit, once', async () => {
    const { post } = await startThread(poster, 'grief', { body: URGENT_POST + ' Tonight.' })
    await scanned(post.id)
    expect(await rt.services.moderation.escalateOverdue()).toBe(0)
    clock.advance(9 * 60_000)
    expect(await rt.services.moderation.escalateOverdue()).toBe(0)
    clock.advance(2 * 60_000)
    expect(await rt.services.moderation.escalateOverdue()).toBe(1)
    expect(await rt.services.moderation.escalateOverdue()).toBe(0)
    for (const who of [lead, admin]) {
      const n = await who.agent.get('/api/v1/notifications')
      expect(n.body.notifications.some((x: { data: { kind: string; postId: number } }) => x.data.kind === 'escalation' && x.data.postId === post.id)).toBe(true)
    }
    const audit = await lead.agent.get('/api/v1/moderation/audit?community=grief&action=auto_escalate')
    expect(audit.body.entries.length).toBeGreaterThanOrEqual(1)
  })
})

describe('reports', () => {
  it('one report per member per post; a copy of the post as reported; the reporter is told the outcome without names', async () => {
    const writer = await buildMember(rt, { join: ['grief'] })
    const { post } = await startThread(writer, 'grief', { body: 'You are all idiots for grieving this long.' })
    const reporter = await buildMember(rt, { join: ['grief'] })
    const r = await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'harassment' })
    expect(r.status).toBe(201)
    const again = await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'spam' })
    expect(again.status).toBe(409)
    await writer.agent.patch(`/api/v1/posts/${post.id}`).set(csrf(writer)).send({ body: 'Hope everyone is ok.' })
    const item = (await queue(mod1, '?community=grief')).body.items.find((i: { post: { id: number } }) => i.post.id === post.id)
    expect(item.reports[0].postAsReported).toBe('You are all idiots for grieving this long.')
    const ruleId = await rule('grief', 1)
    const res = await mod1.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod1)).send({ action: 'remove', ruleId })
    expect(res.status).toBe(200)
    const outcome = (await reporter.agent.get('/api/v1/notifications')).body.notifications.find((n: { kind: string }) => n.kind === 'moderation_outcome')
    expect(outcome.data.message).toMatch(/took action/)
    expect(JSON.stringify(outcome)).not.toContain(writer.handle)
    const told = (await writer.agent.get('/api/v1/notifications')).body.notifications.find((n: { kind: string }) => n.kind === 'moderation_outcome')
    expect(told.data.message).toMatch(/A moderator removed your post .* rule 1: Be kind and respectful/)
    expect(JSON.stringify(told)).not.toContain(reporter.handle)
    expect(JSON.stringify(told)).not.toContain(mod1.handle)
    const read = await request(rt.app).get(`/api/v1/threads/${item.post.threadId}`)
    expect(read.status === 404 || read.body.posts[0].status === 'removed').toBe(true)
  })

  it('hides a post reported by N distinct members (default 3) pending review', async () => {
    const { thread, post } = await startThread(poster, 'grief', { title: 'Hide me', body: 'A post some people dislike.' })
    await reply(poster, thread.id, 'keeps the thread alive')
    for (let i = 0; i < 3; i++) {
      const r = await buildMember(rt, { join: ['grief'] })
      const res = await r.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(r)).send({ reason: 'misinformation' })
      expect(res.body.hiddenPendingReview).toBe(i === 2)
    }
    const row = await rt.db.selectFrom('post').select('status').where('id', '=', post.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('hidden')
  })

  it('validates reports: unknown reason, a rule from another community, own post, missing note', async () => {
    const { post } = await startThread(poster, 'grief')
    const r = await buildMember(rt, { join: ['grief'] })
    expect((await r.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(r)).send({ reason: 'boring' })).status).toBe(400)
    expect(
      (
        await r.agent
          .post(`/api/v1/posts/${post.id}/reports`)
          .set(csrf(r))
          .send({ reason: 'guideline', ruleId: await rule('recovery') })
      ).status,
    ).toBe(400)
    expect((await r.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(r)).send({ reason: 'other' })).status).toBe(400)
    expect((await poster.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(poster)).send({ reason: 'spam' })).status).toBe(400)
    expect((await r.agent.post(`/api/v1/posts/${post.id}/reports`).send({ reason: 'spam' })).status).toBe(403)
    expect((await request(rt.app).post(`/api/v1/posts/${post.id}/reports`).send({ reason: 'spam' })).status).toBe(401)
  })
})

describe('authorisation and enforcement', () => {
  it('a member gets 403 on every moderation endpoint; a moderator of one community sees nothing of another', async () => {
    const member = await buildMember(rt, { join: ['grief'] })
    const { post } = await startThread(poster, 'grief', { body: URGENT_POST + ' Really.' })
    await scanned(post.id)
    const itemId = (await queue(mod1, '?community=grief')).body.items[0].id
    const calls = [
      member.agent.get('/api/v1/moderation/queue'),
      member.agent.get(`/api/v1/moderation/items/${itemId}`),
      member.agent.post(`/api/v1/moderation/items/${itemId}/claim`).set(csrf(member)),
      member.agent.post(`/api/v1/moderation/items/${itemId}/release`).set(csrf(member)),
      member.agent.post(`/api/v1/moderation/items/${itemId}/resolve`).set(csrf(member)).send({ action: 'approve' }),
      member.agent
        .post('/api/v1/moderation/bulk')
        .set(csrf(member))
        .send({ itemIds: [itemId], action: 'approve' }),
      member.agent.get('/api/v1/moderation/audit'),
    ]
    for (const res of await Promise.all(calls)) {
      if (res.body.results) expect(res.body.results[0].ok).toBe(false)
      else expect(res.status).toBe(403)
    }
    const theirs = await queue(otherMod)
    expect(theirs.body.items.every((i: { community: string }) => i.community === 'recovery')).toBe(true)
    expect((await otherMod.agent.get(`/api/v1/moderation/items/${itemId}`)).status).toBe(403)
    expect((await queue(otherMod, '?community=grief')).status).toBe(403)
    const adminView = await queue(admin)
    expect(adminView.body.items.some((i: { id: number }) => i.id === itemId)).toBe(true)
  })

  it('silence stops posting in that community until it ends, with a clear message', async () => {
    const loud = await buildMember(rt, { join: ['grief', 'recovery'] })
    const { post } = await startThread(loud, 'grief', { body: 'Something rude.' })
    const r = await buildMember(rt, { join: ['grief'] })
    await r.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(r)).send({ reason: 'harassment' })
    const item = (await queue(mod1, '?community=grief&reason=report')).body.items.find((i: { post: { id: number } }) => i.post.id === post.id)
    const until = new Date(clock.now() + 24 * 3600_000).toISOString()
    const bad = await mod1.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod1)).send({ action: 'silence', until: '2001-01-01T00:00:00Z' })
    expect(bad.status).toBe(400)
    expect((await mod1.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod1)).send({ action: 'silence', until })).status).toBe(200)
    const blocked = await loud.agent.post('/api/v1/communities/grief/threads').set(csrf(loud)).send({ title: 't', body: 'b' })
    expect(blocked.status).toBe(403)
    expect(blocked.body.error.code).toBe('silenced')
    expect(blocked.body.error.message).toContain(until.slice(0, 10))
    expect((await loud.agent.post('/api/v1/communities/recovery/threads').set(csrf(loud)).send({ title: 't', body: 'b' })).status).toBe(201)
    clock.advance(24 * 3600_000 + 1000)
    expect((await loud.agent.post('/api/v1/communities/grief/threads').set(csrf(loud)).send({ title: 't', body: 'b' })).status).toBe(201)
  })

  it('admins suspend accounts site-wide; others cannot', async () => {
    const target = await buildMember(rt, { join: ['grief'] })
    expect((await mod1.agent.post(`/api/v1/admin/users/${target.handle}/suspension`).set(csrf(mod1)).send({ until: null, reason: 'x' })).status).toBe(403)
    const until = new Date(clock.now() + 3600_000).toISOString()
    const res = await admin.agent.post(`/api/v1/admin/users/${target.handle}/suspension`).set(csrf(admin)).send({ until, reason: 'spam wave' })
    expect(res.status).toBe(200)
    const blocked = await target.agent.post('/api/v1/communities/grief/threads').set(csrf(target)).send({ title: 't', body: 'b' })
    expect(blocked.body.error.code).toBe('suspended')
    await admin.agent.post(`/api/v1/admin/users/${target.handle}/suspension`).set(csrf(admin)).send({ until: null, reason: 'appeal upheld' })
    expect((await target.agent.post('/api/v1/communities/grief/threads').set(csrf(target)).send({ title: 't', body: 'b' })).status).toBe(201)
  })

  it('bulk-removes spam items and refuses non-spam items in bulk', async () => {
    const s1 = await startThread(await buildMember(rt, { join: ['grief'] }), 'grief', { body: SPAM_POST })
    const s2 = await startThread(await buildMember(rt, { join: ['grief'] }), 'grief', { body: SPAM_POST + ' Limited offer!' })
    await scanned(s1.post.id)
    await scanned(s2.post.id)
    const items = (await queue(mod1, '?community=grief&reason=spam')).body.items
    const ids = items.filter((i: { post: { id: number } }) => [s1.post.id, s2.post.id].includes(i.post.id)).map((i: { id: number }) => i.id)
    expect(ids).toHaveLength(2)
    const urgent = (await queue(mod1, '?community=grief&reason=urgent_crisis')).body.items[0]
    const res = await mod1.agent
      .post('/api/v1/moderation/bulk')
      .set(csrf(mod1))
      .send({ itemIds: [...ids, urgent.id], action: 'remove', ruleId: await rule('grief', 3) })
    expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false])
    const statuses = await rt.db.selectFrom('post').select('status').where('id', 'in', [s1.post.id, s2.post.id]).execute()
    expect(statuses.map((s) => s.status)).toEqual(['removed', 'removed'])
  })

  it('an edit to an approved post goes back through the pipeline and, if it trips anything, back to the queue', async () => {
    const writer = await buildMember(rt, { join: ['grief'] })
    const { post } = await startThread(writer, 'grief', { body: 'My mum would have been 70 today.' })
    const r = await buildMember(rt, { join: ['grief'] })
    await r.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(r)).send({ reason: 'other', note: 'just checking' })
    const item = (await queue(mod1, '?community=grief')).body.items.find((i: { post: { id: number } }) => i.post.id === post.id)
    await mod1.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrf(mod1)).send({ action: 'approve' })
    await scanned(post.id)
    await writer.agent.patch(`/api/v1/posts/${post.id}`).set(csrf(writer)).send({ body: URGENT_POST })
    await waitScanned(rt, post.id, { revision: 2 })
    const reopened = (await queue(mod1, '?community=grief')).body.items.find((i: { post: { id: number } }) => i.post.id === post.id)
    expect(reopened).toMatchObject({ reason: 'urgent_crisis', priority: 600 })
    expect(reopened.id).not.toBe(item.id)
  })

  it('the audit log is append-only in the database', async () => {
    await expect(rt.db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(/append-only/)
    await expect(rt.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/)
  })
})

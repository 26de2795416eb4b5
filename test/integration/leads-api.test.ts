import type { Role } from '../../server/db/schema.ts'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader, grantRole, joinCommunity, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'
import { rowReaders } from '../support/rows.ts'

let rt: Runtime
let clock: ManualClock
let lead: Member
let mod: Member
let member: Member
let otherLead: Member

const csrf = csrfHeader
const grant = (m: Member, slug: string, role: Role) => grantRole(rt, m, slug, role)
const { postRow, scanned, openItem } = rowReaders(() => rt)
const patch = (m: Member, slug: string, body: object) => m.agent.patch(`/api/v1/communities/${slug}/settings`).set(csrf(m)).send(body)
const addWord = (m: Member, slug: string, body: object) => m.agent.post(`/api/v1/communities/${slug}/watched-words`).set(csrf(m)).send(body)

beforeAll(async () => {
  clock = new ManualClock(Date.now())
  rt = await startTestRuntime({}, { clock })
  lead = await buildMember(rt, { join: ['recovery', 'grief'] })
  mod = await buildMember(rt, { join: ['recovery'] })
  member = await buildMember(rt, { join: ['recovery'] })
  otherLead = await buildMember(rt, { join: ['grief', 'recovery'] })
  await grant(lead, 'recovery', 'lead')
  await grant(mod, 'recovery', 'moderator')
  await grant(otherLead, 'grief', 'lead')
})
afterAll(async () => {
  await rt.close()
})

describe('guidelines', () => {
  it('a new version blocks posting until the member accepts it; reading stays open; history is visible', async () => {
    const v = await lead.agent
      .put('/api/v1/communities/recovery/guidelines')
      .set(csrf(lead))
      .send({ markdown: '# Recovery guidelines v2\n\nBe gentle with each other, always.' })
    expect(v.status).toBe(201)
    expect(v.body.version).toBe(2)
    const blocked = await member.agent.post('/api/v1/communities/recovery/threads').set(csrf(member)).send({ title: 't', body: 'b' })
    expect(blocked.status).toBe(403)
    expect(blocked.body.error.code).toBe('guidelines_not_accepted')
    expect((await member.agent.get('/api/v1/communities/recovery/threads')).status).toBe(200)
    const note = (await member.agent.get('/api/v1/notifications')).body.notifications.find((n: { kind: string }) => n.kind === 'guidelines_updated')
    expect(note.data).toMatchObject({ community: 'recovery', version: 2 })
    expect((await member.agent.post('/api/v1/communities/recovery/membership').set(csrf(member)).send({ acceptedGuidelinesVersion: 2 })).status).toBe(200)
    expect((await member.agent.post('/api/v1/communities/recovery/threads').set(csrf(member)).send({ title: 't', body: 'b' })).status).toBe(201)
    const history = await request(rt.app).get('/api/v1/communities/recovery/guidelines/versions')
    expect(history.body.versions.map((x: { version: number }) => x.version)).toEqual([2, 1])
    for (const m of [lead, mod, otherLead]) await joinCommunity(m, 'recovery')
  })
})

describe('watched words', () => {
  it('refuses a malicious regular expression with a clear message', async () => {
    const res = await addWord(lead, 'recovery', { phrase: 'a{0,1000}a{0,1000}x', regex: true, action: 'flag' })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('unsafe_pattern')
    expect(res.body.error.message).toMatch(/too large|repeat/i)
    const invalid = await addWord(lead, 'recovery', { phrase: '(unclosed', regex: true, action: 'flag' })
    expect(invalid.status).toBe(400)
    expect(invalid.body.error.message).toMatch(/not a valid pattern/i)
  })

  it('dry-runs a word over recent published posts before saving', async () => {
    const w = await buildMember(rt, { join: ['recovery'] })
    await startThread(w, 'recovery', { body: 'My sponsor says the meetings on Tuesday are the best ones.' })
    await startThread(w, 'recovery', { body: 'Found a new meeting near the station; the sponsor there is lovely.' })
    const res = await lead.agent.post('/api/v1/communities/recovery/watched-words/dry-run').set(csrf(lead)).send({ phrase: 'sponsor', action: 'flag' })
    expect(res.status).toBe(200)
    expect(res.body.matched).toBe(2)
    expect(res.body.examined).toBeGreaterThanOrEqual(2)
    expect(res.body.examples[0].match.toLowerCase()).toBe('sponsor')
    const none = await lead.agent.post('/api/v1/communities/recovery/watched-words/dry-run').set(csrf(lead)).send({ phrase: 'xylophone', action: 'flag' })
    expect(none.body.matched).toBe(0)
    expect((await lead.agent.get('/api/v1/communities/recovery/watched-words')).body.watchedWords).toEqual([])
  })

  it('each action does what it says, through look-alike letters too', async () => {
    const flag = await addWord(lead, 'recovery', { phrase: 'plug', action: 'flag' })
    expect(flag.status).toBe(201)
    await addWord(lead, 'recovery', { phrase: 'my dealer', action: 'hold' })
    await addWord(lead, 'recovery', { phrase: 'benzos', action: 'warn', category: 'substance_use' })
    await addWord(lead, 'recovery', { phrase: 'rehab deal', action: 'block', message: 'Please do not advertise treatment programmes here.' })
    const w = await buildMember(rt, { join: ['recovery'] })
    const { thread } = await startThread(w, 'recovery', { body: 'Starting a thread about weekends.' })
    const f = await reply(w, thread.id, 'Does anyone know a good \u0440lug for help with forms?') // Cyrillic р looks like p
    const fRow = await scanned(f.body.post.id)
    expect(fRow.status).toBe('visible')
    expect(await openItem(f.body.post.id)).toMatchObject({ reason: 'rule' })
    const h = await reply(w, thread.id, 'I ran into mу dеаlеr at the shops today.') // Cyrillic у, е, а
    expect((await scanned(h.body.post.id)).status).toBe('held')
    const warned = await reply(w, thread.id, 'Coming off b3nz0s slowly with my doctor.')
    expect(JSON.parse((await scanned(warned.body.post.id)).content_warnings)).toContain('substance_use')
    const blocked = await reply(w, thread.id, 'Best rehаb deal in town, message me')
    expect(blocked.status).toBe(422)
    expect(blocked.body.error.message).toBe('Please do not advertise treatment programmes here.')
    const words = (await mod.agent.get('/api/v1/communities/recovery/watched-words')).body.watchedWords
    expect(words).toHaveLength(4)
    expect((await lead.agent.delete(`/api/v1/communities/recovery/watched-words/${words[3].id}`).set(csrf(lead))).status).toBe(204)
    expect((await reply(w, thread.id, 'Best rehab deal in town')).status).toBe(201)
  })
})

describe('safety settings', () => {
  it('holds a new member’s first posts, then lets them through', async () => {
    expect((await patch(lead, 'recovery', { newMemberHoldPosts: 1 })).status).toBe(200)
    const fresh = await buildMember(rt, { join: ['recovery'] })
    const first = await startThread(fresh, 'recovery', { body: 'Hello, I am new here and a bit nervous.' })
    expect((await postRow(first.post.id)).status).toBe('held')
    expect(await openItem(first.post.id)).toMatchObject({ reason: 'new_member' })
    const second = await startThread(fresh, 'recovery', { body: 'Day three without a drink.' })
    expect((await postRow(second.post.id)).status).toBe('visible')
    await patch(lead, 'recovery', { newMemberHoldPosts: 0, newMemberHoldDays: 2 })
    const young = await buildMember(rt, { join: ['recovery'] })
    const p = await startThread(young, 'recovery', { body: 'Checking in from a new account.' })
    expect((await postRow(p.post.id)).status).toBe('held')
    clock.advance(2 * 86_400_000 + 1000)
    const later = await startThread(young, 'recovery', { body: 'Checking in again two days later.' })
    expect((await postRow(later.post.id)).status).toBe('visible')
    await patch(lead, 'recovery', { newMemberHoldDays: 0 })
  })

  it('holds links from accounts younger than the links rule', async () => {
    await patch(lead, 'recovery', { linksMinAccountDays: 7 })
    const fresh = await buildMember(rt, { join: ['recovery'] })
    const { post } = await startThread(fresh, 'recovery', { body: 'This helped me: https://www.samhsa.gov/find-help/national-helpline' })
    expect((await scanned(post.id)).status).toBe('held')
    clock.advance(8 * 86_400_000)
    const ok = await startThread(fresh, 'recovery', { body: 'Still finding this useful: https://www.samhsa.gov/find-help/national-helpline' })
    expect((await scanned(ok.post.id)).status).toBe('visible')
    await patch(lead, 'recovery', { linksMinAccountDays: 0 })
  })

  it('visibility: members-only hides threads from guests and non-members, at once', async () => {
    const { thread } = await startThread(member, 'recovery', { body: 'A members-only test post.' })
    expect((await patch(lead, 'recovery', { visibility: 'members' })).body.settings.visibility).toBe('members')
    // As for an unknown thread: a members-only community's threads are not there for outsiders.
    expect((await request(rt.app).get(`/api/v1/threads/${thread.id}`)).status).toBe(404)
    const outsider = await buildMember(rt)
    expect((await outsider.agent.get('/api/v1/communities/recovery/threads')).status).toBe(403)
    expect((await member.agent.get(`/api/v1/threads/${thread.id}`)).status).toBe(200)
    await patch(lead, 'recovery', { visibility: 'signed_in' })
    expect((await outsider.agent.get(`/api/v1/threads/${thread.id}`)).status).toBe(200)
    expect((await request(rt.app).get(`/api/v1/threads/${thread.id}`)).status).toBe(401)
    await patch(lead, 'recovery', { visibility: 'public' })
  })

  it('validates settings and rejects unknown ones', async () => {
    const bad = await patch(lead, 'recovery', { spamHoldThreshold: 3, colour: 'blue' })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.error.fields).join(' ')).toMatch(/spamHoldThreshold|colour/)
    const cats = await patch(lead, 'recovery', { warningCategories: ['suicide'] })
    expect(cats.body.settings.warningCategories).toEqual(['suicide'])
    const fresh = await buildMember(rt, { join: ['recovery'] })
    const { post } = await startThread(fresh, 'recovery', { body: 'I relapsed last night and drank a whole bottle of vodka, then more.' })
    expect(JSON.parse((await scanned(post.id)).content_warnings)).not.toContain('substance_use')
    await patch(lead, 'recovery', { warningCategories: ['suicide', 'self_harm', 'substance_use', 'eating_disorder', 'abuse', 'violence', 'death'] })
  })
})

describe('rules and crisis resources', () => {
  it('replaces the rules list, keeping ids by position, and uses them as removal reasons', async () => {
    const before = (await request(rt.app).get('/api/v1/communities/recovery/rules')).body.rules
    const res = await lead.agent
      .put('/api/v1/communities/recovery/rules')
      .set(csrf(lead))
      .send([
        { title: 'Kindness first', body: 'Always.' },
        { title: 'No sourcing', body: 'Never.' },
      ])
    expect(res.status).toBe(200)
    expect(res.body.rules.map((r: { title: string }) => r.title)).toEqual(['Kindness first', 'No sourcing'])
    expect(res.body.rules[0].id).toBe(before[0].id)
    expect(
      (
        await lead.agent
          .put('/api/v1/communities/recovery/rules')
          .set(csrf(lead))
          .send([{ title: '' }])
      ).status,
    ).toBe(400)
  })

  it('edits the crisis lines members are shown; refuses an empty list', async () => {
    const list = [
      { name: 'SAMHSA National Helpline', contact: '1-800-662-4357', url: 'https://www.samhsa.gov/find-help/national-helpline', region: 'US', hours: '24/7' },
    ]
    const res = await lead.agent.put('/api/v1/communities/recovery/crisis-resources').set(csrf(lead)).send(list)
    expect(res.status).toBe(200)
    const shown = await request(rt.app).get('/api/v1/communities/recovery')
    expect(shown.body.community.crisisResources).toEqual([{ ...list[0] }])
    expect((await lead.agent.put('/api/v1/communities/recovery/crisis-resources').set(csrf(lead)).send([])).status).toBe(400)
    expect(
      (
        await lead.agent
          .put('/api/v1/communities/recovery/crisis-resources')
          .set(csrf(lead))
          .send([{ ...list[0], url: 'javascript:alert(1)' }])
      ).status,
    ).toBe(400)
  })
})

describe('appointments and authority', () => {
  it('an appointment grants exactly the powers of the role, and its removal takes them away', async () => {
    const m = await buildMember(rt, { join: ['recovery'] })
    expect((await m.agent.get('/api/v1/moderation/queue?community=recovery')).status).toBe(403)
    expect((await lead.agent.put(`/api/v1/communities/recovery/roles/${m.handle}`).set(csrf(lead)).send({ role: 'moderator' })).status).toBe(200)
    expect((await m.agent.get('/api/v1/moderation/queue?community=recovery')).status).toBe(200)
    expect((await patch(m, 'recovery', { reportHideThreshold: 5 })).status).toBe(403)
    expect((await m.agent.get('/api/v1/moderation/queue?community=grief')).status).toBe(403)
    expect((await lead.agent.delete(`/api/v1/communities/recovery/roles/${m.handle}`).set(csrf(lead))).status).toBe(204)
    expect((await m.agent.get('/api/v1/moderation/queue?community=recovery')).status).toBe(403)
    expect((await lead.agent.put(`/api/v1/communities/recovery/roles/${m.handle}`).set(csrf(lead)).send({ role: 'lead' })).status).toBe(403)
    const notJoined = await buildMember(rt)
    expect((await lead.agent.put(`/api/v1/communities/recovery/roles/${notJoined.handle}`).set(csrf(lead)).send({ role: 'moderator' })).status).toBe(400)
  })

  it('a lead of one community can change nothing in another; a moderator cannot change settings', async () => {
    const calls = [
      otherLead.agent
        .put('/api/v1/communities/recovery/guidelines')
        .set(csrf(otherLead))
        .send({ markdown: 'x'.repeat(30) }),
      otherLead.agent
        .put('/api/v1/communities/recovery/rules')
        .set(csrf(otherLead))
        .send([{ title: 'x', body: '' }]),
      patch(otherLead, 'recovery', { reportHideThreshold: 9 }),
      addWord(otherLead, 'recovery', { phrase: 'x', action: 'flag' }),
      otherLead.agent
        .put('/api/v1/communities/recovery/crisis-resources')
        .set(csrf(otherLead))
        .send([{ name: 'x', contact: 'x', region: 'x' }]),
      otherLead.agent.put(`/api/v1/communities/recovery/roles/${member.handle}`).set(csrf(otherLead)).send({ role: 'moderator' }),
      patch(mod, 'recovery', { reportHideThreshold: 9 }),
      mod.agent
        .put('/api/v1/communities/recovery/guidelines')
        .set(csrf(mod))
        .send({ markdown: 'x'.repeat(30) }),
      addWord(mod, 'recovery', { phrase: 'x', action: 'flag' }),
      member.agent.get('/api/v1/communities/recovery/settings'),
      member.agent.get('/api/v1/communities/recovery/health'),
    ]
    for (const res of await Promise.all(calls)) expect(res.status).toBe(403)
    expect((await mod.agent.get('/api/v1/communities/recovery/settings')).status).toBe(200)
  })

  it('writes every change a lead makes to the audit log', async () => {
    const audit = await lead.agent.get('/api/v1/moderation/audit?community=recovery')
    const actions = new Set(audit.body.entries.map((e: { action: string }) => e.action))
    for (const a of [
      'publish_guidelines',
      'add_watched_word',
      'remove_watched_word',
      'update_settings',
      'set_rules',
      'set_crisis_resources',
      'appoint',
      'remove_role',
    ])
      expect(actions, a).toContain(a)
    const settingsChange = audit.body.entries.find((e: { action: string }) => e.action === 'update_settings')
    expect(settingsChange.before).toBeDefined()
    expect(settingsChange.after).toBeDefined()
  })
})

describe('health dashboard', () => {
  it('matches a seeded history computed by hand', async () => {
    const dash = await startTestRuntime({}, { clock: new ManualClock(Date.parse('2026-01-12T08:00:00Z')) })
    const c = dash.clock as ManualClock
    try {
      const at = (s: string) => c.set(Date.parse(s))
      const m1 = await buildMember(dash, { join: ['caregiving'] })
      const m2 = await buildMember(dash, { join: ['caregiving'] })
      const m3 = await buildMember(dash, { join: ['caregiving'] })
      const cmod = await buildMember(dash, { join: ['caregiving'] })
      await dash.db.updateTable('membership').set({ role: 'lead' }).where('user_id', '=', cmod.id).execute()
      at('2026-01-12T09:00:00Z')
      const d = await startThread(m3, 'caregiving', { title: 'D', body: 'Respite week is booked, finally.' })
      at('2026-01-12T09:10:00Z')
      await reply(m1, d.thread.id, 'So glad for you, enjoy the rest.')
      at('2026-01-19T10:00:00Z')
      const a = await startThread(m1, 'caregiving', { title: 'A', body: 'Anyone else doing night shifts with their dad?' })
      at('2026-01-19T10:30:00Z')
      await reply(m2, a.thread.id, 'Every night this month. It is exhausting.')
      at('2026-01-19T11:00:00Z')
      const b = await startThread(m1, 'caregiving', { title: 'B', body: 'The council assessment letter came today.' })
      at('2026-01-19T13:00:00Z')
      const bReply = await reply(m3, b.thread.id, 'Ours took six weeks, hang in there.')
      at('2026-01-20T09:00:00Z')
      const cThread = await startThread(m2, 'caregiving', { title: 'C', body: 'Does anyone have tips for bath time with a hoist?' })
      at('2026-01-20T10:00:00Z')
      await m3.agent.post(`/api/v1/posts/${cThread.post.id}/reports`).set(csrf(m3)).send({ reason: 'spam' })
      const item1 = (await dash.db.selectFrom('review_item').select('id').where('post_id', '=', cThread.post.id).executeTakeFirstOrThrow()).id
      at('2026-01-20T10:20:00Z')
      expect((await cmod.agent.post(`/api/v1/moderation/items/${item1}/claim`).set(csrf(cmod))).status).toBe(200)
      at('2026-01-20T10:50:00Z')
      expect((await cmod.agent.post(`/api/v1/moderation/items/${item1}/resolve`).set(csrf(cmod)).send({ action: 'approve' })).status).toBe(200)
      at('2026-01-21T09:00:00Z')
      await m1.agent.post(`/api/v1/posts/${bReply.body.post.id}/reports`).set(csrf(m1)).send({ reason: 'worried' })
      at('2026-01-21T12:00:00Z')
      await dash.pipeline.relay.idle()
      // Only the two reports opened items: the pipeline found nothing in these calm posts.
      expect((await dash.db.selectFrom('review_item').select('id').execute()).length).toBe(2)

      const res = await cmod.agent.get('/api/v1/communities/caregiving/health')
      expect(res.status).toBe(200)
      const h = res.body
      expect(h.unanswered).toEqual({ count: 1, oldest: [{ threadId: cThread.thread.id, title: 'C', createdAt: '2026-01-20T09:00:00.000Z', waitingHours: 27 }] })
      expect(h.firstReply).toHaveLength(8)
      expect(h.firstReply.at(-1)).toEqual({ weekStart: '2026-01-19T00:00:00.000Z', threads: 3, answered: 2, medianMinutes: 30, p90Minutes: 120 })
      expect(h.firstReply.at(-2)).toEqual({ weekStart: '2026-01-12T00:00:00.000Z', threads: 1, answered: 1, medianMinutes: 10, p90Minutes: 10 })
      expect(h.firstReply.at(-3)).toMatchObject({ threads: 0, answered: 0, medianMinutes: null })
      expect(h.queue.daily).toHaveLength(14)
      expect(h.queue.daily.at(-1)).toEqual({ date: '2026-01-21', opened: 1, cleared: 0 })
      expect(h.queue.daily.at(-2)).toEqual({ date: '2026-01-20', opened: 1, cleared: 1 })
      expect(h.queue.byReason).toEqual([
        { reason: 'report', opened: 1, resolved: 1, medianClaimMinutes: 20, medianResolveMinutes: 50 },
        { reason: 'worried_report', opened: 1, resolved: 0, medianClaimMinutes: null, medianResolveMinutes: null },
      ])
      expect(h.queue.urgent).toMatchObject({ count: 0, medianClaimMinutes: null })
      expect(h.members.at(-2)).toEqual({ weekStart: '2026-01-12T00:00:00.000Z', joined: 4, posting: 2, returning: 0 })
      expect(h.members.at(-1)).toEqual({ weekStart: '2026-01-19T00:00:00.000Z', joined: 0, posting: 3, returning: 2 })
    } finally {
      await dash.close()
    }
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader, grantRole, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { URGENT_POST } from '../support/texts.ts'

const HOUR = 3_600_000

let rt: Runtime
let clock: ManualClock
let admin: Member
let poster: Member

const csrf = csrfHeader
const queue = (m: Member) => m.agent.get('/api/v1/moderation/queue?community=grief')
const resolve = (m: Member, itemId: number) => m.agent.post(`/api/v1/moderation/items/${itemId}/resolve`).set(csrf(m)).send({ action: 'approve' })
const patchSettings = (m: Member, slug: string, body: object) => m.agent.patch(`/api/v1/communities/${slug}/settings`).set(csrf(m)).send(body)
const addWord = (m: Member, slug: string, phrase: string) =>
  m.agent.post(`/api/v1/communities/${slug}/watched-words`).set(csrf(m)).send({ phrase, action: 'flag' })
const itemRow = (id: number) => rt.db.selectFrom('review_item').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

/** Suspends through the admin API, for `ms` from now on the test clock. */
async function suspend(m: Member, ms: number) {
  const res = await admin.agent
    .post(`/api/v1/admin/users/${m.handle}/suspension`)
    .set(csrf(admin))
    .send({ until: new Date(clock.now() + ms).toISOString(), reason: 'test' })
  expect(res.status).toBe(200)
}

async function staff(slug: string, role: 'moderator' | 'lead') {
  const m = await buildMember(rt, { join: [slug] })
  await grantRole(rt, m, slug, role)
  return m
}

/** A reported post in grief: an open review item its moderators can act on. */
async function openItem(): Promise<number> {
  const { post } = await startThread(poster, 'grief', { body: 'Does anyone else keep their voicemail greeting?' })
  const reporter = await buildMember(rt, { join: ['grief'] })
  expect((await reporter.agent.post(`/api/v1/posts/${post.id}/reports`).set(csrf(reporter)).send({ reason: 'spam' })).status).toBe(201)
  const item = await rt.db.selectFrom('review_item').select('id').where('post_id', '=', post.id).where('status', '=', 'open').executeTakeFirstOrThrow()
  return item.id
}

beforeAll(async () => {
  clock = new ManualClock(Date.now())
  rt = await startTestRuntime({}, { clock })
  poster = await buildMember(rt, { join: ['grief'] })
  admin = await buildMember(rt)
  await rt.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', admin.id).execute()
})
afterAll(async () => {
  await rt.close()
})

describe('a suspended moderator', () => {
  it('cannot act on review items, and the item stays open', async () => {
    const mod = await staff('grief', 'moderator')
    const itemId = await openItem()
    await suspend(mod, HOUR)
    expect((await mod.agent.get(`/api/v1/moderation/items/${itemId}`)).status).toBe(403)
    expect((await mod.agent.post(`/api/v1/moderation/items/${itemId}/claim`).set(csrf(mod))).status).toBe(403)
    expect((await resolve(mod, itemId)).status).toBe(403)
    expect((await itemRow(itemId)).status).toBe('open')
  })

  it('cannot see the review queue or the audit log', async () => {
    const mod = await staff('grief', 'moderator')
    await suspend(mod, HOUR)
    expect((await queue(mod)).status).toBe(403)
    expect((await mod.agent.get('/api/v1/moderation/audit?community=grief')).status).toBe(403)
  })

  it('is told the refusal is because the account is suspended', async () => {
    const mod = await staff('grief', 'moderator')
    const itemId = await openItem()
    await suspend(mod, HOUR)
    for (const res of [await queue(mod), await resolve(mod, itemId)]) {
      expect(res.body.error.code).toBe('suspended')
      expect(res.body.error.message).toMatch(/suspended/i)
    }
  })

  it('can still read the community as a member does', async () => {
    const mod = await staff('grief', 'moderator')
    await suspend(mod, HOUR)
    expect((await mod.agent.get('/api/v1/communities/grief/threads')).status).toBe(200)
  })

  it('gets the powers back once the suspension ends', async () => {
    const mod = await staff('grief', 'moderator')
    const itemId = await openItem()
    await suspend(mod, HOUR)
    expect((await resolve(mod, itemId)).status).toBe(403)
    clock.advance(HOUR + 1000)
    expect((await queue(mod)).status).toBe(200)
    const res = await resolve(mod, itemId)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ action: 'approve', resolved: true })
  })
})

describe('a suspended lead', () => {
  it('cannot change settings or watched words, and is told the account is suspended', async () => {
    const lead = await staff('recovery', 'lead')
    await suspend(lead, HOUR)
    const settings = await patchSettings(lead, 'recovery', { newMemberHoldPosts: 3 })
    expect(settings.status).toBe(403)
    expect(settings.body.error.code).toBe('suspended')
    expect(settings.body.error.message).toMatch(/suspended/i)
    expect((await addWord(lead, 'recovery', 'suspended-lead-word')).status).toBe(403)
    expect((await lead.agent.get('/api/v1/communities/recovery/watched-words')).status).toBe(403)
    expect((await lead.agent.get('/api/v1/communities/recovery/health')).status).toBe(403)
    const words = await rt.db.selectFrom('watched_word').select('phrase').where('phrase', '=', 'suspended-lead-word').execute()
    expect(words).toEqual([])
  })

  it('gets the powers back once the suspension ends', async () => {
    const lead = await staff('recovery', 'lead')
    await suspend(lead, HOUR)
    expect((await patchSettings(lead, 'recovery', { newMemberHoldPosts: 2 })).status).toBe(403)
    clock.advance(HOUR + 1000)
    expect((await patchSettings(lead, 'recovery', { newMemberHoldPosts: 2 })).status).toBe(200)
    expect((await addWord(lead, 'recovery', 'returned-lead-word')).status).toBe(201)
  })
})

describe('a suspended admin', () => {
  it('has no admin powers while suspended, and has them again after', async () => {
    const other = await buildMember(rt)
    await rt.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', other.id).execute()
    await suspend(other, HOUR)
    const target = await buildMember(rt)
    const suspendSomeone = () => other.agent.post(`/api/v1/admin/users/${target.handle}/suspension`).set(csrf(other)).send({ until: null, reason: 'x' })
    expect((await suspendSomeone()).status).toBe(403)
    expect((await patchSettings(other, 'grief', { newMemberHoldPosts: 1 })).status).toBe(403)
    expect((await other.agent.get('/api/v1/moderation/queue')).status).toBe(403)
    clock.advance(HOUR + 1000)
    expect((await suspendSomeone()).status).toBe(200)
    expect((await other.agent.get('/api/v1/moderation/queue')).status).toBe(200)
  })
})

describe('the page header', () => {
  it('offers a suspended moderator no staff tools, and gives them back when the suspension ends', async () => {
    const mod = await staff('disability', 'moderator')
    expect((await mod.agent.get('/')).text).toContain('href="/mod/queue"')
    await suspend(mod, HOUR)
    expect((await mod.agent.get('/')).text).not.toContain('href="/mod/queue"')
    clock.advance(HOUR + 1000)
    expect((await mod.agent.get('/')).text).toContain('href="/mod/queue"')
  })
})

describe('alerts', () => {
  it('urgent-crisis alerts and escalations skip staff suspended now', async () => {
    const active = await staff('caregiving', 'moderator')
    const suspendedMod = await staff('caregiving', 'moderator')
    const suspendedLead = await staff('caregiving', 'lead')
    await suspend(suspendedMod, HOUR)
    await suspend(suspendedLead, HOUR)
    const writer = await buildMember(rt, { join: ['caregiving'] })
    const { post } = await startThread(writer, 'caregiving', { title: 'Tonight', body: URGENT_POST })
    await waitScanned(rt, post.id)
    const alertsFor = async (m: Member, kind: string) =>
      (await m.agent.get('/api/v1/notifications')).body.notifications.filter(
        (n: { kind: string; data: { kind: string; postId: number } }) => n.kind === 'alert' && n.data.kind === kind && n.data.postId === post.id,
      ).length
    expect(await alertsFor(active, 'urgent_crisis')).toBe(1)
    expect(await alertsFor(suspendedMod, 'urgent_crisis')).toBe(0)
    expect(await alertsFor(suspendedLead, 'urgent_crisis')).toBe(0)

    clock.advance(11 * 60_000)
    expect(await rt.services.moderation.escalateOverdue()).toBeGreaterThanOrEqual(1)
    expect(await alertsFor(admin, 'escalation')).toBe(1)
    expect(await alertsFor(suspendedLead, 'escalation')).toBe(0)
  })
})

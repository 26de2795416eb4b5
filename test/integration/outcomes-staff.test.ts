import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import type { Runtime } from '../../server/runtime.ts'
import { DAY_MS, HOUR_MS } from '../../server/time.ts'
import { buildMember, csrfHeader, grantRole, reply, startTestRuntime, startThread, waitScanned, type Member } from '../support/app.ts'
import { pageAgent, postForm } from '../support/pages.ts'
import { URGENT_POST } from '../support/texts.ts'

let rt: Runtime
const clock = new ManualClock(Date.parse('2026-11-16T09:00:00Z'))
let lead: Member
let mod: Member
let other: Member

/** An urgent post through the real pipeline, closed by `by` through the API; returns the item id. */
async function urgentItemClosedBy(by: Member) {
  const poster = await buildMember(rt, { join: ['caregiving'] })
  const { post } = await startThread(poster, 'caregiving', { body: URGENT_POST })
  await waitScanned(rt, post.id)
  const item = await rt.db.selectFrom('review_item').select(['id', 'urgent_at']).where('post_id', '=', post.id).executeTakeFirstOrThrow()
  expect(item.urgent_at).not.toBeNull()
  expect((await by.agent.post(`/api/v1/moderation/items/${item.id}/resolve`).set(csrfHeader(by)).send({ action: 'approve' })).status).toBe(200)
  return item.id
}

beforeAll(async () => {
  rt = await startTestRuntime({}, { clock })
  lead = await buildMember(rt, { join: ['caregiving'] })
  mod = await buildMember(rt, { join: ['caregiving'] })
  other = await buildMember(rt, { join: ['caregiving'] })
  await grantRole(rt, lead, 'caregiving', 'lead')
  await grantRole(rt, mod, 'caregiving', 'moderator')
  await grantRole(rt, other, 'caregiving', 'moderator')
  // The community asks for a break after two urgent items in a shift.
  expect((await lead.agent.patch('/api/v1/communities/caregiving/settings').set(csrfHeader(lead)).send({ breakAfterUrgentItems: 2 })).status).toBe(200)
})
afterAll(async () => {
  await rt?.close()
})

describe('looking after the supporters', () => {
  it('suggests a break after the community’s number of urgent items in a shift, and a debrief reaches only the leads', async () => {
    const modPages = await pageAgent(rt, mod)
    const first = await urgentItemClosedBy(mod)
    expect((await modPages.get(`/mod/items/${first}`)).text).not.toContain('Time for a break?')
    const second = await urgentItemClosedBy(mod)
    const page = await modPages.get(`/mod/items/${second}`)
    expect(page.text).toContain('Time for a break?')
    expect(page.text).toContain('2 urgent items in the last 8 hours')
    // The other moderator, who closed none, is not told to rest.
    expect((await (await pageAgent(rt, other)).get(`/mod/items/${second}`)).text).not.toContain('Time for a break?')
    // A shift later the suggestion has gone.
    clock.advance(9 * HOUR_MS)
    expect((await modPages.get(`/mod/items/${second}`)).text).not.toContain('Time for a break?')

    const res = await postForm(modPages, `/mod/items/${second}`, '/c/caregiving/debrief', { note: 'That second one stayed with me.' })
    expect(res.status).toBe(303)
    const leadNotes = await rt.db
      .selectFrom('notification')
      .select(['kind', 'data'])
      .where('user_id', '=', lead.id)
      .where('kind', '=', 'debrief_requested')
      .execute()
    expect(leadNotes).toHaveLength(1)
    expect(leadNotes[0]!.data).not.toContain('stayed with me')
    expect(await rt.db.selectFrom('notification').select('id').where('user_id', '=', other.id).where('kind', '=', 'debrief_requested').execute()).toHaveLength(
      0,
    )

    // The lead sees who asked, the note, and who carried the crisis work; the moderator sees only their own counts.
    const leadHealth = await (await pageAgent(rt, lead)).get('/c/caregiving/health')
    expect(leadHealth.text).toContain('That second one stayed with me.')
    expect(leadHealth.text).toMatch(new RegExp(`<th scope="row">${mod.handle}</th><td>2</td><td>2</td><td>2</td>`))
    const modHealth = await modPages.get('/c/caregiving/health')
    expect(modHealth.text).toMatch(/<strong>2<\/strong> in the last 7 days, <strong>2<\/strong> in the last 30/)
    expect(modHealth.text).not.toContain('That second one stayed with me.')
    expect(modHealth.text).not.toContain('Asked for a debrief')

    // A member who is not staff cannot send one.
    const member = await buildMember(rt, { join: ['caregiving'] })
    expect((await postForm(await pageAgent(rt, member), '/', '/c/caregiving/debrief', { note: 'x' })).status).toBe(403)
  }, 60_000)
})

describe('connection measures', () => {
  it('count new members whose first post had a reply within 24 hours, and who came back after 30 days', async () => {
    clock.set(Date.parse('2026-09-02T10:00:00Z'))
    const answered = await buildMember(rt, { join: ['disability'] })
    const waiting = await buildMember(rt, { join: ['disability'] })
    const helper = await buildMember(rt, { join: ['disability'] })
    const a = await startThread(answered, 'disability', { title: 'First time here', body: 'Hello, I am new and wanted to say hi.' })
    await startThread(waiting, 'disability', { title: 'Also new', body: 'Hello, I am new too and finding my feet.' })
    clock.advance(2 * HOUR_MS)
    const welcome = await reply(helper, a.thread.id, 'Welcome! Glad you found us.')
    expect(welcome.status).toBe(201)
    expect((await answered.agent.put(`/api/v1/posts/${welcome.body.post.id}/helpful`).set('X-CSRF-Token', answered.csrf)).status).toBeLessThan(300)
    // The answered member posts again 40 days after joining.
    clock.advance(40 * DAY_MS)
    const again = await answered.agent.post('/api/v1/auth/login').send({ handle: answered.handle, password: answered.password })
    answered.csrf = again.body.csrfToken
    expect((await reply(answered, a.thread.id, 'Back again, thank you all.')).status).toBe(201)

    clock.set(Date.parse('2026-09-08T10:00:00Z'))
    const staff = await buildMember(rt, { join: ['disability'] })
    await grantRole(rt, staff, 'disability', 'lead')
    const page = await (await pageAgent(rt, staff)).get('/c/disability/health')
    expect(page.text).toContain('New members answered within a day')
    expect(page.text).toContain('31 Aug: 1 of 3')
    // The welcome helped: one mark, in the week it was given.
    expect(page.text).toContain('“This helped me” marks per week')
    expect(page.text).toMatch(/w\/c 31 Aug, Marks: 1</)
    clock.set(Date.parse('2026-12-20T10:00:00Z'))
    const later = await (await pageAgent(rt, staff)).get('/c/disability/health')
    // September's four joiners: only the answered member posted again 30 days on; 90 days have not passed for all of them.
    expect(later.text).toMatch(/Sept? 2026, After 30 days: 25%/)
    expect(later.text).toMatch(/<th scope="row">Sept? 2026<\/th><td>25%<\/td><td>not yet<\/td>/)
  }, 60_000)
})

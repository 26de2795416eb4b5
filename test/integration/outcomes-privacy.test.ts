import type request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, grantRole, startTestRuntime, startThread, type Member } from '../support/app.ts'
import { pageAgent, postForm } from '../support/pages.ts'

// Issue #20's target: no lead, moderator or admin endpoint or page returns an individual's
// check-in, and a cell of 9 members shows nothing.

let rt: Runtime
const clock = new ManualClock(Date.parse('2026-11-02T09:00:00Z'))
/** Every check-in is written at this instant, and nothing else is: any page that shows it shows a check-in. */
const CHECK_IN_AT = Date.parse('2026-11-03T13:37:11.123Z')
const CHECK_IN_ISO = new Date(CHECK_IN_AT).toISOString()
/** WHO-5 answers 4,4,3,3,3 = raw 17 = 68 %; loneliness 2+2+3 = 7; hope 3. */
const ANSWERS = { who5_1: '4', who5_2: '4', who5_3: '3', who5_4: '3', who5_5: '3', lonely_1: '2', lonely_2: '2', lonely_3: '3', hope: '3' }

let lead: Member
let moderator: Member
let admin: Member
let members: { m: Member; agent: request.Agent }[] = []
let post: { thread: { id: number }; post: { id: number } }

async function checkInMember() {
  const m = await buildMember(rt, { join: ['recovery'] })
  const agent = await pageAgent(rt, m)
  expect((await postForm(agent, '/me/check-ins', '/me/check-ins/enrol', { community: 'recovery', interval: '14', consent: 'yes' })).status).toBe(303)
  const back = clock.now()
  clock.set(CHECK_IN_AT)
  expect((await postForm(agent, '/me/check-ins/new', '/me/check-ins', ANSWERS)).status).toBe(303)
  clock.set(back)
  return { m, agent }
}

/** Every GET route of the app (pages and API), with its parameters filled from the checked-in members' own ids. */
function getRoutes(): string[] {
  const out: string[] = []
  const walk = (stack: unknown[], prefix: string) => {
    for (const l of stack as {
      route?: { path: string; methods: Record<string, boolean> }
      handle?: { stack?: unknown[] }
      matchers?: ((p: string) => unknown)[]
    }[]) {
      if (l.route?.methods.get) out.push(prefix + l.route.path)
      else if (l.handle?.stack) walk(l.handle.stack, prefix || (l.matchers?.[0]?.('/api/v1/x') ? '/api/v1' : ''))
    }
  }
  walk((rt.app as unknown as { router: { stack: unknown[] } }).router.stack, '')
  return out
}

beforeAll(async () => {
  rt = await startTestRuntime({}, { clock })
  lead = await buildMember(rt, { join: ['recovery'] })
  moderator = await buildMember(rt, { join: ['recovery'] })
  admin = await buildMember(rt, { join: ['recovery'] })
  await grantRole(rt, lead, 'recovery', 'lead')
  await grantRole(rt, moderator, 'recovery', 'moderator')
  await rt.db.updateTable('user').set({ is_admin: 1 }).where('id', '=', admin.id).execute()
  members = []
  for (let i = 0; i < 9; i++) members.push(await checkInMember())
  // A post of one of them, and an open review item on it from "ask a moderator to check in".
  post = await startThread(members[0]!.m, 'recovery', { title: 'Checking in', body: 'Some words about my week here.' })
  // Asked a day later: the item's time is when they asked, which the moderator may see.
  clock.set(CHECK_IN_AT + 86_400_000)
  await postForm(members[0]!.agent, '/me/check-ins/new', '/me/check-ins', { ...ANSWERS, askModerator: 'yes' })
  clock.set(Date.parse('2026-11-20T10:00:00Z'))
})
afterAll(async () => {
  await rt?.close()
})

describe('who sees what', () => {
  it('no lead, moderator or admin page or endpoint returns an individual check-in', async () => {
    const item = await rt.db.selectFrom('review_item').select('id').where('post_id', '=', post.post.id).executeTakeFirstOrThrow()
    const checkIn = await rt.db
      .selectFrom('outcome_check_in')
      .select('id')
      .where('created_at', '=', CHECK_IN_AT)
      .where('user_id', '=', members[0]!.m.id)
      .executeTakeFirstOrThrow()
    const fill = (path: string) =>
      path
        .replace(':slug', 'recovery')
        .replace(':threadId', String(post.thread.id))
        .replace(':postId', String(post.post.id))
        .replace(':handle', members[0]!.m.handle)
        .replace(':token', 'not-a-token')
        // An id is tried as the review item, the check-in and the member themselves.
        .replace(':id', String(item.id))
    const paths = getRoutes().flatMap((p) =>
      p.includes(':id')
        ? [fill(p), fill(p).replace(String(item.id), String(checkIn.id)), fill(p).replace(String(item.id), String(members[0]!.m.id))]
        : [fill(p)],
    )
    expect(paths).toContain('/c/recovery/health')
    expect(paths).toContain('/admin/outcomes.csv')
    expect(paths).toContain('/api/v1/moderation/queue')

    // The member's own page shows the instant (the test's own check that the marker is visible at all).
    expect((await members[0]!.agent.get('/me/check-ins')).text).toContain(CHECK_IN_ISO)
    for (const staff of [lead, moderator, admin]) {
      const agent = await pageAgent(rt, staff)
      for (const path of paths) {
        const res = await agent.get(path)
        const body = res.text ?? ''
        expect(body, `${staff === lead ? 'lead' : staff === moderator ? 'moderator' : 'admin'} GET ${path}`).not.toContain(CHECK_IN_ISO)
        expect(body, path).not.toMatch(/"(wellbeing|loneliness|hope)":\s*\d/)
        expect(body, path).not.toMatch(/<td>68<\/td>|68 \(68/)
      }
    }
    // The moderator sees the member asked, and the item says nothing of their answers.
    const itemPage = await (await pageAgent(rt, moderator)).get(`/mod/items/${item.id}`)
    expect(itemPage.text).toContain('asked a moderator to check in')
  }, 120_000)

  it('a cell of 9 members shows nothing to leads or in the CSV; the 10th member makes it show', async () => {
    const leadAgent = await pageAgent(rt, lead)
    const adminAgent = await pageAgent(rt, admin)
    let health = await leadAgent.get('/c/recovery/health')
    expect(health.status).toBe(200)
    const section = (t: string) => t.slice(t.indexOf('id="wellbeing-h"'), t.indexOf('id="supporters-h"'))
    expect(section(health.text)).toContain('too few to show')
    expect(section(health.text)).not.toMatch(/<td>9<\/td>|<td>68|<td>7 \(/)
    let csv = await adminAgent.get('/admin/outcomes.csv')
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const q4 = (t: string) => t.split('\r\n').find((l) => l.startsWith('recovery,Q4 2026'))!
    expect(q4(csv.text)).toBe('recovery,Q4 2026,2026-10-01T00:00:00.000Z,2027-01-01T00:00:00.000Z,too few to show,,,,,,,,,,,,,')

    // The moderator sees no check-in figures; only admins get the CSV.
    const modAgent = await pageAgent(rt, moderator)
    expect((await modAgent.get('/c/recovery/health')).text).not.toContain('id="wellbeing-h"')
    expect((await modAgent.get('/admin/outcomes.csv')).status).toBe(403)
    expect((await leadAgent.get('/admin/outcomes.csv')).status).toBe(403)

    members.push(await checkInMember())
    health = await leadAgent.get('/c/recovery/health')
    expect(section(health.text)).toMatch(/<th scope="row">Q4 2026<\/th><td>10<\/td><td>68 \(68–68\)<\/td><td>7 \(7–7\)<\/td><td>3 \(3–3\)<\/td>/)
    csv = await adminAgent.get('/admin/outcomes.csv')
    expect(q4(csv.text)).toMatch(/^recovery,Q4 2026,[^,]+,[^,]+,10,68,68,68,7,7,7,3,3,3,too few to show,,,$/)
  })
})

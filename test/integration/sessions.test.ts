// Issue 19, item 3: a member sees their signed-in devices (when, last used, a coarse browser
// label, never an address), signs one out or all the others, and sets an idle timeout that the
// session check honours.
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../server/clock.ts'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, csrfHeader as csrf, startTestRuntime, type Member } from '../support/app.ts'

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'

let rt: Runtime
const clock = new ManualClock(Date.parse('2026-12-01T10:00:00Z'))

async function signIn(m: Member, ua: string) {
  const agent = request.agent(rt.app)
  const res = await agent
    .post('/api/v1/auth/login')
    .set('User-Agent', ua)
    .set('X-Forwarded-For', '203.0.113.9')
    .send({ handle: m.handle, password: m.password })
  expect(res.status).toBe(200)
  return { agent, csrf: res.body.csrfToken as string }
}

beforeAll(async () => {
  rt = await startTestRuntime({}, { clock })
})
afterAll(async () => {
  await rt.close()
})

describe('signed-in devices', () => {
  it('lists each session with a coarse label and times, never an address, and signs one out', async () => {
    const m = await buildMember(rt)
    const laptop = await signIn(m, FIREFOX)
    const phone = await signIn(m, ANDROID)
    const list = await laptop.agent.get('/api/v1/me/sessions')
    expect(list.status).toBe(200)
    const sessions = list.body.sessions as { id: string; device: string; current: boolean; createdAt: string; lastUsedAt: string }[]
    expect(sessions).toHaveLength(3)
    expect(sessions.find((s) => s.current)).toMatchObject({ device: 'Firefox on Linux' })
    expect(sessions.map((s) => s.device)).toEqual(expect.arrayContaining(['Firefox on Linux', 'Chrome on Android']))
    expect(JSON.stringify(list.body)).not.toMatch(/203\.0\.113|127\.0\.0\.1|::1|Mozilla/)
    expect(Object.keys(sessions[0]!).sort()).toEqual(['createdAt', 'current', 'device', 'id', 'lastUsedAt'])

    const phoneId = sessions.find((s) => s.device === 'Chrome on Android')!.id
    expect((await laptop.agent.delete(`/api/v1/me/sessions/${phoneId}`).set('X-CSRF-Token', laptop.csrf)).status).toBe(204)
    expect((await phone.agent.get('/api/v1/me')).status).toBe(401)
    expect((await laptop.agent.get('/api/v1/me')).status).toBe(200)
    // Another member cannot end it, nor learn it exists: the same 404 as no session.
    const other = await buildMember(rt)
    const mine = (await laptop.agent.get('/api/v1/me/sessions')).body.sessions[0].id
    expect((await other.agent.delete(`/api/v1/me/sessions/${mine}`).set(csrf(other))).status).toBe(404)
    expect((await laptop.agent.delete('/api/v1/me/sessions/not-an-id').set('X-CSRF-Token', laptop.csrf)).status).toBe(400)
  })

  it('signs out everywhere else, from the page with JavaScript off', async () => {
    const m = await buildMember(rt)
    const phone = await signIn(m, ANDROID)
    const page = await m.agent.get('/settings/account')
    expect(page.text).toContain('Chrome on Android')
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!
    const res = await m.agent.post('/settings/account/sessions/sign-out-others').type('form').send({ _csrf: token })
    expect(res.status).toBe(303)
    expect((await phone.agent.get('/api/v1/me')).status).toBe(401)
    expect((await m.agent.get('/api/v1/me')).status).toBe(200)
    expect((await m.agent.get('/settings/account')).text).toContain('You are signed in on this device only.')
  })
})

describe('the idle timeout', () => {
  it('ends a session unused for longer than the member chose, and not one in use', async () => {
    const m = await buildMember(rt)
    const other = await signIn(m, FIREFOX)
    const bad = await m.agent.put('/api/v1/me/account-settings').set(csrf(m)).send({ idleTimeoutMinutes: 7 })
    expect(bad.status).toBe(400)
    const set = await m.agent.put('/api/v1/me/account-settings').set(csrf(m)).send({ idleTimeoutMinutes: 15 })
    expect(set.body.settings).toMatchObject({ idleTimeoutMinutes: 15 })
    // m keeps using the site every 10 minutes; the other device is left alone.
    for (let i = 0; i < 3; i++) {
      clock.advance(10 * 60_000)
      expect((await m.agent.get('/api/v1/me')).status).toBe(200)
    }
    expect((await other.agent.get('/api/v1/me')).status).toBe(401)
    clock.advance(16 * 60_000)
    expect((await m.agent.get('/api/v1/me')).status).toBe(401)
    // Without a timeout a session lasts its lifetime however long it sits.
    const n = await buildMember(rt)
    clock.advance(3 * 24 * 3_600_000)
    expect((await n.agent.get('/api/v1/me')).status).toBe(200)
  })
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { describeTime } from '../../web/zone.ts'
import { buildMember, startTestRuntime, startThread, type Member } from '../support/app.ts'

// Issue #19: times in the member's zone, relative with the exact time as a title; tap-to-call links.
let rt: Runtime
let alice: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  alice = await buildMember(rt, { join: ['grief'] })
})
afterAll(async () => {
  await rt.close()
})

describe('times', () => {
  it('reads relative in the zone given, with the exact time and zone', () => {
    const now = Date.parse('2026-12-05T10:00:00Z')
    expect(describeTime(new Date('2026-12-05T09:30:00Z'), 'Asia/Tokyo', now)).toEqual({
      text: 'today at 18:30',
      exact: 'Saturday, 5 December 2026 at 18:30 (Asia/Tokyo)',
    })
    // 23:30 in New York on the 4th: "yesterday" there, though it is the 5th in UTC.
    expect(describeTime(new Date('2026-12-05T04:30:00Z'), 'America/New_York', now).text).toBe('yesterday at 23:30')
    expect(describeTime(new Date('2026-12-01T12:00:00Z'), 'UTC', now).text).toBe('Tuesday at 12:00')
    expect(describeTime(new Date('2026-11-01T12:00:00Z'), 'UTC', now).text).toBe('1 Nov 2026 at 12:00')
  })

  it("shows pages in the member's chosen zone, and refuses a zone that is not one", async () => {
    const t = await startThread(alice, 'grief')
    const utc = (await alice.agent.get(`/t/${t.thread.id}`)).text
    expect(utc).toMatch(/<time datetime="[^"]+" title="[^"]+ \(UTC\)">today at \d\d:\d\d<\/time>/)
    const saved = await alice.agent.post('/settings/time-zone').type('form').send({ _csrf: alice.csrf, timeZone: 'Asia/Kolkata' })
    expect(saved.status).toBe(303)
    const page = (await alice.agent.get(`/t/${t.thread.id}`)).text
    const m = /<time datetime="([^"]+)" title="[^"]+ \(Asia\/Kolkata\)">(?:today|yesterday) at (\d\d:\d\d)<\/time>/.exec(page)!
    expect(m).not.toBeNull()
    const inKolkata = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit' }).format(new Date(m[1]!))
    expect(m[2]).toBe(inKolkata)
    const bad = await alice.agent.post('/settings/time-zone').type('form').send({ _csrf: alice.csrf, timeZone: 'Mars/Olympus' })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('must be a time zone from the list')
  })

  it("keeps the browser's zone given at sign-up, and UTC without one", async () => {
    const agent = request.agent(rt.app)
    const form = await agent.get('/register')
    expect(form.text).toContain('name="timeZone" value="" data-browser-zone')
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!
    const handle = `zone_${Date.now() % 100000}`
    const res = await agent.post('/register').type('form').send({ _csrf: token, handle, password: 'a long enough password', timeZone: 'Europe/Lisbon' })
    expect(res.status).toBe(303)
    const row = await rt.db.selectFrom('user').select('time_zone').where('handle', '=', handle).executeTakeFirstOrThrow()
    expect(row.time_zone).toBe('Europe/Lisbon')
    const plain = await buildMember(rt)
    expect((await rt.db.selectFrom('user').select('time_zone').where('id', '=', plain.id).executeTakeFirstOrThrow()).time_zone).toBeNull()
  })
})

describe('crisis lines', () => {
  it('can be called or texted with a tap', async () => {
    const page = (await request(rt.app).get('/crisis')).text
    expect(page).toMatch(/<a class="tap" href="tel:988">Call 988<span class="vh">: /)
    expect(page).toMatch(/<a class="tap" href="sms:988">Text 988<span class="vh">: /)
    expect(page).toMatch(/<a class="tap" href="sms:741741\?body=HOME">Text HOME to 741741/)
    expect(page).not.toContain('href="tel:741741"')
  })
})

describe('the API', () => {
  it('sets the time zone, and refuses one that is not', async () => {
    const m = await buildMember(rt)
    expect((await m.agent.put('/api/v1/me/time-zone').set('X-CSRF-Token', m.csrf).send({ timeZone: 'Africa/Nairobi' })).body).toEqual({
      timeZone: 'Africa/Nairobi',
    })
    expect((await m.agent.put('/api/v1/me/time-zone').set('X-CSRF-Token', m.csrf).send({ timeZone: 'Nowhere' })).status).toBe(400)
  })
})

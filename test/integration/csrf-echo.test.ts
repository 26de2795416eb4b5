// Issue 16, item 7: the CSRF failure page gives back "What you wrote" only to whoever typed it,
// never the words another site's form posted (shown on our origin as if we said them).
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, startTestRuntime, type Member } from '../support/app.ts'

let rt: Runtime
let member: Member

const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!
const PLANTED = 'Your account is suspended. Call +1 555 0100 now to restore it.'

async function pageAgent(m: Member) {
  const agent = request.agent(rt.app)
  const login = await agent.get('/login')
  expect(
    (
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: tokenIn(login.text), handle: m.handle, password: m.password })
    ).status,
  ).toBe(303)
  return agent
}

beforeAll(async () => {
  rt = await startTestRuntime()
  member = await buildMember(rt, { join: ['grief'] })
})
afterAll(async () => {
  await rt.close()
})

describe('the CSRF failure page and "What you wrote"', () => {
  it('shows a signed-in member nothing another site posted in their name', async () => {
    const agent = await pageAgent(member)
    for (const headers of [{ 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site' }, { Origin: 'https://evil.example' }, { Origin: 'null' }, {}]) {
      const res = await agent.post('/c/grief/new').set(headers).type('form').send({ title: 'Notice from the moderators', body: PLANTED, action: 'post' })
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(res.text, JSON.stringify(headers)).not.toContain(PLANTED)
      expect(res.text, JSON.stringify(headers)).not.toContain('Notice from the moderators')
      expect(res.text).not.toContain('What you wrote')
    }
  })

  it('shows a signed-out visitor nothing another site posted either', async () => {
    const res = await request(rt.app).post('/c/grief/new').set('Origin', 'https://evil.example').type('form').send({ title: 'x', body: PLANTED })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.text).not.toContain(PLANTED)
  })

  it('still gives a member their words back when their own page had expired', async () => {
    const agent = await pageAgent(member)
    const host = 'example.test'
    for (const headers of [{ 'Sec-Fetch-Site': 'same-origin' }, { Origin: `http://${host}`, Host: host }]) {
      const res = await agent
        .post('/c/grief/new')
        .set(headers)
        .type('form')
        .send({ _csrf: 'stale', title: 'Late at night', body: 'What I wrote before my session ended.', action: 'post' })
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(res.text, JSON.stringify(headers)).toContain('What you wrote')
      expect(res.text, JSON.stringify(headers)).toContain('What I wrote before my session ended.')
    }
  })
})

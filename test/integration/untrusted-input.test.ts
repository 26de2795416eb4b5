// Input whose cost the sender chooses (a lead's pattern, a member's Markdown) is answered within
// its budget with a 4xx naming the field, never a 5xx, and never by holding the event loop: every
// other visitor keeps being served. supertest runs the app in this process, so the event loop's
// delay measured here is the server's.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, grantRole, startTestRuntime, startThread, type Member } from '../support/app.ts'

// The bound is 1 s for any other visitor; half of it leaves room for a busy machine, and a
// render or pattern on the event loop (what this guards against) took 12-17 s.
const STALL_LIMIT_MS = 500

let rt: Runtime
let lead: Member
let member: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  lead = await buildMember(rt, { join: ['grief'] })
  await grantRole(rt, lead, 'grief', 'lead')
  member = await buildMember(rt, { join: ['grief'] })
  await startThread(member, 'grief', { body: 'aaaa '.repeat(2000) })
})
afterAll(async () => {
  await rt.close()
})

/** Runs `work` while measuring the event loop's longest stall, and checks the home page is served meanwhile. */
async function whileServing<T>(work: () => Promise<T>): Promise<{ result: T; maxStallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 })
  h.enable()
  const [result, home] = await Promise.all([work(), request(rt.app).get('/')])
  h.disable()
  expect(home.status).toBe(200)
  return { result, maxStallMs: h.max / 1e6 }
}

describe("a lead's watched-word pattern", () => {
  const shapes = ['a{0,1000}a{0,1000}x', 'a{0,999}a{0,999}a{0,999}', '(a{0,50}){0,50}b', '((((a{1,100}){1,100}){1,100}){1,100})', '(?<=a)b', '(x)\\1']

  for (const phrase of shapes) {
    it(`refuses ${phrase} with a message a lead can act on, without stalling the server`, async () => {
      for (const path of ['/api/v1/communities/grief/watched-words', '/api/v1/communities/grief/watched-words/dry-run']) {
        const { result: res, maxStallMs } = await whileServing(() =>
          lead.agent.post(path).set('X-CSRF-Token', lead.csrf).send({ phrase, regex: true, wholeWord: true, action: 'flag' }),
        )
        expect(res.status, path).toBe(400)
        expect(res.body.error.code).toBe('unsafe_pattern')
        expect(res.body.error.fields.phrase).toMatch(/pattern/)
        expect(maxStallMs).toBeLessThan(STALL_LIMIT_MS)
      }
    })
  }

  it('accepts a nested repeat (linear-time engine) and dry-runs it over posts built to make it backtrack', async () => {
    const { result: res, maxStallMs } = await whileServing(() =>
      lead.agent
        .post('/api/v1/communities/grief/watched-words/dry-run')
        .set('X-CSRF-Token', lead.csrf)
        .send({ phrase: '(a+)+b', regex: true, wholeWord: false, action: 'flag' }),
    )
    expect(res.status).toBe(200)
    expect(res.body.matched).toBe(0)
    expect(maxStallMs).toBeLessThan(STALL_LIMIT_MS)
  })

  it("refuses a pattern that would make the community's patterns together too costly", async () => {
    const add = (phrase: string) =>
      lead.agent.post('/api/v1/communities/grief/watched-words').set('X-CSRF-Token', lead.csrf).send({ phrase, regex: true, wholeWord: false, action: 'flag' })
    let last = await add('[a-z]{1,60}x1')
    for (let i = 2; last.status === 201 && i < 20; i++) last = await add(`[a-z]{1,60}x${i}`)
    expect(last.status).toBe(400)
    expect(last.body.error.fields.phrase).toMatch(/other patterns/)
  })
})

describe("a member's Markdown", () => {
  const post = (body: string) => member.agent.post('/api/v1/communities/grief/threads').set('X-CSRF-Token', member.csrf).send({ title: 'Formatting', body })

  const heavy: [string, string][] = [
    ['emphasis delimiters', '_a*'.repeat(6_666)],
    ['mixed delimiters', '*a_'.repeat(6_666)],
    ['nested quotes', '>'.repeat(19_990) + ' a'],
    ['nested list quotes', '> - '.repeat(4_990) + 'a'],
    ['nested lists', Array.from({ length: 120 }, (_, i) => ' '.repeat(i * 2) + '- a').join('\n')],
  ]
  for (const [label, body] of heavy) {
    it(`refuses ${label} with a 400 naming the body, without stalling the server`, async () => {
      const { result: res, maxStallMs } = await whileServing(() => post(body))
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('too_complex')
      expect(res.body.error.fields.body).toBeTruthy()
      expect(maxStallMs).toBeLessThan(STALL_LIMIT_MS)
    })
  }

  it('still renders ordinary formatting, quotes and lists', async () => {
    const res = await post('> quoted\n\n- one\n  - two\n\n**bold** and _soft_ and ~~gone~~')
    expect(res.status).toBe(201)
    const read = await member.agent.get(`/api/v1/threads/${res.body.thread.id}`)
    expect(read.body.posts[0].html).toContain('<blockquote>')
    expect(read.body.posts[0].html).toContain('<strong>bold</strong>')
  })

  it('keeps the text in the web form and says what to fix', async () => {
    const page = await member.agent.get('/c/grief/new')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1]
    const body = '>'.repeat(500) + ' deep'
    const res = await member.agent.post('/c/grief/new').type('form').send({ _csrf: csrf, title: 'Deep quotes', body, action: 'preview' })
    expect(res.status).toBe(400)
    expect(res.text).toMatch(/levels deep/)
    expect(res.text).toContain('&gt;&gt;&gt;&gt;&gt;')
  })
})

describe('previews', () => {
  it('count against the posting limit', async () => {
    const limited = await startTestRuntime({ RATE_LIMIT_POSTS_PER_MINUTE: '3' })
    try {
      const m = await buildMember(limited, { join: ['grief'] })
      const page = await m.agent.get('/c/grief/new')
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1]
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) {
        const res = await m.agent
          .post('/c/grief/new')
          .type('form')
          .send({ _csrf: csrf, title: 'A title', body: `draft ${i}`, action: 'preview' })
        statuses.push(res.status)
      }
      expect(statuses).toEqual([200, 200, 200, 429])
    } finally {
      await limited.close()
    }
  })
})

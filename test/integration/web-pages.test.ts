import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import type { CrisisDetector } from '../../server/services/precheck.ts'
import { buildMember, reply, startTestRuntime, startThread, type Member } from '../support/app.ts'

let rt: Runtime
let alice: Member
let bob: Member
/** Stands in front of the real crisis detector in the test that needs a crisis on demand. */
let standIn: CrisisDetector | undefined

const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!

/** A page agent: signs in through the pages, keeps cookies, finds the form token on each page. */
async function pageAgent(member: Member) {
  const agent = request.agent(rt.app)
  const login = await agent.get('/login')
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: tokenIn(login.text), handle: member.handle, password: member.password })
  expect(res.status).toBe(303)
  return agent
}

beforeAll(async () => {
  rt = await startTestRuntime({}, { crisisDetector: (pipeline) => (text) => (standIn ?? pipeline)(text) })
  alice = await buildMember(rt, { join: ['grief'] })
  bob = await buildMember(rt, { join: ['grief'] })
})
afterAll(async () => {
  await rt.close()
})

describe('pages are safe by construction', () => {
  it('escapes what members write in titles and handles, and never shows an email', async () => {
    const t = await startThread(alice, 'grief', { title: '<script>alert(1)</script> & "quotes"', body: 'hello <img src=x onerror=alert(1)>' })
    const res = await request(rt.app).get(`/t/${t.thread.id}`)
    expect(res.status).toBe(200)
    expect(res.text).not.toContain('<script>alert(1)')
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;')
    expect(res.text).not.toMatch(/<img[^>]*onerror/)
    const reg = await request.agent(rt.app).get('/register')
    expect(reg.status).toBe(200)
  })

  it('sends a strict CSP and has no inline scripts, style attributes or other origins', async () => {
    const t = await startThread(alice, 'grief', { title: 'CSP check' })
    for (const url of ['/', '/about', '/crisis', '/c/grief', `/t/${t.thread.id}`, '/login', '/register']) {
      const res = await request(rt.app).get(url)
      expect(res.status, url).toBe(200)
      expect(res.headers['content-security-policy']).toContain("default-src 'none'")
      expect(res.text, url).not.toMatch(/<script(?![^>]*\ssrc=)/i)
      expect(res.text, url).not.toMatch(/\sstyle=/i)
      expect(res.text, url).not.toMatch(/<(link|script|img)[^>]+(href|src)="(https?:)?\/\//i)
      expect(res.text, url).toContain('<a class="skip" href="#main">')
      expect(res.text, url).toMatch(/<main id="main"/)
    }
  })
})

describe('forms keep what a member typed', () => {
  it('re-renders the new-thread form with the text and warnings on a validation error, with a linked error summary', async () => {
    const agent = await pageAgent(alice)
    const form = await agent.get('/c/grief/new')
    const res = await agent
      .post('/c/grief/new')
      .type('form')
      .send(`_csrf=${tokenIn(form.text)}&title=&body=${encodeURIComponent('Every word of this stays.')}&contentWarnings=death&action=post`)
    expect(res.status).toBe(400)
    expect(res.text).toContain('Every word of this stays.')
    expect(res.text).toMatch(/id="cw-death" name="contentWarnings" value="death" checked/)
    expect(res.text).toContain('href="#f-title"')
    expect(res.text).toContain('aria-invalid="true"')
  })

  it('keeps the text when the posting rate limit is hit (429)', async () => {
    const limited = await startTestRuntime({ RATE_LIMIT_POSTS_PER_MINUTE: '1' })
    try {
      const m = await buildMember(limited, { join: ['grief'] })
      const agent = request.agent(limited.app)
      const login = await agent.get('/login')
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: tokenIn(login.text), handle: m.handle, password: m.password })
      const form = await agent.get('/c/grief/new')
      const csrf = tokenIn(form.text)
      const first = await agent.post('/c/grief/new').type('form').send({ _csrf: csrf, title: 'One', body: 'first', action: 'post' })
      expect(first.status).toBe(303)
      const second = await agent.post('/c/grief/new').type('form').send({ _csrf: csrf, title: 'Two', body: 'Please do not lose this.', action: 'post' })
      expect(second.status).toBe(429)
      expect(second.text).toContain('Please do not lose this.')
      expect(second.text).toContain('You are posting very quickly')
    } finally {
      await limited.close()
    }
  })

  it('gives the text back even when the form token has expired', async () => {
    const agent = await pageAgent(alice)
    // As a browser sends a form from one of our own pages (see csrf-echo.test.ts for other sites').
    const res = await agent
      .post('/c/grief/new')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ _csrf: 'stale', title: 'Late at night', body: 'What I wrote before my session ended.', action: 'post' })
    expect(res.status).toBe(403)
    expect(res.headers['content-type']).toMatch(/html/)
    expect(res.text).toContain('What I wrote before my session ended.')
  })

  it('keeps the handle (never the password) when logging in fails', async () => {
    const agent = request.agent(rt.app)
    const form = await agent.get('/login')
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: tokenIn(form.text), handle: alice.handle, password: 'wrong password here' })
    expect(res.status).toBe(401)
    expect(res.text).toContain(`value="${alice.handle}"`)
    expect(res.text).not.toContain('wrong password here')
  })
})

describe('the gentle check before posting', () => {
  it('offers crisis resources and two ways to post, carrying the draft, and passes askForCheckIn when chosen', async () => {
    standIn = (text) => (text.includes('test-crisis-phrase') ? 'urgent' : 'none')
    const agent = await pageAgent(alice)
    const form = await agent.get('/c/grief/new')
    const csrf = tokenIn(form.text)
    const body = 'I cannot do this any more test-crisis-phrase'
    const res = await agent
      .post('/c/grief/new')
      .type('form')
      .send(`_csrf=${csrf}&title=Tonight&body=${encodeURIComponent(body)}&contentWarnings=suicide&action=post`)
    expect(res.status).toBe(200)
    expect(res.text).toContain('Before you post')
    expect(res.text).toContain('988 Suicide &amp; Crisis Lifeline')
    expect(res.text).toContain('value="post_checkin"')
    expect(res.text).toContain('value="post_anyway"')
    expect(res.text).toContain(`<input type="hidden" name="body" value="${body}">`)
    expect(res.text).toContain('<input type="hidden" name="contentWarnings" value="suicide">')
    expect(res.text).not.toMatch(/wrong|must not|not allowed/i)

    const spy = vi.spyOn(rt.services.forum, 'createThread')
    try {
      const posted = await agent
        .post('/c/grief/new')
        .type('form')
        .send(`_csrf=${csrf}&title=Tonight&body=${encodeURIComponent(body)}&contentWarnings=suicide&action=post_checkin`)
      expect(posted.status).toBe(303)
      expect(spy.mock.calls.at(-1)![2]).toMatchObject({ title: 'Tonight', body, contentWarnings: ['suicide'], askForCheckIn: true })
      const anyway = await agent.post('/c/grief/new').type('form').send({ _csrf: csrf, title: 'Tonight again', body, action: 'post_anyway' })
      expect(anyway.status).toBe(303)
      expect(spy.mock.calls.at(-1)![2]).not.toHaveProperty('askForCheckIn')
    } finally {
      spy.mockRestore()
      standIn = () => 'none'
    }
  })

  it('posts straight away when the check finds nothing', async () => {
    const agent = await pageAgent(alice)
    const form = await agent.get('/c/grief/new')
    const res = await agent
      .post('/c/grief/new')
      .type('form')
      .send({ _csrf: tokenIn(form.text), title: 'A good day', body: 'Today was gentle.', action: 'post' })
    expect(res.status).toBe(303)
    expect(res.headers.location).toMatch(/^\/t\/\d+$/)
  })
})

describe('reading preferences and notifications', () => {
  it('collapses, hides or shows a warned post by the reader’s choice', async () => {
    const t = await startThread(alice, 'grief', { title: 'Warned', body: 'The details of that day.', contentWarnings: ['death'] })
    const agent = await pageAgent(bob)
    let page = await agent.get(`/t/${t.thread.id}`)
    expect(page.text).toContain('<summary>Content warning: death. <span class="show">Show post</span></summary>')
    const settings = await agent.get('/settings')
    const saved = await agent
      .post('/settings')
      .type('form')
      .send({ _csrf: tokenIn(settings.text), death: 'hidden' })
    expect(saved.status).toBe(303)
    page = await agent.get(`/t/${t.thread.id}`)
    expect(page.text).toContain('is hidden by your <a href="/settings">reading preferences</a>')
    expect(page.text).not.toContain('The details of that day.')
    const s2 = await agent.get('/settings')
    expect(s2.text).toMatch(/id="pref-death-hidden" name="death" value="hidden" checked/)
    await agent
      .post('/settings')
      .type('form')
      .send({ _csrf: tokenIn(s2.text), death: 'shown' })
    page = await agent.get(`/t/${t.thread.id}`)
    expect(page.text).toContain('The details of that day.')
    expect(page.text).not.toContain('<details class="cw">')
  })

  it('counts unread notifications in the header and marks them read when the list is seen', async () => {
    const t = await startThread(alice, 'grief', { title: 'Notify me' })
    await reply(bob, t.thread.id, 'A reply for the count.')
    const agent = await pageAgent(alice)
    const home = await agent.get('/')
    expect(home.text).toMatch(/Notifications <span class="count">\d+<span class="vh"> unread<\/span><\/span>/)
    const list = await agent.get('/notifications')
    expect(list.text).toContain(`${bob.handle}</strong> replied to your thread “Notify me”`)
    expect(list.text).toContain('aria-current="page">Notifications</a>')
    const after = await agent.get('/')
    expect(after.text).not.toContain('class="count"')
  })

  it('sends guests to log in for member pages, and back afterwards', async () => {
    const res = await request(rt.app).get('/settings')
    expect(res.status).toBe(303)
    expect(res.headers.location).toBe('/login?next=%2Fsettings')
  })
})

describe('budget', () => {
  it('serves a 20-post thread page in under 60 KB transferred (HTML + CSS + JS, gzip)', async () => {
    const t = await startThread(alice, 'grief', {
      title: 'A long thread for the budget',
      body: 'It has been a year since my brother died. Some days I am fine, and some days a song in a shop undoes me. How do you all manage the anniversaries?',
      contentWarnings: ['death'],
    })
    for (let i = 0; i < 19; i++) {
      const who = i % 2 === 0 ? bob : alice
      const res = await reply(
        who,
        t.thread.id,
        `Reply ${i + 1}. The first anniversary was the worst for me. I took the day off, went to the ` +
          `sea, and wrote him a letter I never sent. **Be gentle with yourself.** It does not get ` +
          `smaller, but you grow around it.\n\n- light a candle\n- call someone who knew him\n- let yourself cry`,
        i % 5 === 0 ? { contentWarnings: ['suicide'] } : {},
      )
      expect(res.status).toBe(201)
    }
    const session = await rt.services.auth.login({ handle: bob.handle, password: bob.password })
    const cookies = `alongside_session=${session.token}`
    const server = rt.app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    const port = (server.address() as AddressInfo).port
    const fetchGz = (path: string) =>
      new Promise<{ status: number; encoding?: string; bytes: number; body: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': 'gzip', Cookie: cookies } }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => {
              const buf = Buffer.concat(chunks)
              const body = res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(buf).toString('utf8') : buf.toString('utf8')
              resolve({ status: res.statusCode!, encoding: res.headers['content-encoding'], bytes: buf.length, body })
            })
          })
          .on('error', reject)
      })
    try {
      const page = await fetchGz(`/t/${t.thread.id}`)
      expect(page.status).toBe(200)
      expect(page.encoding).toBe('gzip')
      expect((page.body.match(/<article class="post/g) ?? []).length).toBe(20)
      expect(page.body).toContain('Log out') // signed in, so the page is the full member page
      const assets = [...page.body.matchAll(/<(?:link[^>]+href|script[^>]+src)="([^"]+)"/g)].map((m) => m[1]!)
      expect(assets.every((a) => a.startsWith('/static/'))).toBe(true)
      let total = page.bytes
      for (const a of assets) {
        const r = await fetchGz(a)
        expect(r.status).toBe(200)
        total += r.bytes
      }
      console.info(`thread page with 20 posts: ${total} bytes transferred (gzip), HTML ${page.bytes}`)
      expect(total).toBeLessThan(60 * 1024)
    } finally {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    }
  })
})

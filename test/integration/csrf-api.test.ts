import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, startTestRuntime, uniqueHandle, type Member } from '../support/app.ts'

let rt: Runtime
let attacker: Member

const SESSION_COOKIE = 'alongside_session'
const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!
const setsSession = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith(`${SESSION_COOKIE}=`))

beforeAll(async () => {
  rt = await startTestRuntime()
  attacker = await buildMember(rt)
})
afterAll(async () => {
  await rt.close()
})

describe('signed-out API requests a cross-site form could send', () => {
  // What a page on another site can auto-submit without a CORS preflight.
  const login = () => ({ handle: attacker.handle, password: attacker.password })
  const register = () => ({ handle: uniqueHandle('csrf'), password: 'a long enough password' })

  for (const [path, body] of [
    ['/api/v1/auth/login', login],
    ['/api/v1/auth/register', register],
  ] as const) {
    it(`refuses a urlencoded POST to ${path} and sets no session cookie`, async () => {
      const res = await request(rt.app).post(path).type('form').send(body())
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('csrf_failed')
      expect(res.body.error.message).toMatch(/JSON/)
      expect(setsSession(res)).toBe(false)
    })

    it(`refuses a text/plain POST to ${path} and sets no session cookie`, async () => {
      const res = await request(rt.app).post(path).set('Content-Type', 'text/plain').send(JSON.stringify(body()))
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('csrf_failed')
      expect(setsSession(res)).toBe(false)
    })

    it(`refuses a multipart POST to ${path} and sets no session cookie`, async () => {
      const fields = body()
      const res = await request(rt.app).post(path).field('handle', fields.handle).field('password', fields.password)
      expect(res.status).toBe(403)
      expect(setsSession(res)).toBe(false)
    })
  }

  it('creates no account from a refused register form', async () => {
    const handle = uniqueHandle('csrf')
    await request(rt.app).post('/api/v1/auth/register').type('form').send({ handle, password: 'a long enough password' })
    expect(await rt.db.selectFrom('user').select('id').where('handle', '=', handle).executeTakeFirst()).toBeUndefined()
  })
})

describe('signed-out JSON API clients', () => {
  it('log in with a JSON body', async () => {
    const res = await request(rt.app).post('/api/v1/auth/login').send({ handle: attacker.handle, password: attacker.password })
    expect(res.status).toBe(200)
    expect(res.body.user.handle).toBe(attacker.handle)
    expect(setsSession(res)).toBe(true)
  })

  it('log in with a charset on the JSON content type', async () => {
    const res = await request(rt.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ handle: attacker.handle, password: attacker.password }))
    expect(res.status).toBe(200)
  })

  it('register with a JSON body', async () => {
    const res = await request(rt.app)
      .post('/api/v1/auth/register')
      .send({ handle: uniqueHandle('json'), password: 'a long enough password' })
    expect(res.status).toBe(201)
    expect(setsSession(res)).toBe(true)
  })

  it('may send a request with no body at all', async () => {
    expect((await request(rt.app).post('/api/v1/auth/logout')).status).toBe(204)
  })
})

describe('the web sign-in form', () => {
  it('still signs in with its double-submit token', async () => {
    const agent = request.agent(rt.app)
    const page = await agent.get('/login')
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: tokenIn(page.text), handle: attacker.handle, password: attacker.password })
    expect(res.status).toBe(303)
    expect(setsSession(res)).toBe(true)
  })

  it('still refuses the form without its token', async () => {
    const res = await request(rt.app).post('/login').type('form').send({ handle: attacker.handle, password: attacker.password })
    expect(res.status).toBe(403)
    expect(setsSession(res)).toBe(false)
  })
})

// The forum API for accounts and communities (threads, posts and notifications: thread-api.test.ts).
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, joinCommunity, startTestRuntime, uniqueHandle, type Member } from '../support/app.ts'

let rt: Runtime
let alice: Member

beforeAll(async () => {
  rt = await startTestRuntime()
  alice = await buildMember(rt, { join: ['grief'] })
})
afterAll(async () => {
  await rt.close()
})

describe('accounts', () => {
  it('registers with a pseudonymous handle, sets an httpOnly SameSite session cookie and never returns the email', async () => {
    const handle = uniqueHandle('reg')
    const res = await request(rt.app).post('/api/v1/auth/register').send({ handle, password: 'ten chars!!', email: 'me@example.org' })
    expect(res.status).toBe(201)
    expect(res.body.user.handle).toBe(handle)
    expect(res.body.csrfToken).toEqual(expect.any(String))
    expect(JSON.stringify(res.body)).not.toContain('example.org')
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/alongside_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
  })

  it('stores the password as a scrypt hash, never in the clear', async () => {
    const row = await rt.db.selectFrom('user').select('password_hash').where('handle', '=', alice.handle).executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^scrypt\$/)
    expect(row.password_hash).not.toContain(alice.password)
  })

  it('refuses handles that are taken case-insensitively', async () => {
    const res = await request(rt.app).post('/api/v1/auth/register').send({ handle: alice.handle.toUpperCase(), password: 'long enough pw' })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('handle_taken')
  })

  it.each([
    [{ handle: 'ab', password: 'long enough pw' }, 'handle'],
    [{ handle: 'a'.repeat(31), password: 'long enough pw' }, 'handle'],
    [{ handle: 'has space', password: 'long enough pw' }, 'handle'],
    [{ handle: 'ok_handle', password: 'short' }, 'password'],
    [{ handle: 'ok_handle2', password: 'long enough pw', email: 'not-an-email' }, 'email'],
    [{}, 'handle'],
  ])('rejects invalid registration %j with a 400 naming the field', async (body, field) => {
    const res = await request(rt.app).post('/api/v1/auth/register').send(body)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_input')
    expect(res.body.error.fields[field]).toEqual(expect.any(String))
    expect(res.body.error.message).toContain(field)
  })

  it('takes an email of only spaces as no email, as the form says', async () => {
    const res = await request(rt.app).post('/api/v1/auth/register').send({ handle: 'blank_email', password: 'long enough pw', email: '   ' })
    expect(res.status).toBe(201)
    const row = await rt.db.selectFrom('user').select('email').where('handle', '=', 'blank_email').executeTakeFirstOrThrow()
    expect(row.email).toBeNull()
  })

  it('rejects malformed JSON with a 400, not a 500', async () => {
    const res = await request(rt.app).post('/api/v1/auth/register').set('Content-Type', 'application/json').send('{"handle": ')
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_json')
  })

  it('logs in with the right password (any case of handle) and not with a wrong one', async () => {
    const ok = await request(rt.app).post('/api/v1/auth/login').send({ handle: alice.handle.toUpperCase(), password: alice.password })
    expect(ok.status).toBe(200)
    expect(ok.body.user.handle).toBe(alice.handle)
    const bad = await request(rt.app).post('/api/v1/auth/login').send({ handle: alice.handle, password: 'wrong password!' })
    expect(bad.status).toBe(401)
    expect(bad.body.error.code).toBe('invalid_credentials')
    const nobody = await request(rt.app).post('/api/v1/auth/login').send({ handle: 'nobody_here', password: 'wrong password!' })
    expect(nobody.status).toBe(401)
    expect(nobody.body.error.message).toBe(bad.body.error.message)
  })

  it('GET /me shows who I am, my memberships and my CSRF token; 401 when signed out', async () => {
    const me = await alice.agent.get('/api/v1/me')
    expect(me.status).toBe(200)
    expect(me.body.user.handle).toBe(alice.handle)
    expect(me.body.csrfToken).toBe(alice.csrf)
    expect(me.body.memberships).toEqual([expect.objectContaining({ community: 'grief', role: 'member', acceptedGuidelinesVersion: 1 })])
    const anon = await request(rt.app).get('/api/v1/me')
    expect(anon.status).toBe(401)
    expect(anon.body.error.code).toBe('not_signed_in')
  })

  it('logs out: 403 without the CSRF token, 204 with it, and the session is gone', async () => {
    const m = await buildMember(rt)
    const noToken = await m.agent.post('/api/v1/auth/logout')
    expect(noToken.status).toBe(403)
    expect(noToken.body.error.code).toBe('csrf_failed')
    const out = await m.agent.post('/api/v1/auth/logout').set('X-CSRF-Token', m.csrf)
    expect(out.status).toBe(204)
    expect((await m.agent.get('/api/v1/me')).status).toBe(401)
  })
})

describe('communities', () => {
  it('lists the four seeded communities', async () => {
    const res = await request(rt.app).get('/api/v1/communities')
    expect(res.status).toBe(200)
    expect(res.body.communities.map((c: { slug: string }) => c.slug)).toEqual(['grief', 'recovery', 'disability', 'caregiving'])
    for (const c of res.body.communities) expect(c.description.length).toBeGreaterThan(20)
  })

  it('shows a community with its guidelines and published crisis lines (988, Samaritans, Lifeline)', async () => {
    const res = await request(rt.app).get('/api/v1/communities/caregiving')
    expect(res.status).toBe(200)
    const { guidelines, crisisResources } = res.body.community
    expect(guidelines.version).toBe(1)
    expect(guidelines.markdown).toContain('Caregiving')
    expect(guidelines.html).toContain('<h1>')
    const contacts = crisisResources.map((r: { contact: string }) => r.contact).join(' | ')
    expect(contacts).toContain('988')
    expect(contacts).toContain('116 123')
    expect(contacts).toContain('13 11 14')
  })

  it('404s an unknown community with a readable message', async () => {
    const res = await request(rt.app).get('/api/v1/communities/nope')
    expect(res.status).toBe(404)
    expect(res.body.error.message).toMatch(/not found/i)
  })

  it('joins only by accepting the current guidelines version', async () => {
    const m = await buildMember(rt)
    const wrong = await m.agent.post('/api/v1/communities/recovery/membership').set('X-CSRF-Token', m.csrf).send({ acceptedGuidelinesVersion: 7 })
    expect(wrong.status).toBe(409)
    const missing = await m.agent.post('/api/v1/communities/recovery/membership').set('X-CSRF-Token', m.csrf).send({})
    expect(missing.status).toBe(400)
    const noCsrf = await m.agent.post('/api/v1/communities/recovery/membership').send({ acceptedGuidelinesVersion: 1 })
    expect(noCsrf.status).toBe(403)
    const anon = await request(rt.app).post('/api/v1/communities/recovery/membership').send({ acceptedGuidelinesVersion: 1 })
    expect(anon.status).toBe(401)
    const ok = await m.agent.post('/api/v1/communities/recovery/membership').set('X-CSRF-Token', m.csrf).send({ acceptedGuidelinesVersion: 1 })
    expect(ok.status).toBe(201)
    expect(ok.body.membership).toEqual({ community: 'recovery', role: 'member', acceptedGuidelinesVersion: 1 })
    const again = await m.agent.post('/api/v1/communities/recovery/membership').set('X-CSRF-Token', m.csrf).send({ acceptedGuidelinesVersion: 1 })
    expect(again.status).toBe(200)
    const list = await request(rt.app).get('/api/v1/communities')
    const recovery = list.body.communities.find((c: { slug: string }) => c.slug === 'recovery')
    expect(recovery.memberCount).toBe(1)
  })

  it('a member who has not accepted the current guidelines version cannot post (403 saying so)', async () => {
    const m = await buildMember(rt, { join: ['disability'] })
    const community = await rt.db.selectFrom('community').selectAll().where('slug', '=', 'disability').executeTakeFirstOrThrow()
    await rt.db
      .insertInto('guidelines_version')
      .values({ community_id: community.id, version: 2, markdown: '# v2', html: '<h1>v2</h1>', created_by: null, created_at: Date.now() })
      .execute()
    await rt.db.updateTable('community').set({ guidelines_version: 2 }).where('id', '=', community.id).execute()
    const res = await m.agent.post('/api/v1/communities/disability/threads').set('X-CSRF-Token', m.csrf).send({ title: 't', body: 'b' })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('guidelines_not_accepted')
    expect(res.body.error.message).toMatch(/version 2/)
    await joinCommunity(m, 'disability')
    const after = await m.agent.post('/api/v1/communities/disability/threads').set('X-CSRF-Token', m.csrf).send({ title: 't', body: 'b' })
    expect(after.status).toBe(201)
  })
})

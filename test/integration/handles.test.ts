// Issue 16, item 6: registration refuses handles that pass for staff, and look-alikes of members'.
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { startTestRuntime } from '../support/app.ts'

let rt: Runtime
beforeAll(async () => {
  rt = await startTestRuntime()
})
afterAll(async () => {
  await rt.close()
})

const register = (handle: string) => request(rt.app).post('/api/v1/auth/register').send({ handle, password: 'a long enough password' })

describe('registration and handles', () => {
  it.each(['Moderator', 'admin', 'Alongside', 'alongside-team', 'mod_team', 'deleted', 'unknown', 'Staff2'])(
    'refuses the reserved handle %s with a 400 naming the field',
    async (handle) => {
      const res = await register(handle)
      expect(res.status).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'handle_reserved', fields: { handle: expect.any(String) } })
      expect(res.body.error.message).toMatch(/staff/)
    },
  )

  it('refuses a handle that looks like an existing one (Iily_1 beside lily_1)', async () => {
    expect((await register('lily_1')).status).toBe(201)
    for (const lookAlike of ['Iily_1', 'lily-l', 'lilyl', 'LiIy_1']) {
      const res = await register(lookAlike)
      expect(res.status, lookAlike).toBe(409)
      expect(res.body.error, lookAlike).toMatchObject({ code: 'handle_look_alike', fields: { handle: expect.any(String) } })
    }
  })

  it('refuses a look-alike of a handle that is reserved today but was taken before', async () => {
    await rt.db
      .insertInto('user')
      .values({ handle: 'lead1', handle_key: 'lead1', handle_skeleton: 'leadl', password_hash: 'x', email: null, created_at: 1 })
      .execute()
    const res = await register('lead_l')
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('handle_look_alike')
    // Iead1 reads as a staff word in itself.
    expect((await register('Iead1')).status).toBe(400)
  })

  it('refuses look-alikes of an ordinary member, and takes different handles', async () => {
    expect((await register('Bob_Smith')).status).toBe(201)
    for (const lookAlike of ['B0b_Smith', 'bob-smith', 'bobsmith', 'B0B_Smith']) {
      const res = await register(lookAlike)
      expect(res.status, lookAlike).toBe(409)
      expect(res.body.error.code, lookAlike).toBe('handle_look_alike')
    }
    expect((await register('bob_smyth')).status).toBe(201)
  })

  it('the same handle in other case is still "already in use"', async () => {
    expect((await register('river_song')).status).toBe(201)
    const res = await register('RIVER_SONG')
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('handle_taken')
  })

  it('the register page says why, at the field', async () => {
    const agent = request.agent(rt.app)
    const form = await agent.get('/register')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]
    const res = await agent.post('/register').type('form').send({ _csrf: csrf, handle: 'the_moderator', password: 'a long enough password' })
    expect(res.status).toBe(400)
    expect(res.text).toContain('kept for the site and its staff')
    expect(res.text).toContain('value="the_moderator"')
  })
})

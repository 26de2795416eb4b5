import SQLite from 'better-sqlite3'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { loadConfig } from '../../server/config.ts'
import { migrateDown, migrateToLatest, openDatabase } from '../../server/db/database.ts'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, reply, startTestRuntime, startThread, tempDbPath } from '../support/app.ts'
import { sqlitePlan } from '../support/plans.ts'

describe('rate limits', () => {
  let rt: Runtime
  beforeAll(async () => {
    rt = await startTestRuntime({ RATE_LIMIT_POSTS_PER_MINUTE: '3', RATE_LIMIT_LOGINS_PER_MINUTE: '2', RATE_LIMIT_REGISTRATIONS_PER_HOUR: '4' })
  })
  afterAll(async () => {
    await rt.close()
  })

  it('limits sign-in attempts per address with 429 and Retry-After', async () => {
    const statuses: number[] = []
    let last: request.Response | undefined
    for (let i = 0; i < 3; i++) {
      last = await request(rt.app).post('/api/v1/auth/login').send({ handle: 'someone', password: 'wrong password' })
      statuses.push(last.status)
    }
    expect(statuses).toEqual([401, 401, 429])
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0)
    expect(last!.body.error.code).toBe('rate_limited')
  })

  it('limits registrations per address per hour', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await request(rt.app)
            .post('/api/v1/auth/register')
            .send({ handle: `rl_reg_${i}`, password: 'long enough pw' })
        ).status,
      )
    // The rate-limit test above shares the address but not the limiter: 4 pass, the 5th is refused.
    expect(statuses).toEqual([201, 201, 201, 201, 429])
  })

  it('limits posting per member, not per address, and says nothing was lost', async () => {
    // Sessions made through the service: the address's login and registration budgets are spent above.
    const asMember = async (handle: string) => {
      const s = await rt.services.auth.register({ handle, password: 'long enough pw' })
      const cookie = `alongside_session=${s.token}`
      const post = (url: string, body: object) => request(rt.app).post(url).set('Cookie', cookie).set('X-CSRF-Token', s.csrfToken).send(body)
      await post('/api/v1/communities/grief/membership', { acceptedGuidelinesVersion: 1 })
      return post
    }
    const postA = await asMember('rl_poster_a')
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await postA('/api/v1/communities/grief/threads', { title: `t${i}`, body: 'b' })).status)
    expect(statuses).toEqual([201, 201, 201, 429])
    const limited = await postA('/api/v1/communities/grief/threads', { title: 'x', body: 'y' })
    expect(limited.body.error.message).toMatch(/nothing you wrote has been lost/i)
    expect(limited.headers['retry-after']).toBeDefined()
    // Another member on the same address can still post.
    const postB = await asMember('rl_poster_b')
    expect((await postB('/api/v1/communities/grief/threads', { title: 'ok', body: 'ok' })).status).toBe(201)
  })

  it('limits reports from the web page as the API does, and the form keeps the note', async () => {
    const writer = await rt.services.auth.register({ handle: 'rl_writer', password: 'long enough pw' })
    const s = await rt.services.auth.register({ handle: 'rl_reporter', password: 'long enough pw' })
    const cookie = `alongside_session=${s.token}`
    const asWriter = { actor: await actorOf(writer.token), requestId: 't' }
    await rt.services.communities.join(asWriter, 'grief', 1)
    const threads = []
    for (let i = 0; i < 4; i++) threads.push(await rt.services.forum.createThread(asWriter, 'grief', { title: `r${i}`, body: `words ${i}` }))
    const statuses = []
    let last: request.Response | undefined
    for (const t of threads) {
      last = await request(rt.app)
        .post(`/t/${t.thread.id}/p/${t.post.id}/report`)
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: s.csrfToken, reason: 'other', note: 'a note I typed' })
      statuses.push(last.status)
    }
    expect(statuses).toEqual([303, 303, 303, 429])
    expect(last!.text).toContain('a note I typed')
  })

  it("limits a lead's watched-word checks, which read up to 1,000 posts each", async () => {
    const s = await rt.services.auth.register({ handle: 'rl_lead', password: 'long enough pw' })
    const cookie = `alongside_session=${s.token}`
    await rt.services.communities.join({ actor: await actorOf(s.token), requestId: 't' }, 'grief', 1)
    await rt.db
      .updateTable('membership')
      .set({ role: 'lead' })
      .where('user_id', '=', (await actorOf(s.token)).id)
      .execute()
    const statuses = []
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (
          await request(rt.app)
            .post('/api/v1/communities/grief/watched-words/dry-run')
            .set('Cookie', cookie)
            .set('X-CSRF-Token', s.csrfToken)
            .send({ phrase: `word${i}`, action: 'flag' })
        ).status,
      )
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    const page = await request(rt.app)
      .post('/c/grief/lead/words')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: s.csrfToken, phrase: 'another', action: 'flag', do: 'check' })
    expect(page.status).toBe(429)
    expect(page.text).toContain('value="another"')
  })

  async function actorOf(token: string) {
    return (await rt.services.auth.resolveSession(token))!.actor
  }
})

describe('migrations', () => {
  it('run up, down and up again on a fresh file', async () => {
    const db = openDatabase(tempDbPath('migrate'))
    try {
      const up = await migrateToLatest(db)
      expect(up.length).toBeGreaterThanOrEqual(3)
      const tables = async () =>
        (
          await sql<{
            name: string
          }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db)
        ).rows.map((r) => r.name)
      expect(await tables()).toEqual(expect.arrayContaining(['user', 'session', 'community', 'thread', 'post', 'post_revision', 'outbox', 'notification']))
      const down = await migrateDown(db)
      expect(down).toEqual([...up].reverse())
      expect(await tables()).toEqual([])
      expect(await migrateToLatest(db)).toEqual(up)
    } finally {
      await db.destroy()
    }
  })

  it('hot queries use their indexes (no full scans of post or thread)', async () => {
    const rt = await startTestRuntime()
    try {
      const m = await buildMember(rt, { join: ['grief'] })
      const { thread } = await startThread(m, 'grief')
      await reply(m, thread.id, 'x')
      const plan = (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => sqlitePlan(rt.db, q.compile())
      const threadPage = rt.db
        .selectFrom('thread')
        .selectAll()
        .where('community_id', '=', 1)
        .where((eb) => eb.or([eb('last_activity_at', '<', 5), eb.and([eb('last_activity_at', '=', 5), eb('id', '<', 3)])]))
        .orderBy('last_activity_at', 'desc')
        .orderBy('id', 'desc')
        .limit(21)
      const threadPlan = await plan(threadPage)
      expect(threadPlan).toContain('thread_community_activity_idx')
      expect(threadPlan).not.toMatch(/SCAN thread(?! USING)/)
      expect(threadPlan).not.toContain('TEMP B-TREE')
      // Who wrote the withheld threads in a stretch of the list: a range of the same index.
      const withheldPlan = await plan(
        rt.db
          .selectFrom('thread')
          .select('author_id')
          .distinct()
          .where('community_id', '=', 1)
          .where('status', 'in', ['held', 'hidden', 'removed'])
          .where((eb) => eb(eb.refTuple('last_activity_at', 'id'), '<', eb.tuple(9, 9)))
          .where((eb) => eb(eb.refTuple('last_activity_at', 'id'), '>=', eb.tuple(1, 1))),
      )
      expect(withheldPlan).toContain('thread_community_activity_idx')
      const postPlan = await plan(rt.db.selectFrom('post').selectAll().where('thread_id', '=', thread.id).where('id', '>', 0).orderBy('id').limit(21))
      expect(postPlan).toContain('post_thread_idx')
      expect(postPlan).not.toContain('TEMP B-TREE')
      // The queue's counts by reason read a kept count per community and reason, never each open item.
      const { openByReasonQuery } = await import('../../server/db/moderation.ts')
      const countPlan = await plan(openByReasonQuery(rt.db, [1, 2]))
      expect(countPlan).toMatch(/SEARCH review_open_count USING PRIMARY KEY \(community_id=\?\)/)
      expect(countPlan).not.toContain('review_item')
    } finally {
      await rt.close()
    }
  })

  it('the home, about and crisis pages run as many statements with five communities as with four', async () => {
    const rt = await startTestRuntime()
    // Counts every statement better-sqlite3 runs while a page is served.
    const proto = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1')) as Record<'all' | 'get' | 'run' | 'iterate', (...a: unknown[]) => unknown>
    const originals = { all: proto.all, get: proto.get, run: proto.run, iterate: proto.iterate }
    let n = 0
    for (const k of Object.keys(originals) as (keyof typeof originals)[])
      proto[k] = function (this: unknown, ...a: unknown[]) {
        n++
        return originals[k].apply(this, a)
      }
    try {
      const m = await buildMember(rt, { join: ['grief', 'recovery'] })
      await startThread(m, 'grief')
      await startThread(m, 'recovery')
      const count = async (path: string) => {
        await m.agent.get(path) // warm: statement caches, page caches
        n = 0
        expect((await m.agent.get(path)).status).toBe(200)
        return n
      }
      const counts = async () => {
        const out: number[] = []
        for (const path of ['/', '/about', '/crisis']) out.push(await count(path))
        return out
      }
      const before = await counts()
      const fresh = await rt.db
        .insertInto('community')
        .values({
          slug: 'fifth',
          name: 'A fifth',
          description: 'x',
          visibility: 'public',
          guidelines_version: 1,
          settings: '{}',
          created_at: Date.now(),
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
      await rt.db
        .insertInto('crisis_resource')
        .values({ community_id: fresh.id, position: 1, name: 'Line', contact: '111', region: 'UK' } as never)
        .execute()
      const after = await counts()
      expect(after).toEqual(before)
    } finally {
      Object.assign(proto, originals)
      await rt.close()
    }
  })
})

describe('configuration', () => {
  it('lists every invalid variable at once with what is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc', REDIS_URL: 'not a url', SESSION_SECRET: 'short' })).toThrow(/PORT[\s\S]*REDIS_URL[\s\S]*SESSION_SECRET/)
  })
  it('requires SESSION_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/)
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).cookieSecure).toBe(true)
  })
  it('reads an empty variable as unset: PORT= is the default port, not a random one', () => {
    const c = loadConfig({ PORT: '', PAGE_CACHE_MB: '', TRUST_PROXY: '' })
    expect(c.port).toBe(3000)
    expect(c.pageCacheBytes).toBe(32 * 2 ** 20)
  })
  it('TRUST_PROXY=1 trusts one proxy hop: rate limits go by the client address it forwards', async () => {
    const rt = await startTestRuntime({ TRUST_PROXY: '1', RATE_LIMIT_LOGINS_PER_MINUTE: '1' })
    try {
      const login = (ip: string) =>
        request(rt.app).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ handle: 'nobody_here', password: 'wrong password' })
      expect((await login('203.0.113.9')).status).toBe(401)
      expect((await login('203.0.113.9')).status).toBe(429)
      expect((await login('198.51.100.7')).status).toBe(401)
    } finally {
      await rt.close()
    }
  })
})

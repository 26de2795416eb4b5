// Two server processes' worth of runtimes on one database: one SQLite file (WAL: one writes while
// the other reads), or in the PostgreSQL run one PostgreSQL database. Each keeps a page cache of its own; a page is good only while the thread's version in
// the database is the one it was built at, read with the thread row on every request. So a reply
// written through A is on B's next page at once, although nothing told B's cache about it.
import fs from 'node:fs'
import path from 'node:path'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, reply, startTestRuntime, startThread, tempDbPath, type Member } from '../support/app.ts'
import { createDatabase, uniqueDatabase } from '../support/postgres.ts'

describe('the page cache with two processes on one database', () => {
  let a: Runtime
  let b: Runtime
  let writer: Member
  let dbFile: string

  beforeAll(async () => {
    dbFile = tempDbPath('two-processes')
    const database: Record<string, string> =
      process.env.TEST_DATABASE === 'postgres'
        ? { DATABASE_URL: await createDatabase(inject('postgresAdminUrl'), uniqueDatabase('two')) }
        : { DATABASE_PATH: dbFile }
    a = await startTestRuntime(database, { relayPollMs: 50 })
    b = await startTestRuntime(database, { relayPollMs: 50 })
    writer = await buildMember(a, { join: ['grief'] })
  })
  afterAll(async () => {
    await Promise.allSettled([a?.close(), b?.close()])
    fs.rmSync(path.dirname(dbFile), { recursive: true, force: true })
  })

  const hitsOnB = () => b.services.forum.pageCacheStats().hits
  const bodiesOnB = async (threadId: number) => {
    const res = await request(b.app).get(`/api/v1/threads/${threadId}?limit=20`)
    expect(res.status).toBe(200)
    return (res.body.posts as { body: string }[]).map((p) => p.body)
  }
  const htmlOnB = async (threadId: number) => {
    const res = await request(b.app).get(`/t/${threadId}`)
    expect(res.status).toBe(200)
    return res.text
  }

  it('a reply written through one process is on the next page the other serves (API and HTML)', async () => {
    const { thread } = await startThread(writer, 'grief', { title: 'Evenings are the hardest', body: 'The house is so quiet after six.' })
    expect(await bodiesOnB(thread.id)).toEqual(['The house is so quiet after six.'])
    expect(await htmlOnB(thread.id)).not.toContain('Radio helps me')
    // Both pages are now in B's cache: read again, they are hits.
    const before = hitsOnB()
    await bodiesOnB(thread.id)
    await htmlOnB(thread.id)
    expect(hitsOnB()).toBe(before + 2)

    expect((await reply(writer, thread.id, 'Radio helps me in the evenings.')).status).toBe(201)
    expect(await bodiesOnB(thread.id)).toEqual(['The house is so quiet after six.', 'Radio helps me in the evenings.'])
    expect(await htmlOnB(thread.id)).toContain('Radio helps me in the evenings.')
  })

  it('a thread started through one process is on the community page the other serves', async () => {
    const list = async () => (await request(b.app).get('/api/v1/communities/grief/threads?limit=50')).body.threads.map((t: { title: string }) => t.title)
    expect(await list()).not.toContain('Walking helps a little')
    const before = hitsOnB()
    await list()
    expect(hitsOnB()).toBe(before + 1)
    await startThread(writer, 'grief', { title: 'Walking helps a little', body: 'I walk the dog twice as far now.' })
    expect(await list()).toContain('Walking helps a little')
  })
})

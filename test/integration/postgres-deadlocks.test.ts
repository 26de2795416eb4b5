// PostgreSQL runs writers side by side on a pool, and the trigger-kept counters can make two
// transactions deadlock; PostgreSQL breaks it by failing one (40P01). transaction() and
// groupCommit() (server/db/connection.ts) run such a transaction again. Run by `npm run test:postgres`.
import { sql, type Kysely } from 'kysely'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { transaction } from '../../server/db/connection.ts'
import { connectDatabase } from '../../server/db/database.ts'
import type { DB } from '../../server/db/schema.ts'
import type { Runtime } from '../../server/runtime.ts'
import { buildMember, startTestRuntime, startThread, type Member } from '../support/app.ts'
import { TestPostgres, uniqueDatabase } from '../support/postgres.ts'

describe('a deadlock between two transactions', () => {
  let cluster: TestPostgres
  let db: Kysely<DB>
  beforeAll(async () => {
    cluster = await TestPostgres.start()
    db = connectDatabase({ databasePath: 'unused.db', databaseUrl: await cluster.createDatabase(uniqueDatabase('dl')) })
    await sql`create table pair (id int primary key, n int not null)`.execute(db)
    await sql`insert into pair values (1, 0), (2, 0)`.execute(db)
  })
  afterAll(async () => {
    await db?.destroy()
    await cluster?.stop()
  })

  it('is broken by PostgreSQL and the aborted transaction is run again, so both commit', async () => {
    // Each takes its first row, waits until the other has taken its own, then asks for the
    // other's: a real deadlock, found by PostgreSQL after deadlock_timeout (1 s).
    const took: Record<string, () => void> = {}
    const bothTook = Promise.all(['a', 'b'].map((k) => new Promise<void>((resolve) => (took[k] = resolve))))
    const attempts = { a: 0, b: 0 }
    const writer = (k: 'a' | 'b', first: number, second: number) =>
      transaction(db, async (trx) => {
        attempts[k]++
        await sql`update pair set n = n + 1 where id = ${first}`.execute(trx)
        took[k]!()
        await bothTook
        await sql`update pair set n = n + 1 where id = ${second}`.execute(trx)
        return k
      })
    const results = await Promise.allSettled([writer('a', 1, 2), writer('b', 2, 1)])
    expect(results).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'fulfilled', value: 'b' },
    ])
    // One of them was aborted and tried again; each one's writes counted exactly once.
    expect(attempts.a + attempts.b).toBe(3)
    const rows = await sql<{ id: number; n: number }>`select id, n from pair order by id`.execute(db)
    expect(rows.rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ])
  })

  it('still throws an error that is not a deadlock, once', async () => {
    let attempts = 0
    const failing = transaction(db, async (trx) => {
      attempts++
      await sql`insert into pair values (1, 0)`.execute(trx)
    })
    await expect(failing).rejects.toMatchObject({ code: '23505' })
    expect(attempts).toBe(1)
  })
})

describe('many replies to one thread at once', () => {
  let rt: Runtime
  let members: Member[]
  beforeAll(async () => {
    rt = await startTestRuntime()
    members = []
    for (let i = 0; i < 10; i++) members.push(await buildMember(rt, { join: ['grief'] }))
  })
  afterAll(async () => {
    await rt.close()
  })

  it('saves all 50, and the thread counts exactly 50 replies', async () => {
    const { thread } = await startThread(members[0]!, 'grief', { title: 'Many hands', body: 'Say hello.' })
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const m = members[i % members.length]!
        return m.agent
          .post(`/api/v1/threads/${thread.id}/posts`)
          .set('X-CSRF-Token', m.csrf)
          .send({ body: `Hello number ${i}` })
      }),
    )
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(201))
    expect(new Set(replies.map((r) => r.body.post?.id)).size).toBe(50)
    const read = await request(rt.app).get(`/api/v1/threads/${thread.id}`)
    expect(read.body.thread.replyCount).toBe(50)
  })
})

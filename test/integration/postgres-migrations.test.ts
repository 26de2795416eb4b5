// The one set of migrations on PostgreSQL (migrations/postgres.ts and each migration's PostgreSQL
// branch), on a real PostgreSQL 15 in a private cluster: the schema comes and goes cleanly, holds
// times in milliseconds, and its triggers keep the rules SQLite's keep. And the query paths of
// server/db/connection.ts, which are SQLite fast paths, fall back to Kysely with the right SQL.
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupCommit, prepared, queryRow } from '../../server/db/connection.ts'
import { connectDatabase, migrateDown, migrateToLatest } from '../../server/db/database.ts'
import type { DB } from '../../server/db/schema.ts'
import { TestPostgres, uniqueDatabase } from '../support/postgres.ts'

let cluster: TestPostgres
let db: Kysely<DB>
beforeAll(async () => {
  cluster = await TestPostgres.start()
  db = connectDatabase({ databasePath: 'unused.db', databaseUrl: await cluster.createDatabase(uniqueDatabase('mig')) })
  await migrateToLatest(db)
})
afterAll(async () => {
  await db?.destroy()
  await cluster?.stop()
})

async function schema() {
  const columns = await sql<{ t: string; c: string; type: string }>`select table_name as t, column_name as c, data_type as type
    from information_schema.columns where table_schema = 'public' order by 1, 2`.execute(db)
  const triggers = await sql<{ name: string }>`select tgname as name from pg_trigger where not tgisinternal order by 1`.execute(db)
  const indexes = await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = 'public' order by 1`.execute(db)
  return { columns: columns.rows, triggers: triggers.rows.map((r) => r.name), indexes: indexes.rows.map((r) => r.name) }
}

const NOW = Date.parse('2026-06-01T12:00:00Z')

let seeds = 0
async function seed() {
  const name = `m${++seeds}`
  const user = await db
    .insertInto('user')
    .values({ handle: name, handle_key: name, handle_skeleton: name, password_hash: 'x', email: null, created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow()
  const community = await db
    .insertInto('community')
    .values({ slug: name, name: 'Grief', description: 'd', created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow()
  const thread = await db
    .insertInto('thread')
    .values({ community_id: community.id, author_id: user.id, title: 'T', created_at: NOW, last_activity_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow()
  const post = await db
    .insertInto('post')
    .values({ thread_id: thread.id, community_id: community.id, author_id: user.id, body: 'b', html: '<p>b</p>', created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { userId: user.id, communityId: community.id, threadId: thread.id, postId: post.id }
}

describe('the migrations on PostgreSQL', () => {
  it('roll all the way down and up again to the same schema, with no integer column of 32 bits', async () => {
    const before = await schema()
    expect(before.columns.filter((c) => c.type === 'integer')).toEqual([])
    expect(before.triggers).toContain('audit_log_no_update')
    await migrateDown(db)
    expect((await schema()).columns.filter((c) => !c.t.startsWith('kysely_'))).toEqual([])
    await migrateToLatest(db)
    expect(await schema()).toEqual(before)
  })

  it('keep the rules SQLite triggers keep: versions, counts, urgency, final deletion, the append-only log', async () => {
    const s = await seed()
    // Times are milliseconds: past 32 bits, and read back as numbers.
    expect(await db.selectFrom('user').select('created_at').where('id', '=', s.userId).executeTakeFirstOrThrow()).toEqual({ created_at: NOW })

    const version = async () => (await db.selectFrom('thread').select('version').where('id', '=', s.threadId).executeTakeFirstOrThrow()).version
    const v0 = await version()
    await db.updateTable('post').set({ body: 'edited' }).where('id', '=', s.postId).execute()
    expect(await version()).toBe(v0 + 1)

    const item = await db
      .insertInto('review_item')
      .values({ post_id: s.postId, community_id: s.communityId, priority: 600, reason: 'crisis', created_at: NOW, updated_at: NOW + 5 })
      .returning(['id', 'urgent_at'])
      .executeTakeFirstOrThrow()
    expect(item.urgent_at).toBe(NOW + 5)
    const open = () =>
      db.selectFrom('review_open_count').select('n').where('community_id', '=', s.communityId).where('reason', '=', 'crisis').executeTakeFirst()
    expect(await open()).toEqual({ n: 1 })
    await db.updateTable('review_item').set({ status: 'resolved' }).where('id', '=', item.id).execute()
    expect(await open()).toEqual({ n: 0 })

    await db.updateTable('post').set({ status: 'deleted' }).where('id', '=', s.postId).execute()
    await db.updateTable('post').set({ status: 'visible' }).where('id', '=', s.postId).execute()
    expect(await db.selectFrom('post').select('status').where('id', '=', s.postId).executeTakeFirstOrThrow()).toEqual({ status: 'deleted' })

    await db.insertInto('audit_log').values({ action: 'x', target_type: 'post', target_id: s.postId, created_at: NOW }).execute()
    await expect(db.updateTable('audit_log').set({ reason: 'rewritten' }).execute()).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/)
  })

  it('sum check-ins by calendar quarter (UTC) as SQLite does', async () => {
    const s = await seed()
    const checkIn = (at: string, wellbeing: number) =>
      db
        .insertInto('outcome_check_in')
        .values({ user_id: s.userId, community_id: s.communityId, created_at: Date.parse(at), wellbeing, loneliness: 5, hope: 5 })
        .execute()
    await checkIn('2026-04-01T00:00:00Z', 10)
    await checkIn('2026-06-30T23:59:59Z', 14)
    await checkIn('2026-07-01T00:00:00Z', 20)
    const rows = await db
      .selectFrom('outcome_member_quarter')
      .select(['quarter_start', 'n', 'first_wellbeing', 'last_wellbeing'])
      .where('user_id', '=', s.userId)
      .orderBy('quarter_start')
      .execute()
    expect(rows).toEqual([
      { quarter_start: Date.parse('2026-04-01T00:00:00Z'), n: 2, first_wellbeing: 10, last_wellbeing: 14 },
      { quarter_start: Date.parse('2026-07-01T00:00:00Z'), n: 1, first_wellbeing: 20, last_wellbeing: 20 },
    ])
    const change = await db
      .selectFrom('outcome_histogram')
      .select(['v', 'n'])
      .where('community_id', '=', s.communityId)
      .where('k', '=', 'change_wellbeing')
      .execute()
    expect(change).toEqual([{ v: 4, n: 1 }])
  })
})

describe("server/db/connection.ts's query paths on PostgreSQL", () => {
  const FIND = prepared((k, p: { slug: string }) => k.selectFrom('community').select(['id', 'slug']).where('slug', '=', p.slug))
  const RENAME = prepared((k, p: { slug: string; name: string }) => k.updateTable('community').set({ name: p.name }).where('slug', '=', p.slug))

  it('run prepared queries and raw point reads written with ? placeholders', async () => {
    await db.insertInto('community').values({ slug: 'carers', name: 'Carers', description: 'd', created_at: NOW }).execute()
    expect(await FIND.first(db, { slug: 'carers' })).toMatchObject({ slug: 'carers' })
    expect(await RENAME.run(db, { slug: 'carers', name: 'Carers UK' })).toBe(1)
    expect(await queryRow(db, 'select "name" from "community" where "slug" = ? and "name" = ?', ['carers', 'Carers UK'])).toEqual({ name: 'Carers UK' })
  })

  it('group commit rolls back the part that throws alone', async () => {
    const ok = groupCommit(db, (trx) => RENAME.run(trx, { slug: 'carers', name: 'Kept' }))
    const bad = groupCommit(db, async (trx) => {
      await RENAME.run(trx, { slug: 'carers', name: 'Rolled back' })
      throw new Error('this part fails')
    })
    await expect(ok).resolves.toBe(1)
    await expect(bad).rejects.toThrow('this part fails')
    expect(await queryRow(db, 'select "name" from "community" where "slug" = ?', ['carers'])).toEqual({ name: 'Kept' })
  })
})

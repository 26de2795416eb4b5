// The point reads every request makes skip Kysely (server/db/connection.ts). They must return what the
// Kysely queries return, and must never run inside another request's open transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Kysely } from 'kysely'
import { migrateToLatest, openDatabase } from '../../server/db/database.ts'
import { findCommunityById, findCommunityBySlug, findMembership } from '../../server/db/communities.ts'
import { groupCommit, prepared, quickGet, transaction } from '../../server/db/connection.ts'
import type { DB } from '../../server/db/schema.ts'
import { pageHeaderFlags } from '../../server/db/notifications.ts'
import { findSessionWithUser } from '../../server/db/sessions.ts'
import { findThreadById, findThreadForReader } from '../../server/db/threads.ts'
import { peekCrisisPrompt, setCrisisPrompt, takeCrisisPrompt } from '../../server/db/safety.ts'
import SQLite from 'better-sqlite3'
import { tempDbPath } from '../support/app.ts'

describe('quick point reads', () => {
  let db: Kysely<DB>
  let file: string
  beforeAll(async () => {
    file = tempDbPath('quick')
    db = openDatabase(file)
    await migrateToLatest(db)
    const c = await db
      .insertInto('community')
      .values({ slug: 'grief', name: 'Grief', description: 'd', created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
    const u = await db
      .insertInto('user')
      .values({ handle: 'ash', handle_key: 'ash', handle_skeleton: 'ash', password_hash: 'x', email: null, created_at: 2 })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('membership')
      .values({ community_id: c.id, user_id: u.id, role: 'member', accepted_guidelines_version: 1, silenced_until: null, joined_at: 3 })
      .execute()
    await db.insertInto('thread').values({ community_id: c.id, author_id: u.id, title: 'T', created_at: 4, last_activity_at: 5 }).execute()
    await db.insertInto('session').values({ id: 'hash-1', user_id: u.id, csrf_token: 'csrf', created_at: 6, expires_at: 1000 }).execute()
  })
  afterAll(async () => {
    await db.destroy()
  })

  it('keep one waiting crisis prompt per member, moved to their latest crisis post', async () => {
    await setCrisisPrompt(db, 1, 1, 10, 100)
    expect(await peekCrisisPrompt(db, 1)).toEqual({ user_id: 1, community_id: 1, post_id: 10, created_at: 100 })
    // A second crisis post before the prompt was shown points it at the newer post.
    await transaction(db, (trx) => setCrisisPrompt(trx, 1, 1, 11, 200))
    expect(await takeCrisisPrompt(db, 1)).toEqual({ user_id: 1, community_id: 1, post_id: 11, created_at: 200 })
    expect(await peekCrisisPrompt(db, 1)).toBeUndefined()
  })

  it('return the same rows as the Kysely queries they replace', async () => {
    const kysely = {
      thread: await db.selectFrom('thread').selectAll().where('id', '=', 1).executeTakeFirst(),
      community: await db.selectFrom('community').selectAll().where('id', '=', 1).executeTakeFirst(),
      membership: await db.selectFrom('membership').selectAll().where('community_id', '=', 1).where('user_id', '=', 1).executeTakeFirst(),
    }
    expect(kysely.thread).toBeDefined()
    expect(await findThreadById(db, 1)).toEqual(kysely.thread)
    expect(await findCommunityById(db, 1)).toEqual(kysely.community)
    expect(await findCommunityBySlug(db, 'grief')).toEqual(kysely.community)
    expect(await findMembership(db, 1, 1)).toEqual(kysely.membership)
    expect(await findThreadById(db, 99)).toBeUndefined()
    // The session read through Kysely (inside a transaction) and quickly (outside) agree.
    const viaKysely = await db.transaction().execute((trx) => findSessionWithUser(trx, 'hash-1', 10))
    expect(viaKysely).toMatchObject({ session_id: 'hash-1', csrf_token: 'csrf', id: 1, handle: 'ash' })
    expect(await findSessionWithUser(db, 'hash-1', 10)).toEqual(viaKysely)
    expect(await findSessionWithUser(db, 'hash-1', 1000)).toBeUndefined() // expired
    await db.insertInto('notification').values({ user_id: 1, kind: 'reply_to_thread', data: '{}', created_at: 7 }).execute()
    const flags = await db.transaction().execute((trx) => pageHeaderFlags(trx, 1, 7))
    expect(flags).toEqual({ unread: 1, moderates: false, leads: false, crisisPending: false, checkInDue: false })
    expect(await pageHeaderFlags(db, 1, 7)).toEqual(flags)
  })

  it('read a thread with its community and the viewer’s membership in one statement, as the three reads would', async () => {
    for (const viewer of [1, 2, undefined]) {
      const slow = await db.transaction().execute((trx) => findThreadForReader(trx, 1, viewer))
      expect(slow!.thread.title).toBe('T')
      expect(await findThreadForReader(db, 1, viewer)).toEqual(slow)
    }
    expect((await findThreadForReader(db, 1, 1))!.membership).toMatchObject({ user_id: 1, role: 'member' })
    expect((await findThreadForReader(db, 1, 2))!.membership).toBeUndefined()
    expect(await findThreadForReader(db, 42, 1)).toBeUndefined()
  })

  it('step aside while a transaction is open, so they never see its uncommitted rows', async () => {
    let during: unknown = 'not run'
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('thread').set({ title: 'uncommitted' }).where('id', '=', 1).execute()
      during = quickGet(db, 'select title from thread where id = ?', [1])
    })
    expect(during).toBeUndefined()
    expect(quickGet(db, 'select title from thread where id = ?', [1])).toEqual({ row: { title: 'uncommitted' } })
  })

  describe('prepared queries', () => {
    const titleOf = prepared((db, p: { id: number }) => db.selectFrom('thread').select(['id', 'title']).where('id', '=', p.id))
    const setTitle = prepared((db, p: { id: number; title: string }) => db.updateTable('thread').set({ title: p.title }).where('id', '=', p.id))
    const insertReturning = prepared((db, p: { userId: number; data: string | null }) =>
      db
        .insertInto('notification')
        .values({ user_id: p.userId, kind: 'k', data: p.data as string, created_at: 9 })
        .returningAll(),
    )

    it('bind each call’s values into the one SQL text Kysely compiled, constants included', async () => {
      expect(setTitle.sql).toBe('update "thread" set "title" = ? where "id" = ?')
      expect(await setTitle.run(db, { id: 1, title: 'T' })).toBe(1)
      expect(await setTitle.run(db, { id: 99, title: 'T' })).toBe(0)
      expect(await titleOf.first(db, { id: 1 })).toEqual(await db.selectFrom('thread').select(['id', 'title']).where('id', '=', 1).executeTakeFirst())
      expect(await titleOf.all(db, { id: 99 })).toEqual([])
      const row = await insertReturning.first(db, { userId: 1, data: '{"a":1}' })
      expect(row).toMatchObject({ user_id: 1, kind: 'k', data: '{"a":1}', created_at: 9 })
      expect(await db.selectFrom('notification').selectAll().where('id', '=', row!.id).executeTakeFirst()).toEqual(row)
    })

    it('run inside a transaction() and roll back with it', async () => {
      await expect(
        transaction(db, async (trx) => {
          await setTitle.run(trx, { id: 1, title: 'inside' })
          expect(await titleOf.first(trx, { id: 1 })).toMatchObject({ title: 'inside' })
          throw new Error('abandon')
        }),
      ).rejects.toThrow('abandon')
      expect(await titleOf.first(db, { id: 1 })).toMatchObject({ title: 'T' })
    })

    it('wait behind another open transaction instead of writing into it', async () => {
      let release!: () => void
      const held = db.transaction().execute(async (trx) => {
        await trx.updateTable('thread').set({ title: 'other' }).where('id', '=', 1).execute()
        await new Promise<void>((r) => (release = r))
        throw new Error('roll back the other transaction')
      })
      await new Promise((r) => setTimeout(r, 10))
      // The connection is in the other transaction: this write queues through Kysely.
      const write = setTitle.run(db, { id: 1, title: 'mine' })
      release()
      await expect(held).rejects.toThrow('roll back')
      expect(await write).toBe(1)
      expect(await titleOf.first(db, { id: 1 })).toMatchObject({ title: 'mine' })
      // A plain Kysely transaction (not opened by transaction()) runs them through Kysely, in it.
      await db.transaction().execute(async (trx) => {
        await setTitle.run(trx, { id: 1, title: 'T' })
        expect(await titleOf.first(trx, { id: 1 })).toMatchObject({ title: 'T' })
      })
    })

    it('refuse a transaction that has ended, rather than write outside it', async () => {
      let kept!: Parameters<Parameters<typeof transaction>[1]>[0]
      await transaction(db, async (trx) => {
        kept = trx
      })
      await expect(setTitle.run(kept, { id: 1, title: 'late' })).rejects.toThrow(/has ended|already committed/)
      expect(await titleOf.first(db, { id: 1 })).toMatchObject({ title: 'T' })
    })
  })

  describe('group commit', () => {
    const insert = prepared((db, p: { kind: string }) => db.insertInto('notification').values({ user_id: 1, kind: p.kind, data: '{}', created_at: 1 }))
    const kinds = (prefix: string) =>
      db
        .selectFrom('notification')
        .select('kind')
        .where('kind', 'like', `${prefix}%`)
        .orderBy('id')
        .execute()
        .then((rows) => rows.map((r) => r.kind))

    it('writes asked for in one turn share one transaction, in order; each caller hears back after the commit', async () => {
      const other = new SQLite(file, { readonly: true })
      try {
        const seen: unknown[] = []
        const write = (kind: string) =>
          groupCommit(db, async (trx) => {
            seen.push(trx)
            await insert.run(trx, { kind })
            return kind
          })
        const done = Promise.all(
          [write('g-a'), write('g-b'), write('g-c')].map((p) =>
            p.then((kind) => {
              // Resolved only once committed: another connection already reads it.
              expect(other.prepare('select count(*) as n from notification where kind = ?').get(kind)).toEqual({ n: 1 })
              return kind
            }),
          ),
        )
        expect(await done).toEqual(['g-a', 'g-b', 'g-c'])
        expect(new Set(seen).size).toBe(1)
        expect(await kinds('g-')).toEqual(['g-a', 'g-b', 'g-c'])
      } finally {
        other.close()
      }
    })

    it('one writer that throws is rolled back alone and gets its own error', async () => {
      const results = await Promise.allSettled([
        groupCommit(db, (trx) => insert.run(trx, { kind: 'h-a' })),
        groupCommit(db, async (trx) => {
          await insert.run(trx, { kind: 'h-b' })
          throw new Error('the second writer failed')
        }),
        groupCommit(db, (trx) => insert.run(trx, { kind: 'h-c' })),
      ])
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
      expect((results[1] as PromiseRejectedResult).reason.message).toBe('the second writer failed')
      expect(await kinds('h-')).toEqual(['h-a', 'h-c'])
      // A writer alone in its turn rolls back as any transaction does.
      await expect(
        groupCommit(db, async (trx) => {
          await insert.run(trx, { kind: 'h-d' })
          throw new Error('alone')
        }),
      ).rejects.toThrow('alone')
      expect(await kinds('h-')).toEqual(['h-a', 'h-c'])
    })
  })
})

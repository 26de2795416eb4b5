// The queue's counts by reason come from review_open_count, kept by triggers (migration 0009).
// Whatever happens to review items, they must equal a count of the open items themselves.
import { Migrator, sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrationProvider } from '../../migrations/index.ts'
import { openDatabase } from '../../server/db/database.ts'
import { countOpenByReason, resolveItem } from '../../server/db/moderation.ts'
import { PRIORITY, upsertReviewItem } from '../../server/db/review.ts'
import type { DB } from '../../server/db/schema.ts'
import { tempDbPath } from '../support/app.ts'

describe('open review counts kept by triggers', () => {
  let db: Kysely<DB>
  const posts: number[] = []

  /** The counts as the queue reads them, and as a count of the items gives them. */
  async function both(communityIds: number[] | 'all' = 'all') {
    const kept = Object.fromEntries((await countOpenByReason(db, communityIds)).map((r) => [r.reason, Number(r.n)]))
    let q = db
      .selectFrom('review_item')
      .select(['reason', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'open')
    if (communityIds !== 'all') q = q.where('community_id', 'in', communityIds)
    const counted = Object.fromEntries((await q.groupBy('reason').execute()).map((r) => [r.reason, Number(r.n)]))
    return { kept, counted }
  }

  beforeAll(async () => {
    db = openDatabase(tempDbPath('open-counts'))
    const migrator = new Migrator({ db, provider: migrationProvider })
    // Items that exist before the migration are counted by it.
    expect((await migrator.migrateTo('0008_page_versions')).error).toBeUndefined()
    for (const slug of ['grief', 'recovery']) {
      await db.insertInto('community').values({ slug, name: slug, description: 'd', created_at: 1 }).execute()
    }
    // The user table as 0008 left it (no handle_skeleton yet).
    await sql`insert into user (handle, handle_key, password_hash, email, created_at) values ('ash', 'ash', 'x', null, 1)`.execute(db)
    for (const community of [1, 2]) {
      const t = await db
        .insertInto('thread')
        .values({ community_id: community, author_id: 1, title: 'T', created_at: 1, last_activity_at: 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (let i = 0; i < 6; i++) {
        const p = await db
          .insertInto('post')
          .values({ thread_id: t.id, community_id: community, author_id: 1, body: 'b', html: '<p>b</p>', created_at: 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
        posts.push(p.id)
      }
    }
    await upsertReviewItem(
      db,
      { postId: posts[0]!, communityId: 1, priority: PRIORITY.held, reason: 'spam', at: 1 },
      { source: 'pipeline', kind: 'spam', reason: 's' },
    )
    await upsertReviewItem(
      db,
      { postId: posts[6]!, communityId: 2, priority: PRIORITY.concern, reason: 'concern', at: 1 },
      { source: 'pipeline', kind: 'concern', reason: 'c' },
    )
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
  })
  afterAll(async () => {
    await db.destroy()
  })

  it('start from the items already open', async () => {
    expect((await both()).kept).toEqual({ spam: 1, concern: 1 })
  })

  it('follow new items, raised priorities, resolutions, moves and deletions', async () => {
    const steps: [string, () => Promise<unknown>][] = [
      [
        'new items',
        async () => {
          for (const [i, reason] of [
            [1, 'spam'],
            [2, 'warnings'],
            [7, 'spam'],
            [8, 'report'],
          ] as const) {
            await upsertReviewItem(
              db,
              { postId: posts[i]!, communityId: i < 6 ? 1 : 2, priority: PRIORITY.held, reason, at: 2 },
              { source: 'pipeline', kind: reason, reason },
            )
          }
        },
      ],
      // A second signal of a higher level on an open item changes its reason: spam -> urgent crisis.
      [
        'raised',
        () =>
          upsertReviewItem(
            db,
            { postId: posts[1]!, communityId: 1, priority: PRIORITY.urgent_crisis, reason: 'urgent_crisis', at: 3 },
            { source: 'pipeline', kind: 'urgent_crisis', reason: 'u' },
          ),
      ],
      // A lower one leaves it as it is.
      [
        'not lowered',
        () =>
          upsertReviewItem(
            db,
            { postId: posts[1]!, communityId: 1, priority: PRIORITY.warning_review, reason: 'warnings', at: 4 },
            { source: 'pipeline', kind: 'warnings', reason: 'w' },
          ),
      ],
      [
        'resolved',
        async () =>
          expect(
            await resolveItem(
              db,
              (await db.selectFrom('review_item').select('id').where('post_id', '=', posts[7]!).executeTakeFirstOrThrow()).id,
              1,
              'approved',
              5,
            ),
          ).toBe(true),
      ],
      // A resolved post flagged again opens a new item.
      [
        'reopened',
        () =>
          upsertReviewItem(
            db,
            { postId: posts[7]!, communityId: 2, priority: PRIORITY.held, reason: 'contact', at: 6 },
            { source: 'pipeline', kind: 'contact', reason: 'c' },
          ),
      ],
      ['moved', () => db.updateTable('review_item').set({ community_id: 1 }).where('post_id', '=', posts[8]!).execute()],
      ['deleted open', () => db.deleteFrom('review_item').where('post_id', '=', posts[2]!).execute()],
      ['deleted resolved', () => db.deleteFrom('review_item').where('status', '=', 'resolved').execute()],
      [
        'in a transaction rolled back',
        () =>
          db
            .transaction()
            .execute(async (trx) => {
              await upsertReviewItem(
                trx,
                { postId: posts[3]!, communityId: 1, priority: PRIORITY.held, reason: 'spam', at: 7 },
                { source: 'pipeline', kind: 'spam', reason: 's' },
              )
              throw new Error('roll back')
            })
            .catch(() => undefined),
      ],
    ]
    for (const [label, step] of steps) {
      await step()
      for (const scope of ['all', [1], [2], [1, 2]] as const) {
        const { kept, counted } = await both(scope === 'all' ? 'all' : [...scope])
        expect(kept, `${label}, communities ${String(scope)}`).toEqual(counted)
      }
    }
    expect((await both()).kept).toEqual({ spam: 1, concern: 1, urgent_crisis: 1, report: 1, contact: 1 })
    expect((await both([2])).kept).toEqual({ concern: 1, contact: 1 })
  })
})

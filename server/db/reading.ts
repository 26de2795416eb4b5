import { sql } from 'kysely'
import type { Executor } from './schema.ts'
import { jsonValues } from './dialect.ts'

// Reading: where a post sits in its thread's pages, where each member stopped reading, and
// "this helped me" marks (migration 0017).

/**
 * The post id a thread page holding `postId` starts after (undefined: the first page), with pages
 * of `pageSize` posts counted over every post of the thread, whatever its status: a page may show
 * fewer (held posts are left out for most readers), so the post is always on the page found.
 * Both statements walk post_thread_idx (thread_id, id) below the post and no further.
 */
export async function pageStartBefore(db: Executor, threadId: number, postId: number, pageSize: number): Promise<number | undefined> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from post where thread_id = ${threadId} and id < ${postId}`.execute(db)
  const before = Number(rows[0]?.n ?? 0)
  const pageIndex = Math.floor(before / pageSize)
  if (pageIndex === 0) return undefined
  const start = await sql<{ id: number }>`select id from post where thread_id = ${threadId} and id < ${postId}
    order by id limit 1 offset ${pageIndex * pageSize - 1}`.execute(db)
  return start.rows[0]?.id
}

export function findThreadRead(db: Executor, userId: number, threadId: number) {
  return db
    .selectFrom('thread_read')
    .select(['last_read_post_id', 'read_at'])
    .where('user_id', '=', userId)
    .where('thread_id', '=', threadId)
    .executeTakeFirst()
}

/** Moves the member's place forward only: reading an earlier page again never marks later posts new. */
export async function advanceThreadRead(db: Executor, userId: number, threadId: number, lastPostId: number, at: number) {
  await db
    .insertInto('thread_read')
    .values({ user_id: userId, thread_id: threadId, last_read_post_id: lastPostId, read_at: at })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'thread_id'])
        .doUpdateSet({ last_read_post_id: (eb) => eb.ref('excluded.last_read_post_id'), read_at: (eb) => eb.ref('excluded.read_at') })
        .where('thread_read.last_read_post_id', '<', (eb) => eb.ref('excluded.last_read_post_id')),
    )
    .execute()
}

/** New posts counted up to this many: a list says "99+ new", and never walks a long thread. */
export const NEW_COUNT_CAP = 100

/**
 * Posts others can see (visible) after `afterId` in a thread, written by someone else: how many
 * (at most NEW_COUNT_CAP) and the first. One short range of post_thread_idx.
 */
export async function newPostsAfter(db: Executor, threadId: number, afterId: number, viewerId: number) {
  const { rows } = await sql<{ n: number; first: number | null }>`select count(*) as n, min(id) as first from (
      select id from post where thread_id = ${threadId} and id > ${afterId} and status = 'visible' and author_id != ${viewerId}
      order by id limit ${NEW_COUNT_CAP}) as recent`.execute(db)
  return { count: Number(rows[0]?.n ?? 0), firstId: rows[0]?.first ?? undefined }
}

/**
 * For the threads of a list the member has opened before: how many posts are new since (capped),
 * in one statement; threads they never opened are not in the answer.
 */
export async function newPostCounts(db: Executor, userId: number, threadIds: number[]) {
  if (threadIds.length === 0) return new Map<number, number>()
  const { rows } = await sql<{ thread_id: number; n: number }>`select r.thread_id, (
      select count(*) from (select 1 from post p where p.thread_id = r.thread_id and p.id > r.last_read_post_id
        and p.status = 'visible' and p.author_id != ${userId} limit ${NEW_COUNT_CAP}) as capped) as n
    from thread_read r where r.user_id = ${userId} and r.thread_id in ${jsonValues(db, JSON.stringify(threadIds))}`.execute(db)
  return new Map(rows.map((r) => [r.thread_id, Number(r.n)]))
}

export async function setHelpfulMark(db: Executor, postId: number, userId: number, on: boolean, at: number) {
  if (on) {
    await db
      .insertInto('helpful_mark')
      .values({ post_id: postId, user_id: userId, created_at: at })
      .onConflict((oc) => oc.columns(['post_id', 'user_id']).doNothing())
      .execute()
  } else {
    await db.deleteFrom('helpful_mark').where('post_id', '=', postId).where('user_id', '=', userId).execute()
  }
}

export async function hasHelpfulMark(db: Executor, postId: number, userId: number) {
  const row = await db.selectFrom('helpful_mark').select('post_id').where('post_id', '=', postId).where('user_id', '=', userId).executeTakeFirst()
  return row !== undefined
}

/** How many marks each of these posts has (the writer's own posts on a page), in one statement. */
export async function helpfulCounts(db: Executor, postIds: number[]) {
  if (postIds.length === 0) return new Map<number, number>()
  const rows = await db
    .selectFrom('helpful_mark')
    .select(['post_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('post_id', 'in', postIds)
    .groupBy('post_id')
    .execute()
  return new Map(rows.map((r) => [r.post_id, Number(r.n)]))
}

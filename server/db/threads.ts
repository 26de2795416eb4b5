import { sql } from 'kysely'
import { prepared, queryRow, quickGet } from './connection.ts'
import { jsonValues } from './dialect.ts'
import { findCommunityById, findMembership } from './communities.ts'
import type { CommunityRow, Executor, MembershipRow, ThreadRow, ThreadStatus } from './schema.ts'

/** Held, hidden or removed: a thread only its author and the moderators may see (services/visibility.ts). */
const withheldList: ThreadStatus[] = ['held', 'hidden', 'removed']
export const THREAD_WITHHELD: ReadonlySet<string> = new Set(withheldList)

export interface ThreadCursor {
  at: number
  id: number
}

export async function insertThread(
  db: Executor,
  row: { community_id: number; author_id: number; title: string; status: ThreadStatus; created_at: number; last_activity_at: number },
) {
  return db.insertInto('thread').values(row).returningAll().executeTakeFirstOrThrow()
}

/**
 * A thread with its community and the viewer's membership (undefined when they have none): what
 * every read of a thread checks first. One statement when the connection is idle, else three.
 */
export async function findThreadForReader(db: Executor, threadId: number, viewerId: number | undefined) {
  const quick = quickGet<{ thread: ThreadRow; community: CommunityRow; membership: { [K in keyof MembershipRow]: MembershipRow[K] | null } }>(
    db,
    `select "thread".*, "community".*, "membership".* from "thread"
      inner join "community" on "community"."id" = "thread"."community_id"
      left join "membership" on "membership"."community_id" = "thread"."community_id" and "membership"."user_id" = ?
      where "thread"."id" = ?`,
    [viewerId ?? null, threadId],
    { byTable: true },
  )
  if (quick) {
    const row = quick.row
    if (!row) return undefined
    return { thread: row.thread, community: row.community, membership: row.membership.user_id === null ? undefined : (row.membership as MembershipRow) }
  }
  const thread = await findThreadById(db, threadId)
  if (!thread) return undefined
  const community = (await findCommunityById(db, thread.community_id))!
  return { thread, community, membership: viewerId === undefined ? undefined : await findMembership(db, community.id, viewerId) }
}

export function findThreadById(db: Executor, id: number) {
  return queryRow<ThreadRow>(db, 'select * from "thread" where "id" = ?', [id])
}

/**
 * A community's threads, most recent activity first, keyset-paginated on (last_activity_at, id)
 * so a deep page costs the same as the first. Held, hidden and removed threads are visible only
 * to their author and to moderators (`includeHeld`).
 */
export function listThreadsPage(db: Executor, opts: { communityId: number; limit: number; cursor?: ThreadCursor; viewerId?: number; includeHeld: boolean }) {
  let q = db
    .selectFrom('thread')
    .innerJoin('user', 'user.id', 'thread.author_id')
    .select([
      'thread.id',
      'thread.title',
      'thread.community_id',
      'thread.reply_count',
      'thread.locked',
      'thread.status',
      'thread.created_at',
      'thread.last_activity_at',
      'thread.first_post_id',
      'thread.author_id',
      'user.handle as author_handle',
    ])
    .where('thread.community_id', '=', opts.communityId)
  if (!opts.includeHeld) {
    q = q.where((eb) => {
      const shown = eb('thread.status', 'not in', withheldList)
      return opts.viewerId === undefined ? shown : eb.or([shown, eb('thread.author_id', '=', opts.viewerId)])
    })
  }
  if (opts.cursor) {
    const { at, id } = opts.cursor
    // A row-value comparison, (at, id) < (?, ?), is a range on the index; the equivalent
    // `at < ? OR (at = ? AND id < ?)` made SQLite walk the community from its newest thread,
    // so a page 17,000 threads deep cost twenty times the first page.
    q = q.where((eb) => eb(eb.refTuple('thread.last_activity_at', 'thread.id'), '<', eb.tuple(at, id)))
  }
  return q
    .orderBy('thread.last_activity_at', 'desc')
    .orderBy('thread.id', 'desc')
    .limit(opts.limit + 1)
    .execute()
}

/**
 * Who wrote the withheld threads in a stretch of a community's list: from `upper` (exclusive; none
 * for the first page) down to `lower` (inclusive; none for the last page), in the list's order.
 * They alone see those threads in that stretch; everyone else shares the page without them.
 */
export async function withheldAuthorsBetween(db: Executor, communityId: number, upper: ThreadCursor | undefined, lower: ThreadCursor | undefined) {
  let q = db
    .selectFrom('thread')
    .select('thread.author_id')
    .distinct()
    .where('thread.community_id', '=', communityId)
    .where('thread.status', 'in', withheldList)
  if (upper) q = q.where((eb) => eb(eb.refTuple('thread.last_activity_at', 'thread.id'), '<', eb.tuple(upper.at, upper.id)))
  if (lower) q = q.where((eb) => eb(eb.refTuple('thread.last_activity_at', 'thread.id'), '>=', eb.tuple(lower.at, lower.id)))
  return new Set((await q.execute()).map((r) => r.author_id))
}

/**
 * Each community's most recent thread that everyone may see (not held, hidden or removed), in one
 * statement: a short walk down thread_community_activity_idx per community.
 */
export async function latestShownThreads(db: Executor, slugs: string[]) {
  if (slugs.length === 0) return []
  const { rows } = await sql<{ id: number; title: string; status: string; slug: string }>`select t.id, t.title, t.status, c.slug
    from community c join thread t on t.id = (select t2.id from thread t2 where t2.community_id = c.id and t2.status not in (${sql.join(withheldList)})
      order by t2.last_activity_at desc, t2.id desc limit 1)
    where c.slug in ${jsonValues(db, JSON.stringify(slugs), 'text')}`.execute(db)
  return rows
}

export async function setThreadFirstPost(db: Executor, threadId: number, postId: number) {
  await db.updateTable('thread').set({ first_post_id: postId }).where('id', '=', threadId).execute()
}

const TOUCH_THREAD_ON_REPLY = prepared((db, p: { id: number; at: number }) =>
  db
    .updateTable('thread')
    .set((eb) => ({ reply_count: eb('reply_count', '+', 1), last_activity_at: p.at }))
    .where('id', '=', p.id),
)

export async function touchThreadOnReply(db: Executor, threadId: number, at: number) {
  await TOUCH_THREAD_ON_REPLY.run(db, { id: threadId, at })
}

export async function setThreadStatus(db: Executor, threadId: number, status: ThreadStatus) {
  await db.updateTable('thread').set({ status }).where('id', '=', threadId).execute()
}

export async function setThreadLocked(db: Executor, threadId: number, locked: boolean) {
  await db
    .updateTable('thread')
    .set({ locked: locked ? 1 : 0 })
    .where('id', '=', threadId)
    .execute()
}

const TOUCH_COMMUNITY = prepared((db, p: { id: number; at: number; newThreads: number }) =>
  db
    .updateTable('community')
    .set((eb) => ({ last_activity_at: p.at, thread_count: eb('thread_count', '+', p.newThreads) }))
    .where('id', '=', p.id),
)

export async function touchCommunity(db: Executor, communityId: number, at: number, newThread: boolean) {
  await TOUCH_COMMUNITY.run(db, { id: communityId, at, newThreads: newThread ? 1 : 0 })
}

import { sql } from 'kysely'
import type { Executor } from './schema.ts'

/**
 * Full-text search over post_fts (migration 0015). The work of one search is bounded twice: the
 * newest CANDIDATES matches this reader may see are ranked (FTS5 walks a word's list newest
 * first and stops there), and a page takes `limit` of them. So a word in half of a million posts
 * costs little more than a word in a thousand does; on a big site, the relevance order is that of the newest
 * matches. The FTS table drives the join (CROSS JOIN fixes the order): the planner must never
 * start from post and probe the index once per row.
 */
export const SEARCH_CANDIDATES = 500

export interface SearchScope {
  /** Communities whose visible posts (in threads not withheld) this reader may see. */
  readable: number[]
  /** Communities whose held, hidden and removed posts (and withheld threads) they may also see. */
  moderated: number[]
}

export interface SearchFilters {
  communityId?: number
  authorId?: number
  threadId?: number
  /** created_at bounds, ms, inclusive from and exclusive to. */
  from?: number
  to?: number
}

export interface SearchCursor {
  score: number
  id: number
}

export interface SearchRow {
  score: number
  id: number
  thread_id: number
  community_id: number
  author_id: number
  author_handle: string
  body: string
  html: string
  revision: number
  content_warnings: string
  status: string
  scan_status: string
  created_at: number
  edited_at: number | null
  t_author_id: number
  t_author_handle: string
  t_title: string
  t_reply_count: number
  t_locked: number
  t_status: string
  t_created_at: number
  t_last_activity_at: number
  t_first_post_id: number | null
  community_slug: string
}

/**
 * One page of matches for an FTS5 query (already made safe by the service: only quoted terms),
 * best first (bm25, titles weighing three times a body), newest first among equals.
 */
export async function searchPosts(db: Executor, o: SearchOpts): Promise<SearchRow[]> {
  return (await searchPostsQuery(o).execute(db)).rows
}

export interface SearchOpts {
  match: string
  scope: SearchScope
  filters: SearchFilters
  cursor?: SearchCursor
  limit: number
}

/** The statement searchPosts runs (its plan is checked in test/integration/search.test.ts). */
export function searchPostsQuery(o: SearchOpts) {
  const f = o.filters
  const filters = [
    f.communityId !== undefined ? sql`and p.community_id = ${f.communityId}` : sql``,
    f.authorId !== undefined ? sql`and p.author_id = ${f.authorId}` : sql``,
    f.threadId !== undefined ? sql`and p.thread_id = ${f.threadId}` : sql``,
    f.from !== undefined ? sql`and p.created_at >= ${f.from}` : sql``,
    f.to !== undefined ? sql`and p.created_at < ${f.to}` : sql``,
  ]
  const after = o.cursor ? sql`where m.score > ${o.cursor.score} or (m.score = ${o.cursor.score} and m.id < ${o.cursor.id})` : sql``
  return sql<SearchRow>`
    with m as (
      select post_fts.rowid as id, bm25(post_fts, 3.0, 1.0) as score
      from post_fts
      cross join post p on p.id = post_fts.rowid
      cross join thread t on t.id = p.thread_id
      where post_fts match ${o.match}
        and (
          (p.status = 'visible' and t.status not in ('held', 'hidden', 'removed')
            and p.community_id in (select value from json_each(${JSON.stringify(o.scope.readable)})))
          or (p.status != 'deleted' and p.community_id in (select value from json_each(${JSON.stringify(o.scope.moderated)})))
        )
        ${sql.join(filters, sql` `)}
      order by post_fts.rowid desc
      limit ${SEARCH_CANDIDATES}
    )
    select m.score, p.id, p.thread_id, p.community_id, p.author_id, u.handle as author_handle, p.body, p.html, p.revision,
      p.content_warnings, p.status, p.scan_status, p.created_at, p.edited_at,
      t.author_id as t_author_id, tu.handle as t_author_handle, t.title as t_title, t.reply_count as t_reply_count,
      t.locked as t_locked, t.status as t_status, t.created_at as t_created_at, t.last_activity_at as t_last_activity_at,
      t.first_post_id as t_first_post_id, c.slug as community_slug
    from m
    cross join post p on p.id = m.id
    cross join thread t on t.id = p.thread_id
    cross join user u on u.id = p.author_id
    cross join user tu on tu.id = t.author_id
    cross join community c on c.id = p.community_id
    ${after}
    order by m.score, m.id desc
    limit ${o.limit}`
}

/** Every community: a handful of rows, read to work out a reader's scope. */
export function listCommunityAccess(db: Executor) {
  return db.selectFrom('community').selectAll().execute()
}

/** The viewer's memberships, for their search scope. */
export function listRolesOf(db: Executor, userId: number) {
  return db.selectFrom('membership').selectAll().where('user_id', '=', userId).execute()
}

/** An account by its handle (case-insensitive, as handles are unique): the author filter. */
export function findAuthorIdByHandleKey(db: Executor, handleKey: string) {
  return db.selectFrom('user').select('id').where('handle_key', '=', handleKey).executeTakeFirst()
}

import { sql } from 'kysely'
import { isPostgres, jsonIdTable, orderedJoin } from './dialect.ts'
import { countTermPostsPg, searchIndexTotalsPg, searchWindowQueryPg } from './search-postgres.ts'
import type { Executor } from './schema.ts'

/**
 * Full-text search over post_fts (migration 0015). The work of one search is bounded by constants,
 * never by how many posts match: a search reads a window of the newest SEARCH_WINDOW matches this
 * reader may see (FTS5 walks a word's list newest first and stops there), and counts each term's
 * posts only up to TERM_COUNT_CAP (for IDF). The service ranks the window (bm25, see
 * services/search-rank.ts) and pages through it, then through the next older window. FTS5's own
 * bm25() is not used: it counts every post holding each term, once per query, which for a word in
 * two thirds of a million posts costs more than all the rest of the search. The FTS table drives
 * every join (CROSS JOIN fixes the order): the planner must never start from post and probe the
 * index once per row.
 */
export const SEARCH_WINDOW = 250
/** A term is counted exactly up to this many posts; past it its count is estimated (search-rank.ts). */
export const TERM_COUNT_CAP = 10_000

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

export interface SearchRow {
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

/** One window of candidates: a post's words as indexed, for ranking, newest first. */
export interface SearchCandidate {
  id: number
  /** The thread's title: indexed with its first post only (the docsize record says whether). */
  title: string
  body: string
  /** FTS5's docsize record: the post's token count per column (title, body), as varints. */
  sz: Uint8Array
}

export interface WindowOpts {
  /** The FTS5 MATCH text (SQLite). */
  match: string
  /** The same terms as to_tsquery('simple', ...) text (PostgreSQL, where it is required). */
  tsquery?: string
  scope: SearchScope
  filters: SearchFilters
  /** The window's newest post id (inclusive); none for the first window. */
  top?: number
  /** The window's oldest post id (inclusive), once a page has fixed it; none: `size` posts down from `top`. */
  bottom?: number
  size: number
}

/** The newest `size` matches this reader may see, at or below `top` (and at or above `bottom`), newest first. */
export async function searchWindow(db: Executor, o: WindowOpts): Promise<SearchCandidate[]> {
  if (isPostgres(db)) return (await searchWindowQueryPg(o).execute(db)).rows
  return (await searchWindowQuery(o).execute(db)).rows
}

/** The reader's filters on the post `p`, the same SQL on both databases (search-postgres.ts too). */
export function postFilters(f: WindowOpts['filters']) {
  return [
    f.communityId !== undefined ? sql`and p.community_id = ${f.communityId}` : sql``,
    f.authorId !== undefined ? sql`and p.author_id = ${f.authorId}` : sql``,
    f.threadId !== undefined ? sql`and p.thread_id = ${f.threadId}` : sql``,
    f.from !== undefined ? sql`and p.created_at >= ${f.from}` : sql``,
    f.to !== undefined ? sql`and p.created_at < ${f.to}` : sql``,
  ]
}

/** The statement searchWindow runs (its plan is checked in test/integration/search.test.ts). */
export function searchWindowQuery(o: WindowOpts) {
  const filters = [
    ...postFilters(o.filters),
    o.top !== undefined ? sql`and post_fts.rowid <= ${o.top}` : sql``,
    o.bottom !== undefined ? sql`and post_fts.rowid >= ${o.bottom}` : sql``,
  ]
  return sql<SearchCandidate>`
    select post_fts.rowid as id, t.title, p.body, d.sz
    from post_fts
    cross join post p on p.id = post_fts.rowid
    cross join thread t on t.id = p.thread_id
    cross join post_fts_docsize d on d.id = post_fts.rowid
    where post_fts match ${o.match}
      and (
        (p.status = 'visible' and t.status not in ('held', 'hidden', 'removed')
          and p.community_id in (select value from json_each(${JSON.stringify(o.scope.readable)})))
        or (p.status != 'deleted' and p.community_id in (select value from json_each(${JSON.stringify(o.scope.moderated)})))
      )
      ${sql.join(filters, sql` `)}
    order by post_fts.rowid desc
    limit ${o.size}`
}

/**
 * How many indexed posts hold a term (a quoted FTS5 term; on PostgreSQL its to_tsquery text),
 * counting no further than `cap`, and the oldest post among those counted: enough to estimate the
 * rest (search-rank.ts).
 */
export async function countTermPosts(db: Executor, match: string | { fts: string; tsquery: string }, cap: number) {
  if (typeof match !== 'string') {
    if (isPostgres(db)) return countTermPostsPg(db, match.tsquery, cap)
    match = match.fts
  }
  const { rows } = await sql<{ n: number; oldest: number | null }>`
    select count(*) as n, min(id) as oldest
    from (select rowid as id from post_fts where post_fts match ${match} order by rowid desc limit ${cap})`.execute(db)
  return rows[0] ?? { n: 0, oldest: null }
}

/** FTS5's totals record (posts indexed, tokens per column, as varints) and the newest indexed post. */
export async function searchIndexTotals(db: Executor) {
  if (isPostgres(db)) return searchIndexTotalsPg(db)
  const { rows } = await sql<{ block: Uint8Array | null; newest: number | null }>`
    select (select block from post_fts_data where id = 1) as block, (select max(id) from post_fts_docsize) as newest`.execute(db)
  return { block: rows[0]?.block ?? null, newest: rows[0]?.newest ?? null }
}

/** The rows of one page, by id (order is the caller's). */
export async function searchRowsByIds(db: Executor, ids: number[]): Promise<SearchRow[]> {
  if (ids.length === 0) return []
  const { rows } = await sql<SearchRow>`
    select p.id, p.thread_id, p.community_id, p.author_id, u.handle as author_handle, p.body, p.html, p.revision,
      p.content_warnings, p.status, p.scan_status, p.created_at, p.edited_at,
      t.author_id as t_author_id, tu.handle as t_author_handle, t.title as t_title, t.reply_count as t_reply_count,
      t.locked as t_locked, t.status as t_status, t.created_at as t_created_at, t.last_activity_at as t_last_activity_at,
      t.first_post_id as t_first_post_id, c.slug as community_slug
    from ${jsonIdTable(db, JSON.stringify(ids), 'j')}
    ${orderedJoin(db)} post p on p.id = j.value
    ${orderedJoin(db)} thread t on t.id = p.thread_id
    ${orderedJoin(db)} "user" u on u.id = p.author_id
    ${orderedJoin(db)} "user" tu on tu.id = t.author_id
    ${orderedJoin(db)} community c on c.id = p.community_id`.execute(db)
  return rows
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

// Search on PostgreSQL (issue 22): the same window of the newest matches as FTS5's in search.ts,
// found through the GIN indexes migration 0015 creates there (to_tsvector('simple', ...) of post
// bodies, where not deleted, and of thread titles), with the same visibility rules, filters and
// id bounds. A post matches when its body holds every term, or when it is its thread's first post
// and its title and body together do (as FTS5 indexes the title with the first post). The service
// ranks the window with the same bm25 (search-rank.ts): each candidate carries its token counts in
// the shape of FTS5's docsize record, and the totals are estimated from the newest posts.
import { sql } from 'kysely'
import type { Executor } from './schema.ts'
import { postFilters, type SearchCandidate, type WindowOpts } from './search.ts'

/** Posts sampled (newest first) for the average length bm25 needs. */
const LENGTH_SAMPLE = 200
/** Under this many posts (as the planner's statistics say) the total is counted exactly. */
const EXACT_COUNT_BELOW = 100_000

/** SQLite's varints, as FTS5 writes its docsize and totals records (readVarints in search-rank.ts reads them). */
export function writeVarints(values: number[]): Uint8Array {
  const out: number[] = []
  for (const value of values) {
    let v = Math.max(0, Math.floor(value))
    const groups = [v % 128]
    while ((v = Math.floor(v / 128)) > 0) groups.unshift(v % 128)
    groups.forEach((g, i) => out.push(i < groups.length - 1 ? g | 0x80 : g))
  }
  return Uint8Array.from(out)
}

/** Tokens in a text as to_tsvector('simple', ...) indexes it (every position of every lexeme). */
const tokens = (text: ReturnType<typeof sql>) => sql<number>`(select coalesce(sum(array_length(positions, 1)), 0) from unnest(to_tsvector('simple', ${text})))`

/** The ids of the not-deleted posts that match `query` (body alone, or a first post with its title), none above `top`/below `bottom`. */
const matchingIds = (query: string, top?: number, bottom?: number) => {
  const bounds = (col: ReturnType<typeof sql>) =>
    sql`${top !== undefined ? sql`and ${col} <= ${top}` : sql``} ${bottom !== undefined ? sql`and ${col} >= ${bottom}` : sql``}`
  return sql`(
      select b.id from post b
      where to_tsvector('simple', b.body) @@ to_tsquery('simple', ${query}) and b.status != 'deleted' ${bounds(sql`b.id`)}
      union
      select f.id from thread ft join post f on f.id = ft.first_post_id
      where to_tsvector('simple', ft.title) @@ to_tsquery('simple', ${anyTerm(query)}) and f.status != 'deleted'
        and (to_tsvector('simple', ft.title) || to_tsvector('simple', f.body)) @@ to_tsquery('simple', ${query}) ${bounds(sql`f.id`)}
    )`
}

/** The title branch is found by any one term through the title's index, then checked for all of them. */
const anyTerm = (query: string) => query.replaceAll(') & (', ') | (')

/** searchWindowQuery's PostgreSQL statement (search.ts): the newest `size` matches this reader may see. */
export function searchWindowQueryPg(o: WindowOpts) {
  if (o.tsquery === undefined) throw new Error('search on PostgreSQL needs the to_tsquery text')
  const filters = postFilters(o.filters)
  const ids = (json: string) => sql`(select value::bigint from jsonb_array_elements_text(${json}::jsonb))`
  const query = sql<{ id: number; title: string; body: string; first: boolean; title_tokens: number; body_tokens: number }>`
    select p.id, t.title, p.body, p.id = t.first_post_id as first,
      case when p.id = t.first_post_id then ${tokens(sql`t.title`)} else 0 end as title_tokens, ${tokens(sql`p.body`)} as body_tokens
    from (
      select p.id from ${matchingIds(o.tsquery, o.top, o.bottom)} m
      join post p on p.id = m.id
      join thread t on t.id = p.thread_id
      where (
        (p.status = 'visible' and t.status not in ('held', 'hidden', 'removed') and p.community_id in ${ids(JSON.stringify(o.scope.readable))})
        or (p.status != 'deleted' and p.community_id in ${ids(JSON.stringify(o.scope.moderated))})
      )
      ${sql.join(filters, sql` `)}
      order by p.id desc
      limit ${o.size}
    ) w
    join post p on p.id = w.id
    join thread t on t.id = p.thread_id
    order by p.id desc`
  return {
    compile: query.compile.bind(query),
    async execute(db: Executor): Promise<{ rows: SearchCandidate[] }> {
      const { rows } = await query.execute(db)
      return {
        rows: rows.map((r) => ({ id: Number(r.id), title: r.first ? r.title : '', body: r.body, sz: writeVarints([r.title_tokens, r.body_tokens]) })),
      }
    },
  }
}

/** countTermPosts on PostgreSQL: the term's newest `cap` matching posts, counted. */
export async function countTermPostsPg(db: Executor, tsquery: string, cap: number) {
  const { rows } = await sql<{ n: number; oldest: number | null }>`
    select count(*) as n, min(id) as oldest
    from (select id from ${matchingIds(tsquery)} m order by id desc limit ${cap}) c`.execute(db)
  return rows[0] ?? { n: 0, oldest: null }
}

/**
 * searchIndexTotals on PostgreSQL, in the shape of FTS5's totals record (posts, title tokens, body
 * tokens): the posts counted exactly while few (the planner's estimate past EXACT_COUNT_BELOW), the
 * tokens per post averaged over the newest LENGTH_SAMPLE posts. Bounded whatever the forum's size.
 */
export async function searchIndexTotalsPg(db: Executor) {
  const { rows } = await sql<{ posts: number; sampled: number; title_tokens: number; body_tokens: number; newest: number | null }>`
    select
      case when (select reltuples from pg_class where oid = 'post'::regclass) < ${EXACT_COUNT_BELOW}
        then (select count(*) from post where status != 'deleted')
        else (select reltuples from pg_class where oid = 'post'::regclass)::bigint end as posts,
      count(*) as sampled,
      coalesce(sum(case when s.first then ${tokens(sql`s.title`)} else 0 end), 0) as title_tokens,
      coalesce(sum(${tokens(sql`s.body`)}), 0) as body_tokens,
      (select max(id) from post) as newest
    from (
      select p.body, t.title, p.id = t.first_post_id as first
      from post p join thread t on t.id = p.thread_id
      where p.status != 'deleted'
      order by p.id desc limit ${LENGTH_SAMPLE}
    ) s`.execute(db)
  const r = rows[0]
  if (!r || r.sampled === 0) return { block: null, newest: r?.newest ?? null }
  const scale = r.posts / r.sampled
  return { block: writeVarints([r.posts, r.title_tokens * scale, r.body_tokens * scale]), newest: r.newest }
}

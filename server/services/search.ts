import type { ThreadStatus } from '../db/schema.ts'
import { blockedAmong } from '../db/blocks.ts'
import { findCommunityBySlug } from '../db/communities.ts'
import {
  countTermPosts,
  findAuthorIdByHandleKey,
  listCommunityAccess,
  listRolesOf,
  SEARCH_WINDOW,
  searchIndexTotals,
  searchRowsByIds,
  searchWindow,
  TERM_COUNT_CAP,
  type SearchFilters,
  type SearchRow,
  type SearchScope,
} from '../db/search.ts'
import { findThreadForReader } from '../db/threads.ts'
import { AppError, notFound } from '../errors.ts'
import { handleKey } from './auth.ts'
import { assertCanReadItem, canRead, isModerator } from './authz.ts'
import type { Actor, Ctx, ServiceDeps } from './context.ts'
import { decodeCursor, encodeCursor, isInt } from './cursor.ts'
import { postToView, threadToJson, type PostView, type ThreadView } from './post-views.ts'
import { MAX_TERMS, parseSearch, snippetHtml, toFtsQuery, toTsQuery, type SearchTerm } from './search-query.ts'
import { bm25, isRankStats, rankStats, termMatchers, type RankStats } from './search-rank.ts'
import { withheldFrom } from './visibility.ts'

export interface SearchInput {
  q: string
  community?: string
  author?: string
  thread?: number
  /** Dates (YYYY-MM-DD, UTC): posts written on or after `from`, on or before `to`. */
  from?: string
  to?: string
  cursor?: string
  limit: number
}

export interface SearchResult {
  post: PostView
  thread: ThreadView
  /** HTML: the member's words escaped, matches in <mark>. */
  snippet: string
  /** The reader blocked the author: the result folds, as their posts do on thread pages (never for the community's moderators). */
  blockedAuthor?: true
}

export interface SearchPage {
  results: SearchResult[]
  nextCursor: string | null
  /** The query as understood (words and phrases), for "no results for ..." messages. */
  terms: SearchTerm[]
}

const DAY_MS = 86_400_000
/**
 * Where a page ends: in the window of matches with ids from `bottom` to `top` (fixed when its first
 * page was read, so posts written, deleted or hidden meanwhile do not move it), after the result
 * with relevance `score` and id `id` (best first, newest first among equals), ranked with the same
 * statistics as the first page (`stats`), so later pages continue the same order.
 */
interface SearchCursor {
  top: number
  bottom: number
  score: number
  id: number
  stats: RankStats
}
const isSearchCursor = (v: unknown): v is SearchCursor =>
  typeof v === 'object' &&
  v !== null &&
  isInt((v as SearchCursor).top) &&
  isInt((v as SearchCursor).bottom) &&
  Number.isFinite((v as SearchCursor).score) &&
  isInt((v as SearchCursor).id) &&
  isRankStats((v as SearchCursor).stats, MAX_TERMS)

const badCursor = () =>
  new AppError(400, 'invalid_cursor', 'The page cursor is not valid. Start again from the first page.', { cursor: 'not a cursor for this query' })

export interface SearchOptions {
  /** Matches ranked together (tests make it small). */
  window?: number
}

export function createSearchService(deps: ServiceDeps, options: SearchOptions = {}) {
  const { db } = deps
  const windowSize = options.window ?? SEARCH_WINDOW

  /** IDF of each term (each counted up to TERM_COUNT_CAP posts) and the average post length. */
  async function statsFor(terms: SearchTerm[]): Promise<RankStats> {
    const totals = await searchIndexTotals(db)
    const counts = []
    for (const t of terms) counts.push(await countTermPosts(db, { fts: toFtsQuery([t]), tsquery: toTsQuery([t]) }, TERM_COUNT_CAP))
    return rankStats(totals.block, totals.newest, counts, TERM_COUNT_CAP)
  }

  /**
   * Up to `want` results after the cursor: the window ranked by bm25 (best first, newest first
   * among equals); when a window runs out, the next older one. A page (at most 51 rows) is smaller
   * than a window, so a request reads two windows, three when it resumes a window that deletions
   * have thinned. `more`: the rounds ran out before the matches did.
   */
  async function rankedPage(terms: SearchTerm[], scope: SearchScope, filters: SearchFilters, cursor: SearchCursor | undefined, stats: RankStats, want: number) {
    const matchers = termMatchers(terms)
    const match = toFtsQuery(terms)
    const tsquery = toTsQuery(terms)
    const out: Omit<SearchCursor, 'stats'>[] = []
    let top = cursor?.top
    let bottom = cursor?.bottom
    let after: { score: number; id: number } | undefined = cursor
    let more = false
    const rounds = Math.ceil(want / windowSize) + 2
    for (let round = 0; out.length < want; round++) {
      if (round === rounds) {
        more = true
        break
      }
      const window = await searchWindow(db, { match, tsquery, scope, filters, top, bottom, size: windowSize })
      // A window read for the first time and not full: nothing older matches.
      const last = bottom === undefined && window.length < windowSize
      if (window.length > 0) {
        const range = { top: top ?? window[0]!.id, bottom: bottom ?? window.at(-1)!.id }
        const ranked = window.map((c) => ({ id: c.id, score: bm25(c, matchers, stats), ...range })).sort((a, b) => b.score - a.score || b.id - a.id)
        const rest = after ? ranked.filter((r) => r.score < after!.score || (r.score === after!.score && r.id < after!.id)) : ranked
        out.push(...rest.slice(0, want - out.length))
        bottom = range.bottom
      }
      if (last || bottom === undefined || bottom <= 1) break
      top = bottom - 1
      bottom = undefined
      after = undefined
    }
    return { ranked: out, more }
  }

  /** Which communities this viewer reads, and which they moderate (suspended staff: none). */
  async function scopeOf(actor: Actor | undefined) {
    const communities = await listCommunityAccess(db)
    const roles = new Map((actor ? await listRolesOf(db, actor.id) : []).map((m) => [m.community_id, m]))
    const readable = communities.filter((c) => canRead(c, actor, roles.has(c.id))).map((c) => c.id)
    const moderated = communities.filter((c) => isModerator(actor, roles.get(c.id))).map((c) => c.id)
    return { readable, moderated: new Set(moderated) }
  }

  async function filtersFor(ctx: Ctx, input: SearchInput): Promise<SearchFilters | 'none'> {
    const f: SearchFilters = {}
    if (input.community) {
      const community = await findCommunityBySlug(db, input.community)
      if (!community) throw notFound('That community')
      f.communityId = community.id
    }
    if (input.author) {
      const author = await findAuthorIdByHandleKey(db, handleKey(input.author))
      if (!author) return 'none'
      f.authorId = author.id
    }
    if (input.thread !== undefined) {
      // "In this thread": the same door as reading the thread itself.
      const found = await findThreadForReader(db, input.thread, ctx.actor?.id)
      if (!found) throw notFound('That thread')
      assertCanReadItem(found.community, ctx.actor, found.membership, 'That thread')
      if (withheldFrom(found.thread, ctx.actor?.id, isModerator(ctx.actor, found.membership))) throw notFound('That thread')
      f.threadId = input.thread
    }
    if (input.from) f.from = Date.parse(`${input.from}T00:00:00Z`)
    if (input.to) f.to = Date.parse(`${input.to}T00:00:00Z`) + DAY_MS
    return f
  }

  function toResult(r: SearchRow, actor: Actor | undefined, moderates: boolean, terms: SearchTerm[]): SearchResult {
    const post = postToView(r, actor, moderates)
    const thread = threadToJson(
      {
        id: r.thread_id,
        community_id: r.community_id,
        author_id: r.t_author_id,
        author_handle: r.t_author_handle,
        title: r.t_title,
        first_post_id: r.t_first_post_id,
        reply_count: r.t_reply_count,
        locked: r.t_locked,
        status: r.t_status as ThreadStatus,
        created_at: r.t_created_at,
        last_activity_at: r.t_last_activity_at,
      },
      r.community_slug,
    )
    return { post, thread, snippet: snippetHtml(r.body, terms) }
  }

  return {
    /**
     * Posts and thread titles matching the query that this viewer may read: visible posts in
     * threads not withheld, in communities they may read; and, in communities they moderate,
     * held, hidden and removed ones too. Never a deleted post: those leave the index.
     */
    async search(ctx: Ctx, input: SearchInput): Promise<SearchPage> {
      const terms = parseSearch(input.q)
      const cursor = decodeCursor(input.cursor, isSearchCursor)
      if (terms.length === 0) return { results: [], nextCursor: null, terms }
      const filters = await filtersFor(ctx, input)
      if (filters === 'none') return { results: [], nextCursor: null, terms }
      const scope = await scopeOf(ctx.actor)
      if (cursor && cursor.stats.idf.length !== terms.length) throw badCursor()
      const stats = cursor?.stats ?? (await statsFor(terms))
      const { ranked, more } = await rankedPage(terms, { readable: scope.readable, moderated: [...scope.moderated] }, filters, cursor, stats, input.limit + 1)
      const byId = new Map(
        (
          await searchRowsByIds(
            db,
            ranked.slice(0, input.limit).map((r) => r.id),
          )
        ).map((r) => [r.id, r]),
      )
      const page = ranked.slice(0, input.limit).flatMap((r) => byId.get(r.id) ?? [])
      // The last result shown, when more follow (a page cut short by the rounds ends on its last row).
      const last = ranked.length > input.limit ? ranked[input.limit - 1] : more ? ranked.at(-1) : undefined
      const blocked = ctx.actor ? await blockedAmong(db, ctx.actor.id, [...new Set(page.map((r) => r.author_id))]) : new Set<number>()
      const results = page.map((r) => {
        const moderates = scope.moderated.has(r.community_id)
        const result = toResult(r, ctx.actor, moderates, terms)
        return blocked.has(r.author_id) && !moderates ? { ...result, blockedAuthor: true as const } : result
      })
      return {
        results,
        nextCursor: last ? encodeCursor({ ...last, stats } satisfies SearchCursor) : null,
        terms,
      }
    },
  }
}

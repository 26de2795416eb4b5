import type { ThreadStatus } from '../db/schema.ts'
import { blockedAmong } from '../db/blocks.ts'
import { findCommunityBySlug } from '../db/communities.ts'
import { findAuthorIdByHandleKey, listCommunityAccess, listRolesOf, searchPosts, type SearchCursor, type SearchFilters, type SearchRow } from '../db/search.ts'
import { findThreadForReader } from '../db/threads.ts'
import { notFound } from '../errors.ts'
import { handleKey } from './auth.ts'
import { assertCanReadItem, canRead, isModerator } from './authz.ts'
import type { Actor, Ctx, ServiceDeps } from './context.ts'
import { decodeCursor, encodeCursor, isInt } from './cursor.ts'
import { postToView, threadToJson, type PostView, type ThreadView } from './post-views.ts'
import { parseSearch, snippetHtml, toFtsQuery, type SearchTerm } from './search-query.ts'
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
const isSearchCursor = (v: unknown): v is SearchCursor =>
  typeof v === 'object' && v !== null && Number.isFinite((v as SearchCursor).score) && isInt((v as SearchCursor).id)

export function createSearchService(deps: ServiceDeps) {
  const { db } = deps

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
      const rows = await searchPosts(db, {
        match: toFtsQuery(terms),
        scope: { readable: scope.readable, moderated: [...scope.moderated] },
        filters,
        cursor,
        limit: input.limit + 1,
      })
      const page = rows.slice(0, input.limit)
      const last = page.at(-1)
      const blocked = ctx.actor ? await blockedAmong(db, ctx.actor.id, [...new Set(page.map((r) => r.author_id))]) : new Set<number>()
      const results = page.map((r) => {
        const moderates = scope.moderated.has(r.community_id)
        const result = toResult(r, ctx.actor, moderates, terms)
        return blocked.has(r.author_id) && !moderates ? { ...result, blockedAuthor: true as const } : result
      })
      return {
        results,
        nextCursor: rows.length > input.limit && last ? encodeCursor({ score: last.score, id: last.id }) : null,
        terms,
      }
    },
  }
}

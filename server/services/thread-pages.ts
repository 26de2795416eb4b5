import { findCommunityBySlug, findMembership } from '../db/communities.ts'
import { findPostWithAuthor, listPostsPage } from '../db/posts.ts'
import { findThreadForReader, latestShownThreads, listThreadsPage, withheldAuthorsBetween } from '../db/threads.ts'
import type { MembershipRow } from '../db/schema.ts'
import { notFound } from '../errors.ts'
import { assertCanRead, assertCanReadItem, isModerator } from './authz.ts'
import { communityToJson, membershipToJson, type CommunityView } from './communities.ts'
import type { Actor, Ctx, ServiceDeps } from './context.ts'
import { decodeCursor, encodeCursor, hasInts } from './cursor.ts'
import { createPageCache } from './page-cache.ts'
import { authorBadge, postToView, shownTitle, threadToJson, type PostView, type ThreadView } from './post-views.ts'
import { withheldFrom } from './visibility.ts'

// Reading threads: pages of a community's threads and of a thread's posts, served from a shared
// page cache when the viewer sees what every reader of their kind sees. Post writes are in forum.ts;
// they need not tell this cache anything, because every write moves the version its entries carry.

const isThreadCursor = (v: unknown) => hasInts(v, 'at', 'id')
const isPostCursor = (v: unknown) => hasInts(v, 'after')

/** One way of serving a page of posts (JSON bytes, the HTML of the posts...), for threadPageAs. */
export interface PageRepresentation<T> {
  /** Names the representation and every input besides the page that shapes it (reading preferences...). */
  key: string
  /** May wait (e.g. for counts shown on the viewer's own posts, on a page that is theirs alone). */
  build(page: {
    thread: ThreadView
    posts: PostView[]
    nextCursor: string | null
    moderates: boolean
  }): { value: T; bytes: number } | Promise<{ value: T; bytes: number }>
}

// Post views are big objects: never kept (bytes beyond any cache's limit).
const POST_VIEWS: PageRepresentation<PostView[]> = { key: 'views', build: (p) => ({ value: p.posts, bytes: Infinity }) }

/** One way of serving a page of a community's threads, for threadListAs. */
export interface ListRepresentation<T> {
  key: string
  build(list: { community: CommunityView; threads: ThreadView[]; nextCursor: string | null }): { value: T; bytes: number }
}
const THREAD_VIEWS: ListRepresentation<{ threads: ThreadView[]; nextCursor: string | null }> = {
  key: 'views',
  build: (l) => ({ value: { threads: l.threads, nextCursor: l.nextCursor }, bytes: Infinity }),
}

/** A cached page of posts or of threads; the three optional fields are a thread page's only. */
interface SharedPage {
  value: unknown
  /** Everyone with a post on the page (held ones included): they see their own posts differently. */
  authors?: ReadonlySet<number>
  authorHandle?: string
  nextCursor?: string | null
}

/**
 * A page's rows as every reader of the viewer's kind sees them. Read with held rows included; a
 * non-moderator's range holding one is read again for this viewer alone (held rows are shown only
 * to their authors), and is then not to be shared.
 */
async function rowsShownTo<R extends { status: string }>(moderates: boolean, read: (includeHeld: boolean) => Promise<R[]>) {
  const rows = await read(true)
  if (moderates || !rows.some((r) => r.status === 'held')) return { rows, shared: true }
  return { rows: await read(false), shared: false }
}

export function createThreadPages(deps: ServiceDeps) {
  const { db } = deps
  const pageCache = createPageCache<SharedPage>(deps.config.pageCacheBytes)

  async function membershipOf(actor: Actor | undefined, communityId: number): Promise<MembershipRow | undefined> {
    return actor ? findMembership(db, communityId, actor.id) : undefined
  }

  async function loadThreadForReading(ctx: Ctx, threadId: number) {
    const found = await findThreadForReader(db, threadId, ctx.actor?.id)
    if (!found) throw notFound('That thread')
    const { thread, community, membership } = found
    assertCanReadItem(community, ctx.actor, membership, 'That thread')
    const moderates = isModerator(ctx.actor, membership)
    if (withheldFrom(thread, ctx.actor?.id, moderates)) throw notFound('That thread')
    return { thread, community, membership, moderates }
  }

  const readers = {
    /** A page of a community's threads as views, built for this viewer (the JSON API uses threadListAs). */
    async listThreads(ctx: Ctx, slug: string, opts: { limit: number; cursor?: string }) {
      const list = await threadListAs(ctx, slug, opts, THREAD_VIEWS)
      return { community: list.community, threads: list.value.threads, nextCursor: list.value.nextCursor }
    },

    threadListAs,

    /**
     * The latest thread of each of these communities (the caller passes those the viewer can
     * read), for the home page, in one query. Only threads everyone may see: a member's own held
     * thread is on the community's page for them.
     */
    async latestThreads(slugs: string[]): Promise<Map<string, { id: number; title: string }>> {
      const rows = await latestShownThreads(db, slugs)
      return new Map(rows.map((t) => [t.slug, { id: t.id, title: shownTitle(t) }]))
    },

    /** A page of a thread as post views, built for this viewer (the pages use threadPageAs). */
    async getThread(ctx: Ctx, threadId: number, opts: { limit: number; cursor?: string }) {
      const page = await threadPageAs(ctx, threadId, opts, POST_VIEWS)
      return { ...page, posts: page.value }
    },

    threadPageAs,

    pageCacheStats: () => pageCache.stats(),

    loadThreadForReading,
    membershipOf,
  }
  return readers

  /**
   * A page of a community's threads in one representation, from the page cache when the viewer
   * sees what every reader of their kind sees. Moderators see every thread. Everyone else shares
   * the page without withheld (held, hidden, removed) threads, kept with the set of who wrote the
   * withheld ones in its stretch of the list: those authors alone also see theirs, on a page built
   * for them and not kept. (A hidden thread stays hidden for good, so a page holding one must
   * still be shared.)
   */
  async function threadListAs<T>(ctx: Ctx, slug: string, opts: { limit: number; cursor?: string }, rep: ListRepresentation<T>) {
    const community = await findCommunityBySlug(db, slug)
    if (!community) throw notFound('That community')
    const membership = await membershipOf(ctx.actor, community.id)
    assertCanRead(community, ctx.actor, membership)
    const moderates = isModerator(ctx.actor, membership)
    const cursor = decodeCursor(opts.cursor, isThreadCursor)
    const key = `list|${rep.key}|${community.id}|${cursor ? `${cursor.at}.${cursor.id}` : ''}|${opts.limit}|${moderates ? 'm' : 'r'}`
    const version = `${community.created_at}.${community.version}`
    const view = communityToJson(community)
    const viewerId = ctx.actor?.id
    const read = (who: number | undefined) =>
      listThreadsPage(db, { communityId: community.id, limit: opts.limit, cursor, viewerId: who, includeHeld: moderates })
    const build = (rows: Awaited<ReturnType<typeof read>>) => {
      const page = rows.slice(0, opts.limit)
      const last = page.at(-1)
      const more = rows.length > opts.limit && last !== undefined
      const built = rep.build({
        community: view,
        threads: page.map((t) => threadToJson(t, community.slug)),
        nextCursor: more ? encodeCursor({ at: last.last_activity_at, id: last.id }) : null,
      })
      return { built, lower: more ? { at: last.last_activity_at, id: last.id } : undefined }
    }
    // The viewer wrote a withheld thread in this stretch: a page of their own, not kept.
    const own = async () => ({ community: view, value: build(await read(viewerId)).built.value })

    const hit = pageCache.get(key, version)
    if (hit) return viewerId === undefined || !hit.authors?.has(viewerId) ? { community: view, value: hit.value as T } : own()

    const { built, lower } = build(await read(undefined))
    const authors = moderates ? new Set<number>() : await withheldAuthorsBetween(db, community.id, cursor, lower)
    pageCache.set(key, version, { value: built.value, authors }, built.bytes + 64 * authors.size + key.length + 200)
    return viewerId === undefined || !authors.has(viewerId) ? { community: view, value: built.value } : own()
  }

  /**
   * A page of a thread in one representation, from the page cache when the viewer sees what every
   * reader of their kind (moderator or not, and the representation's key) sees. A page is built for
   * one viewer alone, and not kept, when they wrote one of its posts (they see "you" and their edit
   * links) or when a non-moderator reads a range with held posts (only their authors see those).
   */
  async function threadPageAs<T>(ctx: Ctx, threadId: number, opts: { limit: number; cursor?: string }, rep: PageRepresentation<T>) {
    const loaded = await loadThreadForReading(ctx, threadId)
    const { thread, community, membership, moderates } = loaded
    const cursor = decodeCursor(opts.cursor, isPostCursor)
    const key = `page|${rep.key}|${threadId}|${cursor?.after ?? 0}|${opts.limit}|${moderates ? 'm' : 'r'}`
    // created_at too: a thread id could in principle be reused after a hard delete.
    // roles_version too: the posts carry their authors' badges (migration 0012 moves it).
    const version = `${thread.created_at}.${thread.version}.${community.roles_version}`
    const viewerId = ctx.actor?.id
    const meta = (authorHandle: string | undefined, nextCursor: string | null) => ({
      community: { slug: community.slug, name: community.name, searchIndexing: community.visibility === 'public' && community.indexable === 1 },
      moderates,
      membership: membershipToJson(membership, community),
      nextCursor,
      thread: threadToJson({ ...thread, author_handle: authorHandle }, community.slug),
    })
    const hit = pageCache.get(key, version)
    if (hit && (viewerId === undefined || !hit.authors?.has(viewerId))) return { ...meta(hit.authorHandle, hit.nextCursor ?? null), value: hit.value as T }

    const { rows, shared } = await rowsShownTo(moderates, (includeHeld) =>
      listPostsPage(db, { threadId, limit: opts.limit, afterId: cursor?.after, viewerId, includeHeld }),
    )
    const page = rows.slice(0, opts.limit)
    const last = page.at(-1)
    const nextCursor = rows.length > opts.limit && last ? encodeCursor({ after: last.id }) : null
    const firstHandle = page.find((p) => p.id === thread.first_post_id)?.author_handle ?? (await authorHandle(thread.first_post_id))
    const m = meta(firstHandle, nextCursor)
    const now = deps.clock.now()
    const built = await rep.build({
      moderates,
      thread: m.thread,
      posts: page.map((p) => postToView({ ...p, author_badge: authorBadge(p, now) }, ctx.actor, moderates)),
      nextCursor,
    })
    const authors = new Set(page.map((p) => p.author_id))
    if (shared && (viewerId === undefined || !authors.has(viewerId))) {
      pageCache.set(key, version, { authors, authorHandle: firstHandle, nextCursor, value: built.value }, built.bytes + 64 * authors.size + key.length + 200)
    }
    return { ...m, value: built.value }
  }

  async function authorHandle(postId: number | null): Promise<string | undefined> {
    if (postId === null) return undefined
    return (await findPostWithAuthor(db, postId))?.author_handle
  }
}

export type ThreadPages = ReturnType<typeof createThreadPages>

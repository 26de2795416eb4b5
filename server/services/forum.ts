import { AppError, forbidden, notFound } from '../errors.ts'
import { findCommunityById, findCommunityBySlug, findMembership } from '../db/communities.ts'
import { insertOutboxRow } from '../db/outbox.ts'
import {
  findPostById, findPostWithAuthor, insertPost, listPostsPage, listRevisions, markPostDeleted, setPostStatus, updatePostBody,
} from '../db/posts.ts'
import { findThreadById, findThreadForReader, insertThread, latestShownThreads, listThreadsPage, withheldAuthorsBetween, setThreadFirstPost, setThreadStatus, touchCommunity, touchThreadOnReply } from '../db/threads.ts'
import { incrementPostCount } from '../db/users.ts'
import { groupCommit } from '../db/quick.ts'
import type { CommunityRow, Executor, MembershipRow, ThreadRow } from '../db/schema.ts'
import { renderMarkdown } from '../render/markdown.ts'
import { assertCanPost, assertCanRead, isModerator, requireActor } from './authz.ts'
import { parseSettings, parseWarnings, type WarningCategory } from './community-settings.ts'
import { membershipToJson } from './communities.ts'
import { notifyReply } from './notifications.ts'
import { countAuthorPostsInCommunity, listWatchedWordRows, rowToWatchedWord } from '../db/leads.ts'
import { PRIORITY, upsertReviewItem } from '../db/review.ts'
import { detectWatchedWords } from '../../workers/pipeline/detectors/watched-words.ts'
import { withheldFrom } from './visibility.ts'
import { normalise } from '../../workers/pipeline/normalise.ts'
import type { Actor, Ctx, ServiceDeps } from './context.ts'
import { decodeCursor, encodeCursor, isInt } from './cursor.ts'
import { createPageCache } from './page-cache.ts'
import { crisisLevelOf } from './precheck.ts'

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())

export interface PostView {
  id: number
  threadId: number
  author: { handle: string } | null
  body: string
  html: string
  revision: number
  createdAt: string
  editedAt: string | null
  contentWarnings: WarningCategory[]
  status: string
  scanStatus: string
  isOwn: boolean
}

type PostLike = {
  id: number; thread_id: number; author_id: number; author_handle: string; body: string; html: string; revision: number
  content_warnings: string; status: string; scan_status: string; created_at: number; edited_at: number | null
}

/**
 * What a viewer may see of a post. Deleted posts keep their place but lose their words and author;
 * hidden and removed posts show their words only to their author and to moderators.
 */
export function postToView(p: PostLike, viewer: Actor | undefined, viewerModerates: boolean): PostView {
  const isOwn = viewer?.id === p.author_id
  const base = {
    id: p.id, threadId: p.thread_id, revision: p.revision, createdAt: iso(p.created_at)!, editedAt: iso(p.edited_at),
    status: p.status, scanStatus: p.scan_status, isOwn,
  }
  if (p.status === 'deleted') return { ...base, author: null, body: '', html: '', contentWarnings: [] }
  const concealed = (p.status === 'hidden' || p.status === 'removed') && !isOwn && !viewerModerates
  return {
    ...base,
    author: { handle: p.author_handle },
    body: concealed ? '' : p.body,
    html: concealed ? '' : p.html,
    contentWarnings: parseWarnings(p.content_warnings),
  }
}

/** A deleted thread's title is not shown. */
const shownTitle = (t: { status: string; title: string }) => (t.status === 'deleted' ? '[deleted]' : t.title)

export const threadToJson = (t: Omit<ThreadRow, 'version'> & { author_handle?: string }, communitySlug: string) => ({
  id: t.id,
  community: communitySlug,
  title: shownTitle(t),
  author: t.status === 'deleted' || t.author_handle === undefined ? null : { handle: t.author_handle },
  replyCount: t.reply_count,
  locked: t.locked === 1,
  status: t.status,
  createdAt: iso(t.created_at)!,
  lastActivityAt: iso(t.last_activity_at)!,
})
export type ThreadView = ReturnType<typeof threadToJson>

const isThreadCursor = (v: any): v is { at: number; id: number } => v !== null && typeof v === 'object' && isInt(v.at) && isInt(v.id)
const isPostCursor = (v: any): v is { after: number } => v !== null && typeof v === 'object' && isInt(v.after)

/** One way of serving a page of posts (JSON bytes, the HTML of the posts...), for threadPageAs. */
export interface PageRepresentation<T> {
  /** Names the representation and every input besides the page that shapes it (reading preferences...). */
  key: string
  build(page: { thread: ThreadView; posts: PostView[]; nextCursor: string | null }): { value: T; bytes: number }
}

// Post views are big objects: never kept (bytes beyond any cache's limit).
const POST_VIEWS: PageRepresentation<PostView[]> = { key: 'views', build: (p) => ({ value: p.posts, bytes: Infinity }) }

/** One way of serving a page of a community's threads, for threadListAs. */
export interface ListRepresentation<T> {
  key: string
  build(list: { community: CommunityRow; threads: ThreadView[]; nextCursor: string | null }): { value: T; bytes: number }
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

const editConflict = () =>
  new AppError(409, 'edit_conflict', 'This post changed after you started editing it (perhaps in another tab or on another device). Your text is kept here; the saved version is in the post\'s history. Save again to replace it with your text.')

/** Why a post is saved held rather than visible (ServiceDeps' writeGate). */
interface Hold {
  kind: 'new_member_hold' | 'blocked_wording_in_crisis'
  reason: string
}

export function createForumService(deps: ServiceDeps, moderation?: { requestCheckIn(trx: Executor, post: { id: number; community_id: number; revision: number }): Promise<void> }) {
  const { db, clock, hooks } = deps
  const pageCache = createPageCache<SharedPage>(deps.config.pageCacheBytes)

  async function membershipOf(actor: Actor | undefined, communityId: number): Promise<MembershipRow | undefined> {
    return actor ? findMembership(db, communityId, actor.id) : undefined
  }

  async function loadThreadForReading(ctx: Ctx, threadId: number) {
    const found = await findThreadForReader(db, threadId, ctx.actor?.id)
    if (!found) throw notFound('That thread')
    const { thread, community, membership } = found
    assertCanRead(community, ctx.actor, membership)
    const moderates = isModerator(ctx.actor, membership)
    if (withheldFrom(thread, ctx.actor?.id, moderates)) throw notFound('That thread')
    return { thread, community, membership, moderates }
  }

  /** Writes the post, its first revision and its outbox row in one short transaction. */
  async function writePost(
    trx: Executor,
    community: CommunityRow,
    actor: Actor,
    threadId: number,
    body: string,
    html: string,
    authorWarnings: WarningCategory[],
    replyToId: number | null,
    now: number,
    hold: Hold | null,
  ) {
    const post = await insertPost(trx, {
      thread_id: threadId, community_id: community.id, author_id: actor.id, reply_to_id: replyToId, body, html,
      author_warnings: JSON.stringify(authorWarnings), content_warnings: JSON.stringify(authorWarnings), status: hold ? 'held' : 'visible', created_at: now,
    })
    await insertOutboxRow(trx, post.id, post.revision, now)
    await incrementPostCount(trx, actor.id)
    if (hold) await holdForReview(trx, post, community.id, hold, now)
    return post
  }

  /**
   * The checks a community applies before a post is saved: a lead's "block" words refuse it with
   * the lead's message (nothing is saved, the writer keeps their text), and a new member's first
   * posts are held for review when the community asks for that.
   *
   * One exception to "block": someone writing in crisis is never turned away. A text the crisis
   * detector reads as concern or urgent is saved held instead (only its author and the moderators
   * see it, so the blocked wording stays out of public view) and its scan brings it to the top of
   * the queue. Refused, it would never have reached a moderator.
   */
  async function writeGate(community: CommunityRow, actor: Actor, texts: string[], isEdit: boolean): Promise<Hold | null> {
    const words = (await listWatchedWordRows(db, community.id)).filter((w) => w.action === 'block').map(rowToWatchedWord)
    for (const text of words.length ? texts : []) {
      const hit = detectWatchedWords(normalise(text), words)[0]
      if (!hit) continue
      if ((await crisisLevelOf(texts.join('\n\n'), { purpose: 'write_gate', community: community.slug, actorId: actor.id })) !== 'none') {
        return { kind: 'blocked_wording_in_crisis', reason: `Uses wording ${community.name} blocks ("${hit.evidence.phrase}"), written in crisis: held instead of refused` }
      }
      throw new AppError(422, 'blocked_by_community', hit.message ?? `${community.name} does not allow this wording. Please rephrase.`, { body: 'contains wording this community does not allow' })
    }
    if (isEdit) return null
    const settings = parseSettings(community.settings)
    const ageDays = (clock.now() - actor.createdAt) / 86_400_000
    if (settings.newMemberHoldDays > 0 && ageDays < settings.newMemberHoldDays) return { kind: 'new_member_hold', reason: `New account (under ${settings.newMemberHoldDays} days): held for review` }
    if (settings.newMemberHoldPosts > 0 && (await countAuthorPostsInCommunity(db, community.id, actor.id)) < settings.newMemberHoldPosts) {
      return { kind: 'new_member_hold', reason: `One of this member's first ${settings.newMemberHoldPosts} posts here: held for review` }
    }
    return null
  }

  /** A held post's place in the queue, with why it was held. */
  async function holdForReview(trx: Executor, post: { id: number; revision: number }, communityId: number, hold: Hold, now: number) {
    const reason = hold.kind === 'new_member_hold' ? 'new_member' : 'rule'
    await upsertReviewItem(trx, { postId: post.id, communityId, priority: PRIORITY.held, reason, at: now }, { source: 'rule', kind: hold.kind, reason: hold.reason, revision: post.revision })
  }

  return {
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

    async createThread(ctx: Ctx, slug: string, input: { title: string; body: string; contentWarnings?: WarningCategory[]; askForCheckIn?: boolean }) {
      const community = await findCommunityBySlug(db, slug)
      if (!community) throw notFound('That community')
      const membership = await membershipOf(ctx.actor, community.id)
      const actor = assertCanPost(ctx.actor, community, membership, clock.now())
      const hold = await writeGate(community, actor, [input.title, input.body], false)
      const now = clock.now()
      const warnings = [...new Set(input.contentWarnings ?? [])]
      // Rendered before the shared transaction, so that others' writes do not wait on it.
      const html = renderMarkdown(input.body)
      const { thread, post } = await groupCommit(db, async (trx) => {
        const thread = await insertThread(trx, { community_id: community.id, author_id: actor.id, title: input.title, status: hold ? 'held' : 'visible', created_at: now, last_activity_at: now })
        const post = await writePost(trx, community, actor, thread.id, input.body, html, warnings, null, now, hold)
        await setThreadFirstPost(trx, thread.id, post.id)
        await touchCommunity(trx, community.id, now, true)
        // The member asked for a moderator to check in: a queue item at concern level, whatever the detectors say.
        if (input.askForCheckIn) await moderation?.requestCheckIn(trx, post)
        return { thread: { ...thread, first_post_id: post.id }, post }
      })
      hooks.afterPostWrite(post.id, post.revision)
      return {
        thread: threadToJson({ ...thread, author_handle: actor.handle }, community.slug),
        post: postToView({ ...post, author_handle: actor.handle }, actor, isModerator(actor, membership)),
      }
    },

    /** A page of a thread as post views, built for this viewer (the pages use threadPageAs). */
    async getThread(ctx: Ctx, threadId: number, opts: { limit: number; cursor?: string }) {
      const page = await threadPageAs(ctx, threadId, opts, POST_VIEWS)
      return { ...page, posts: page.value }
    },

    threadPageAs,

    pageCacheStats: () => pageCache.stats(),

    async createReply(ctx: Ctx, threadId: number, input: { body: string; replyToId?: number; contentWarnings?: WarningCategory[]; askForCheckIn?: boolean }) {
      const { thread, community, membership, moderates } = await loadThreadForReading(ctx, threadId)
      const actor = assertCanPost(ctx.actor, community, membership, clock.now())
      if (thread.locked === 1 && !moderates) throw forbidden('This thread is locked: a moderator has closed it to new replies.', 'thread_locked')
      if (thread.status === 'deleted') throw new AppError(409, 'thread_closed', 'This thread was deleted, so it takes no new replies.')
      if (thread.status === 'removed') throw new AppError(409, 'thread_closed', 'A moderator removed this thread, so it takes no new replies.')
      let replyTo: { id: number; author_id: number } | undefined
      if (input.replyToId !== undefined) {
        const target = await findPostById(db, input.replyToId)
        if (!target || target.thread_id !== threadId) throw new AppError(400, 'invalid_reply_target', 'The post you are replying to is not in this thread.', { replyToId: 'not in this thread' })
        replyTo = target
      }
      const hold = await writeGate(community, actor, [input.body], false)
      const now = clock.now()
      const warnings = [...new Set(input.contentWarnings ?? [])]
      const html = renderMarkdown(input.body)
      const post = await groupCommit(db, async (trx) => {
        const post = await writePost(trx, community, actor, threadId, input.body, html, warnings, replyTo?.id ?? null, now, hold)
        await touchThreadOnReply(trx, threadId, now)
        await touchCommunity(trx, community.id, now, false)
        if (input.askForCheckIn) await moderation?.requestCheckIn(trx, post)
        // A held post reaches nobody until a moderator approves it (the approval notifies then).
        if (!hold) {
          await notifyReply(trx, { postId: post.id, replierId: actor.id, replierHandle: actor.handle, replyToAuthorId: replyTo?.author_id, thread, community: community.slug, at: now })
        }
        return post
      })
      hooks.afterPostWrite(post.id, post.revision)
      return postToView({ ...post, author_handle: actor.handle }, actor, moderates)
    },

    /**
     * `baseRevision`: the revision the member started editing from. An edit made from an older one
     * (a second tab, another device, a form re-sent after a timeout) would silently replace the newer
     * text, so it is refused with edit_conflict and the member decides.
     */
    async editPost(ctx: Ctx, postId: number, input: { body: string; contentWarnings?: WarningCategory[]; baseRevision?: number }) {
      const actor = requireActor(ctx.actor)
      const post = await findPostWithAuthor(db, postId)
      if (!post) throw notFound('That post')
      if (post.author_id !== actor.id) throw forbidden('You can only edit your own posts.', 'not_the_author')
      if (post.status === 'deleted') throw new AppError(409, 'post_deleted', 'This post was deleted, so it cannot be edited.')
      if (post.status === 'removed') throw forbidden('A moderator removed this post, so it cannot be edited.', 'post_removed')
      if (input.baseRevision !== undefined && input.baseRevision !== post.revision) throw editConflict()
      const community = (await findCommunityById(db, post.community_id))!
      const membership = await membershipOf(actor, community.id)
      assertCanPost(actor, community, membership, clock.now())
      // A first post is read with its thread's title, as its scan reads it.
      const thread = (await findThreadById(db, post.thread_id))!
      const isFirst = thread.first_post_id === post.id
      const hold = await writeGate(community, actor, isFirst ? [thread.title, input.body] : [input.body], true)
      const now = clock.now()
      const authorWarnings = input.contentWarnings ? [...new Set(input.contentWarnings)] : parseWarnings(post.author_warnings)
      const html = renderMarkdown(input.body)
      const revision = await db.transaction().execute(async (trx) => {
        // Detected warnings are recomputed by the scan of the new revision; until then the author's own stand.
        const rev = await updatePostBody(trx, post, input.body, html, JSON.stringify(authorWarnings), now)
        if (rev === undefined) return undefined
        if (input.contentWarnings) await trx.updateTable('post').set({ author_warnings: JSON.stringify(authorWarnings) }).where('id', '=', post.id).execute()
        // Blocked wording written in crisis (writeGate): the edited post waits, held, for a moderator.
        if (hold) {
          if (post.status === 'visible') await setPostStatus(trx, post.id, 'held')
          // Its status as it is now, in the transaction: a moderator may have acted on it meanwhile.
          if (isFirst && (await findThreadById(trx, thread.id))?.status === 'visible') await setThreadStatus(trx, thread.id, 'held')
          await holdForReview(trx, { id: post.id, revision: rev }, community.id, hold, now)
        }
        await insertOutboxRow(trx, post.id, rev, now)
        return rev
      })
      if (revision === undefined) throw editConflict()
      hooks.afterPostWrite(post.id, revision)
      const updated = (await findPostWithAuthor(db, postId))!
      return postToView(updated, actor, isModerator(actor, membership))
    },

    async deletePost(ctx: Ctx, postId: number) {
      const actor = requireActor(ctx.actor)
      const post = await findPostById(db, postId)
      if (!post) throw notFound('That post')
      if (post.author_id !== actor.id) throw forbidden('You can only delete your own posts.', 'not_the_author')
      if (post.status === 'deleted') return
      await db.transaction().execute(async (trx) => {
        await markPostDeleted(trx, post.id, clock.now())
        const thread = await findThreadById(trx, post.thread_id)
        if (thread?.first_post_id === post.id) await setThreadStatus(trx, thread.id, 'deleted')
      })
    },

    async revisions(ctx: Ctx, postId: number) {
      const actor = requireActor(ctx.actor)
      const post = await findPostById(db, postId)
      if (!post) throw notFound('That post')
      const membership = await membershipOf(actor, post.community_id)
      if (post.author_id !== actor.id && !isModerator(actor, membership)) throw forbidden('Only the author and moderators can see earlier versions of a post.', 'not_the_author')
      const rows = await listRevisions(db, postId)
      return rows.map((r) => ({ revision: r.revision, body: r.body, html: r.html, createdAt: iso(r.created_at)! }))
    },
  }

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
    const viewerId = ctx.actor?.id
    const read = (who: number | undefined) =>
      listThreadsPage(db, { communityId: community.id, limit: opts.limit, cursor, viewerId: who, includeHeld: moderates })
    const build = (rows: Awaited<ReturnType<typeof read>>) => {
      const page = rows.slice(0, opts.limit)
      const last = page.at(-1)
      const more = rows.length > opts.limit && last !== undefined
      const built = rep.build({
        community,
        threads: page.map((t) => threadToJson(t, community.slug)),
        nextCursor: more ? encodeCursor({ at: last.last_activity_at, id: last.id }) : null,
      })
      return { built, lower: more ? { at: last.last_activity_at, id: last.id } : undefined }
    }
    // The viewer wrote a withheld thread in this stretch: a page of their own, not kept.
    const own = async () => ({ community, value: build(await read(viewerId)).built.value })

    const hit = pageCache.get(key, version)
    if (hit) return viewerId === undefined || !hit.authors?.has(viewerId) ? { community, value: hit.value as T } : own()

    const { built, lower } = build(await read(undefined))
    const authors = moderates ? new Set<number>() : await withheldAuthorsBetween(db, community.id, cursor, lower)
    pageCache.set(key, version, { value: built.value, authors }, built.bytes + 64 * authors.size + key.length + 200)
    return viewerId === undefined || !authors.has(viewerId) ? { community, value: built.value } : own()
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
    const version = `${thread.created_at}.${thread.version}`
    const viewerId = ctx.actor?.id
    const meta = (authorHandle: string | undefined, nextCursor: string | null) => ({
      community, moderates, membership: membershipToJson(membership, community), nextCursor,
      thread: threadToJson({ ...thread, author_handle: authorHandle }, community.slug),
    })
    const hit = pageCache.get(key, version)
    if (hit && (viewerId === undefined || !hit.authors?.has(viewerId))) return { ...meta(hit.authorHandle, hit.nextCursor ?? null), value: hit.value as T }

    const { rows, shared } = await rowsShownTo(moderates, (includeHeld) =>
      listPostsPage(db, { threadId, limit: opts.limit, afterId: cursor?.after, viewerId, includeHeld }))
    const page = rows.slice(0, opts.limit)
    const last = page.at(-1)
    const nextCursor = rows.length > opts.limit && last ? encodeCursor({ after: last.id }) : null
    const firstHandle = page.find((p) => p.id === thread.first_post_id)?.author_handle ?? (await authorHandle(thread.first_post_id))
    const m = meta(firstHandle, nextCursor)
    const built = rep.build({ thread: m.thread, posts: page.map((p) => postToView(p, ctx.actor, moderates)), nextCursor })
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

export type ForumService = ReturnType<typeof createForumService>

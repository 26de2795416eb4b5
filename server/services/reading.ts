import { findPostWithAuthor } from '../db/posts.ts'
import {
  advanceThreadRead,
  findThreadRead,
  hasHelpfulMark,
  helpfulCounts,
  newPostCounts,
  newPostsAfter,
  pageStartBefore,
  setHelpfulMark,
} from '../db/reading.ts'
import { AppError, notFound } from '../errors.ts'
import { assertNotSuspended, requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { encodeCursor } from './cursor.ts'
import type { ForumService } from './forum.ts'

/** Posts per thread page, on the pages and where a post's page is worked out. */
export const THREAD_PAGE_SIZE = 20

/** A Markdown quote of a post for the composer: "> " before every line, under who wrote it. */
export function quoteMarkdown(handle: string | undefined, body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').trim().split('\n')
  const quoted = lines.map((l) => (l ? `> ${l}` : '>')).join('\n')
  return `${handle ? `${handle} wrote:\n\n` : ''}${quoted}\n\n`
}

/**
 * Reading a thread comfortably (issue #19): the page that holds a post, what is new since the
 * member's last visit, and "this helped me" marks. Every call reads the thread through the forum
 * service, so it sees exactly what the member may see.
 */
export function createReadingService(deps: ServiceDeps, forum: Pick<ForumService, 'loadThreadForReading'>) {
  const { db, clock } = deps

  /** A post of this thread the viewer may see, else "not found" (as an unknown id is). */
  async function visiblePost(ctx: Ctx, threadId: number | undefined, postId: number) {
    const post = await findPostWithAuthor(db, postId)
    if (!post) throw notFound('That post')
    const loaded = await forum.loadThreadForReading(ctx, threadId ?? post.thread_id)
    threadId ??= post.thread_id
    const own = post !== undefined && post.author_id === ctx.actor?.id
    if (post.thread_id !== threadId || (post.status === 'held' && !own && !loaded.moderates)) throw notFound('That post')
    return { ...loaded, post, own }
  }

  async function readState(ctx: Ctx, threadId: number): Promise<{ lastReadPostId?: number; newSince?: { count: number; firstId?: number; capped: boolean } }> {
    if (!ctx.actor) return {}
    const read = await findThreadRead(db, ctx.actor.id, threadId)
    if (!read) return {}
    const n = await newPostsAfter(db, threadId, read.last_read_post_id, ctx.actor.id)
    return { lastReadPostId: read.last_read_post_id, newSince: n.count === 0 ? undefined : { count: n.count, firstId: n.firstId, capped: n.count >= 100 } }
  }

  return {
    /** The cursor of the thread page that holds this post (none: the first page). */
    async pageOf(ctx: Ctx, threadId: number, postId: number): Promise<{ cursor?: string }> {
      await visiblePost(ctx, threadId, postId)
      const after = await pageStartBefore(db, threadId, postId, THREAD_PAGE_SIZE)
      return after === undefined ? {} : { cursor: encodeCursor({ after }) }
    },

    /**
     * What is new in a thread for this member since their last visit (nothing on a first visit:
     * everything would be new), read before this visit moves their place on.
     */
    async newSinceLastVisit(ctx: Ctx, threadId: number): Promise<{ count: number; firstId?: number; capped: boolean } | undefined> {
      return (await readState(ctx, threadId)).newSince
    },

    /** The same, with the member's place (so a page read again writes nothing). */
    readState,

    /** The member has been shown posts up to this id (a page they read); their place only moves forward. */
    async markRead(ctx: Ctx, threadId: number, lastPostId: number): Promise<void> {
      if (!ctx.actor) return
      await advanceThreadRead(db, ctx.actor.id, threadId, lastPostId, clock.now())
    },

    /** New posts in each listed thread the member has opened before (the caller lists threads they can read). */
    async newCounts(ctx: Ctx, threadIds: number[]): Promise<Map<number, number>> {
      if (!ctx.actor) return new Map()
      return newPostCounts(db, ctx.actor.id, threadIds)
    },

    /** The member may call markRead: the thread must be one they can read. */
    async markReadUpTo(ctx: Ctx, threadId: number, lastPostId: number): Promise<void> {
      requireActor(ctx.actor)
      await forum.loadThreadForReading(ctx, threadId)
      await advanceThreadRead(db, ctx.actor!.id, threadId, lastPostId, clock.now())
    },

    /**
     * A reply and the member's standing with it: whether they may mark it and have; on their own
     * post, how many marked it (the writer alone is told, and never who).
     */
    async helpfulState(ctx: Ctx, threadId: number | undefined, postId: number) {
      const actor = requireActor(ctx.actor)
      const p = await visiblePost(ctx, threadId, postId)
      const why = cannotMark(p)
      const marked = await hasHelpfulMark(db, postId, actor.id)
      const count = p.own ? ((await helpfulCounts(db, [postId])).get(postId) ?? 0) : undefined
      return { threadId: p.post.thread_id, canMark: why === undefined, why, marked, count }
    },

    /** "This helped me" on someone else's reply, or taking it back. Never shown to anyone but the writer, as a count. */
    async setHelpful(ctx: Ctx, threadId: number | undefined, postId: number, on: boolean): Promise<{ marked: boolean }> {
      const actor = requireActor(ctx.actor)
      assertNotSuspended(actor)
      const p = await visiblePost(ctx, threadId, postId)
      const why = cannotMark(p)
      if (why) throw new AppError(403, 'cannot_mark_helpful', why)
      await setHelpfulMark(db, postId, actor.id, on, clock.now())
      return { marked: on }
    },

    /** How many found each of the member's own posts helpful (only the writer is ever told). */
    async ownHelpfulCounts(ctx: Ctx, posts: { id: number; isOwn: boolean }[]): Promise<Map<number, number>> {
      if (!ctx.actor) return new Map()
      return helpfulCounts(
        db,
        posts.filter((p) => p.isOwn).map((p) => p.id),
      )
    },
  }

  function cannotMark(p: { post: { id: number; status: string }; thread: { first_post_id: number | null }; own: boolean; membership?: unknown }) {
    if (p.own) return 'This is your own post.'
    if (p.thread.first_post_id === p.post.id) return 'Marks are for replies.'
    if (p.post.status !== 'visible') return 'This post is not shown to members.'
    if (!p.membership) return 'Join this community to mark replies as helpful.'
    return undefined
  }
}

export type ReadingService = ReturnType<typeof createReadingService>

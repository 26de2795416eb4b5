import { AppError, forbidden, notFound } from '../errors.ts'
import { findCommunityById, findCommunityBySlug } from '../db/communities.ts'
import { insertOutboxRow } from '../db/outbox.ts'
import { findPostById, findPostWithAuthor, insertPost, listRevisions, markPostDeleted, setAuthorWarnings, setPostStatus, updatePostBody } from '../db/posts.ts'
import { findThreadById, insertThread, setThreadFirstPost, setThreadStatus, touchCommunity, touchThreadOnReply } from '../db/threads.ts'
import { incrementPostCount } from '../db/users.ts'
import { groupCommit } from '../db/connection.ts'
import type { CommunityRow, Executor } from '../db/schema.ts'
import { assertCanPost, isModerator, requireActor } from './authz.ts'
import { parseSettings, parseWarnings, type WarningCategory } from './community-settings.ts'
import { notifyReply } from './notifications.ts'
import { assertMayAddress } from './blocks.ts'
import { countAuthorPostsInCommunity, listWatchedWordRows, rowToWatchedWord } from '../db/leads.ts'
import { PRIORITY, upsertReviewItem } from '../db/review.ts'
import type { Actor, Ctx, ServiceDeps } from './context.ts'
import { crisisLevelOf } from './precheck.ts'
import { DAY_MS, iso } from '../time.ts'
import { postToView, threadToJson } from './post-views.ts'
import { createThreadPages } from './thread-pages.ts'

const editConflict = () =>
  new AppError(
    409,
    'edit_conflict',
    'This post changed after you started editing it (perhaps in another ' +
      'tab or on another device). Your text is kept here; the saved ' +
      "version is in the post's history. Save again to replace it with your text.",
  )

/** Why a post is saved held rather than visible (ServiceDeps' writeGate). */
interface Hold {
  kind: 'new_member_hold' | 'blocked_wording_in_crisis' | 'unchecked_wording'
  reason: string
}

export function createForumService(
  deps: ServiceDeps,
  moderation?: { requestCheckIn(trx: Executor, post: { id: number; community_id: number; revision: number }): Promise<void> },
) {
  const { db, clock, hooks } = deps

  const pages = createThreadPages(deps)
  const { membershipOf, loadThreadForReading } = pages

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
      thread_id: threadId,
      community_id: community.id,
      author_id: actor.id,
      reply_to_id: replyToId,
      body,
      html,
      author_warnings: JSON.stringify(authorWarnings),
      content_warnings: JSON.stringify(authorWarnings),
      status: hold ? 'held' : 'visible',
      created_at: now,
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
    const hit = words.length ? await deps.offload.firstHit(texts, words) : null
    if (hit === 'unchecked')
      return { kind: 'unchecked_wording', reason: `${community.name}'s blocked-wording check did not finish in time: held for a moderator` }
    if (hit) {
      if ((await crisisLevelOf(deps, texts.join('\n\n'), { purpose: 'write_gate', community: community.slug, actorId: actor.id })) !== 'none') {
        return {
          kind: 'blocked_wording_in_crisis',
          reason: `Uses wording ${community.name} blocks ("${hit.evidence.phrase}"), written in crisis: held instead of refused`,
        }
      }
      throw new AppError(422, 'blocked_by_community', hit.message ?? `${community.name} does not allow this wording. Please rephrase.`, {
        body: 'contains wording this community does not allow',
      })
    }
    if (isEdit) return null
    const settings = parseSettings(community.settings, { communityId: community.id, logger: deps.logger })
    const ageDays = (clock.now() - actor.createdAt) / DAY_MS
    if (settings.newMemberHoldDays > 0 && ageDays < settings.newMemberHoldDays)
      return { kind: 'new_member_hold', reason: `New account (under ${settings.newMemberHoldDays} days): held for review` }
    if (settings.newMemberHoldPosts > 0 && (await countAuthorPostsInCommunity(db, community.id, actor.id)) < settings.newMemberHoldPosts) {
      return { kind: 'new_member_hold', reason: `One of this member's first ${settings.newMemberHoldPosts} posts here: held for review` }
    }
    return null
  }

  /** A held post's place in the queue, with why it was held. */
  async function holdForReview(trx: Executor, post: { id: number; revision: number }, communityId: number, hold: Hold, now: number) {
    const reason = hold.kind === 'new_member_hold' ? 'new_member' : 'rule'
    await upsertReviewItem(
      trx,
      { postId: post.id, communityId, priority: PRIORITY.held, reason, at: now },
      { source: 'rule', kind: hold.kind, reason: hold.reason, revision: post.revision },
    )
  }

  return {
    listThreads: pages.listThreads,
    threadListAs: pages.threadListAs,
    latestThreads: pages.latestThreads,
    getThread: pages.getThread,

    /** A draft as it would be shown, for the composer's preview (signed-in members only). */
    async preview(ctx: Ctx, body: string): Promise<string> {
      requireActor(ctx.actor)
      return deps.offload.render(body)
    },

    threadPageAs: pages.threadPageAs,
    pageCacheStats: pages.pageCacheStats,
    /** A thread with its community and the viewer's membership, every read check applied (services/reading.ts). */
    loadThreadForReading,

    async createThread(ctx: Ctx, slug: string, input: { title: string; body: string; contentWarnings?: WarningCategory[]; askForCheckIn?: boolean }) {
      const community = await findCommunityBySlug(db, slug)
      if (!community) throw notFound('That community')
      const membership = await membershipOf(ctx.actor, community.id)
      const actor = assertCanPost(ctx.actor, community, membership, clock.now())
      await assertMayAddress(db, actor.id, { body: input.body })
      const hold = await writeGate(community, actor, [input.title, input.body], false)
      const now = clock.now()
      const warnings = [...new Set(input.contentWarnings ?? [])]
      // Rendered before the shared transaction, so that others' writes do not wait on it.
      const html = await deps.offload.render(input.body)
      const { thread, post } = await groupCommit(db, async (trx) => {
        const thread = await insertThread(trx, {
          community_id: community.id,
          author_id: actor.id,
          title: input.title,
          status: hold ? 'held' : 'visible',
          created_at: now,
          last_activity_at: now,
        })
        const post = await writePost(trx, community, actor, thread.id, input.body, html, warnings, null, now, hold)
        await setThreadFirstPost(trx, thread.id, post.id)
        // A held thread is not yet there for readers: counted when a moderator lets it out (migration 0012's triggers).
        if (!hold) await touchCommunity(trx, community.id, now, true)
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

    async createReply(ctx: Ctx, threadId: number, input: { body: string; replyToId?: number; contentWarnings?: WarningCategory[]; askForCheckIn?: boolean }) {
      const { thread, community, membership, moderates } = await loadThreadForReading(ctx, threadId)
      const actor = assertCanPost(ctx.actor, community, membership, clock.now())
      if (thread.locked === 1 && !moderates) throw forbidden('This thread is locked: a moderator has closed it to new replies.', 'thread_locked')
      if (thread.status === 'deleted') throw new AppError(409, 'thread_closed', 'This thread was deleted, so it takes no new replies.')
      if (thread.status === 'removed') throw new AppError(409, 'thread_closed', 'A moderator removed this thread, so it takes no new replies.')
      let replyTo: { id: number; author_id: number } | undefined
      if (input.replyToId !== undefined) {
        const target = await findPostById(db, input.replyToId)
        if (!target || target.thread_id !== threadId)
          throw new AppError(400, 'invalid_reply_target', 'The post you are replying to is not in this thread.', { replyToId: 'not in this thread' })
        replyTo = target
      }
      await assertMayAddress(db, actor.id, { replyToAuthorId: replyTo?.author_id, body: input.body })
      const hold = await writeGate(community, actor, [input.body], false)
      const now = clock.now()
      const warnings = [...new Set(input.contentWarnings ?? [])]
      const html = await deps.offload.render(input.body)
      const post = await groupCommit(db, async (trx) => {
        const post = await writePost(trx, community, actor, threadId, input.body, html, warnings, replyTo?.id ?? null, now, hold)
        // A held reply neither counts nor moves the thread up the list until it is let out
        // (migration 0012's triggers): the list must not tell readers that something was written.
        if (!hold) {
          await touchThreadOnReply(trx, threadId, now)
          await touchCommunity(trx, community.id, now, false)
        }
        if (input.askForCheckIn) await moderation?.requestCheckIn(trx, post)
        // A held post reaches nobody until a moderator approves it (the approval notifies then).
        if (!hold) {
          await notifyReply(trx, {
            postId: post.id,
            replierId: actor.id,
            replierHandle: actor.handle,
            replyToAuthorId: replyTo?.author_id,
            thread,
            community: community.slug,
            at: now,
          })
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
      // Someone else's post is "not found" here, as an unknown id is: the answer must not tell
      // whether a post exists (it may be held, hidden, or in a community they cannot read).
      if (post.author_id !== actor.id) throw notFound('That post')
      if (post.status === 'deleted') throw new AppError(409, 'post_deleted', 'This post was deleted, so it cannot be edited.')
      if (post.status === 'removed') throw forbidden('A moderator removed this post, so it cannot be edited.', 'post_removed')
      if (input.baseRevision !== undefined && input.baseRevision !== post.revision) throw editConflict()
      const community = (await findCommunityById(db, post.community_id))!
      const membership = await membershipOf(actor, community.id)
      assertCanPost(actor, community, membership, clock.now())
      // A first post is read with its thread's title, as its scan reads it.
      const thread = (await findThreadById(db, post.thread_id))!
      const isFirst = thread.first_post_id === post.id
      await assertMayAddress(db, actor.id, { body: input.body })
      const hold = await writeGate(community, actor, isFirst ? [thread.title, input.body] : [input.body], true)
      const now = clock.now()
      const authorWarnings = input.contentWarnings ? [...new Set(input.contentWarnings)] : parseWarnings(post.author_warnings)
      const html = await deps.offload.render(input.body)
      const revision = await db.transaction().execute(async (trx) => {
        // Detected warnings are recomputed by the scan of the new revision; until then the author's own stand.
        const rev = await updatePostBody(trx, post, input.body, html, JSON.stringify(authorWarnings), now)
        if (rev === undefined) return undefined
        if (input.contentWarnings) await setAuthorWarnings(trx, post.id, JSON.stringify(authorWarnings))
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
      if (post.author_id !== actor.id) throw notFound('That post')
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
      if (post.author_id !== actor.id && !isModerator(actor, membership)) throw notFound('That post')
      const rows = await listRevisions(db, postId)
      return rows.map((r) => ({ revision: r.revision, body: r.body, html: r.html, createdAt: iso(r.created_at)! }))
    },
  }
}

export type ForumService = ReturnType<typeof createForumService>

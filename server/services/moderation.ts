import { AppError, conflict, forbidden, notFound } from '../errors.ts'
import { mailWritten } from '../mail/outbox.ts'
import { findCommunityById, findCommunityBySlug, findMembership } from '../db/communities.ts'
import * as m from '../db/moderation.ts'
import { findPostById, setPostStatus } from '../db/posts.ts'
import { PRIORITY, listSignals, upsertReviewItem } from '../db/review.ts'
import { setThreadStatus, findThreadById, findThreadForReader } from '../db/threads.ts'
import { assertCanReadItem, assertNotSuspended, isModerator, requireActor } from './authz.ts'
import { parseSettings, parseWarnings } from './community-settings.ts'
import type { Actor, Ctx, ServiceDeps } from './context.ts'
import { decodeCursor, encodeCursor, hasInts } from './cursor.ts'
import { withheldFrom } from './visibility.ts'
import { REPORT_REASON_LABELS } from './words.ts'
import { createCheckInService } from './moderation-check-ins.ts'
import { recordFeedback } from './moderation-feedback.ts'
import { createModerationSweeps } from './moderation-sweeps.ts'
import { createActionHandlers, createModerationWrites, type ResolveInput } from './moderation-actions.ts'
import { CLAIM_TTL_MS, iso } from '../time.ts'

export const REPORT_REASONS = ['worried', 'spam', 'harassment', 'misinformation', 'guideline', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]
export { RESOLVE_ACTIONS, type ResolveAction, type SafetyFeedbackInput } from './moderation-actions.ts'
/** An item's level, as a moderator reads it in a sentence. */
const levelWords = (priority: number) =>
  priority >= PRIORITY.urgent_crisis
    ? 'an urgent crisis'
    : priority >= PRIORITY.concern
      ? 'a concern'
      : priority >= PRIORITY.worried_report
        ? 'a worried report'
        : priority >= PRIORITY.multiple_reports
          ? 'multiple reports'
          : priority >= PRIORITY.held
            ? 'held or a rule hit'
            : 'a warning review'
const isQueueCursor = (v: unknown) => hasInts(v, 'p', 'c', 'i')
const isAuditCursor = (v: unknown) => hasInts(v, 'before')

export function createModerationService(deps: ServiceDeps) {
  const { db, clock, logger } = deps
  const log = logger.child({ component: 'moderation' })

  async function scopeOf(actor: Actor): Promise<number[] | 'all'> {
    // The role rows stay during a suspension; the powers do not.
    if (actor.suspended) return []
    if (actor.isAdmin) return 'all'
    return (await m.listModeratedCommunityIds(db, actor.id)).map((r) => r.community_id)
  }

  async function requireModeratorOf(actor: Actor | undefined, communityId: number) {
    const a = requireActor(actor)
    assertNotSuspended(a)
    const membership = await findMembership(db, communityId, a.id)
    if (!isModerator(a, membership)) throw forbidden('Only moderators of this community can do this.', 'not_a_moderator')
    return a
  }

  async function loadItem(ctx: Ctx, itemId: number) {
    const item = await m.findItem(db, itemId)
    if (!item) throw notFound('That review item')
    const actor = await requireModeratorOf(ctx.actor, item.community_id)
    return { item, actor }
  }

  /** The communities a moderator may see, narrowed to one when asked (and allowed). */
  async function moderatorScope(ctx: Ctx, slug: string | undefined, notModeratorMessage: string) {
    const actor = requireActor(ctx.actor)
    assertNotSuspended(actor)
    const scope = await scopeOf(actor)
    if (scope !== 'all' && scope.length === 0) throw forbidden(notModeratorMessage, 'not_a_moderator')
    let communityId: number | undefined
    if (slug) {
      const c = await findCommunityBySlug(db, slug)
      if (!c) throw notFound('That community')
      if (scope !== 'all' && !scope.includes(c.id)) throw forbidden('You do not moderate that community.', 'not_a_moderator')
      communityId = c.id
    }
    return { actor, scope, communityId }
  }

  const writes = createModerationWrites(deps)
  const { audit } = writes
  const actions = createActionHandlers(deps, writes)

  const checkIns = createCheckInService(deps)
  const sweeps = createModerationSweeps(deps, writes)

  return {
    ...checkIns,
    ...sweeps,

    /** `threadId`: the thread the member reported from (the web page's address); the post must be in it. */
    async report(ctx: Ctx, postId: number, input: { reason: ReportReason; ruleId?: number; note?: string }, opts: { threadId?: number } = {}) {
      const actor = requireActor(ctx.actor)
      const post = await findPostById(db, postId)
      if (!post || post.status === 'deleted' || (opts.threadId !== undefined && post.thread_id !== opts.threadId)) throw notFound('That post')
      const found = await findThreadForReader(db, post.thread_id, actor.id)
      if (!found) throw notFound('That post')
      const { thread, community, membership } = found
      assertCanReadItem(community, actor, membership, 'That post')
      if (post.author_id === actor.id) throw new AppError(400, 'own_post', 'You cannot report your own post. To change it, edit or delete it.')
      // Only what the member can see can be reported: held, hidden and removed posts and threads
      // show them nothing (and a report must not tell them such a post exists).
      const moderates = isModerator(actor, membership)
      if (withheldFrom(thread, actor.id, moderates) || (!moderates && post.status !== 'visible')) throw notFound('That post')
      if (input.reason === 'guideline' && input.ruleId === undefined)
        throw new AppError(400, 'invalid_input', 'Choose which guideline the post breaks.', { ruleId: 'is required for this reason' })
      if (input.reason === 'other' && !input.note?.trim())
        throw new AppError(400, 'invalid_input', 'Tell the moderators what is wrong in a short note.', { note: 'is required for this reason' })
      if (input.ruleId !== undefined && !(await m.findRule(db, community.id, input.ruleId))) {
        throw new AppError(400, 'invalid_input', "That rule is not one of this community's rules.", { ruleId: 'not a rule of this community' })
      }
      if (await m.findReport(db, post.id, actor.id)) throw conflict('already_reported', 'You have already reported this post. The moderators will look at it.')
      const settings = parseSettings(community.settings, { communityId: community.id, logger })
      const now = clock.now()
      const result = await db.transaction().execute(async (trx) => {
        const reporters = (await m.countReporters(trx, post.id)) + 1
        const priority = input.reason === 'worried' ? PRIORITY.worried_report : reporters >= 2 ? PRIORITY.multiple_reports : PRIORITY.held
        const reason = input.reason === 'worried' ? 'worried_report' : reporters >= 2 ? 'multiple_reports' : 'report'
        const item = await upsertReviewItem(
          trx,
          { postId: post.id, communityId: community.id, priority, reason, at: now },
          {
            source: 'report',
            kind: `report_${input.reason}`,
            reason: input.reason === 'worried' ? 'A member is worried about this person' : `Reported: ${REPORT_REASON_LABELS[input.reason]}`,
            revision: post.revision,
          },
        )
        const inserted = await m.insertReport(trx, {
          post_id: post.id,
          reporter_id: actor.id,
          item_id: item.id,
          reason: input.reason,
          rule_id: input.ruleId ?? null,
          note: input.note?.trim() || null,
          snapshot_body: post.body,
          snapshot_revision: post.revision,
          created_at: now,
        })
        if (!inserted) throw conflict('already_reported', 'You have already reported this post. The moderators will look at it.')
        // Reports hide a post until a moderator looks only when enough members complain about the
        // post itself: worried reports are about its author's safety, and a post at concern or
        // crisis level stays up whatever the reports (nobody in crisis is silenced; a moderator decides).
        let hidden = false
        const complainants = await m.countReporters(trx, post.id, { complaintsOnly: true })
        if (post.status === 'visible' && item.priority < PRIORITY.concern && complainants >= settings.reportHideThreshold) {
          await setPostStatus(trx, post.id, 'hidden')
          if (thread.first_post_id === post.id) await setThreadStatus(trx, thread.id, 'hidden')
          await audit(trx, null, community.id, 'auto_hide', 'post', post.id, {
            reason: `reported by ${complainants} members`,
            before: { status: 'visible' },
            after: { status: 'hidden' },
          })
          hidden = true
        }
        return { itemId: item.id, hidden }
      })
      log.info({ postId, itemId: result.itemId, reason: input.reason }, 'post reported')
      return { reported: true, hiddenPendingReview: result.hidden }
    },

    async queue(ctx: Ctx, opts: { community?: string; reason?: string; cursor?: string; limit: number }) {
      const { actor, scope, communityId } = await moderatorScope(ctx, opts.community, 'Only moderators can see the review queue.')
      const cursor = decodeCursor(opts.cursor, isQueueCursor)
      const rows = await m.listQueuePage(db, {
        communityIds: scope,
        communityId,
        reason: opts.reason,
        after: cursor && { priority: cursor.p, createdAt: cursor.c, id: cursor.i },
        limit: opts.limit,
      })
      const page = rows.slice(0, opts.limit)
      const ids = page.map((r) => r.id)
      const [signals, reports, counts] = await Promise.all([listSignals(db, ids), m.listReportsForItems(db, ids), m.countOpenByReason(db, scope, communityId)])
      const now = clock.now()
      const items = page.map((r) => ({
        id: r.id,
        version: r.version,
        community: r.slug,
        priority: r.priority,
        reason: r.reason,
        createdAt: iso(r.created_at),
        waitingSeconds: Math.max(0, Math.round((now - r.created_at) / 1000)),
        escalatedAt: iso(r.escalated_at),
        claim:
          r.claimed_by !== null && r.claimed_at !== null && r.claimed_at > now - CLAIM_TTL_MS
            ? { handle: r.claimer_handle, mine: r.claimed_by === actor.id, expiresAt: iso(r.claimed_at + CLAIM_TTL_MS) }
            : null,
        post: {
          id: r.post_id,
          threadId: r.thread_id,
          threadTitle: r.thread_title,
          author: { handle: r.author_handle },
          body: r.body,
          html: r.html,
          status: r.post_status,
          revision: r.revision,
          contentWarnings: parseWarnings(r.content_warnings),
          threadLocked: r.locked === 1,
          // Deletion is final: whatever the moderator decides, readers never see it again.
          deletedByAuthor: r.post_status === 'deleted',
        },
        signals: signals
          .filter((s) => s.item_id === r.id)
          .map((s) => ({ source: s.source, kind: s.kind, reason: s.reason, evidence: JSON.parse(s.evidence), createdAt: iso(s.created_at) })),
        reports: reports
          .filter((x) => x.item_id === r.id)
          .map((x) => ({
            reason: x.reason,
            rule: x.rule_title,
            note: x.note,
            postAsReported: x.snapshot_body,
            revision: x.snapshot_revision,
            createdAt: iso(x.created_at),
          })),
      }))
      const last = page.at(-1)
      return {
        items,
        counts: { total: counts.reduce((n, c) => n + Number(c.n), 0), byReason: Object.fromEntries(counts.map((c) => [c.reason, Number(c.n)])) },
        nextCursor: rows.length > opts.limit && last ? encodeCursor({ p: last.priority, c: last.created_at, i: last.id }) : null,
      }
    },

    async item(ctx: Ctx, itemId: number) {
      const { item } = await loadItem(ctx, itemId)
      const [signals, reports, checkIns, post] = await Promise.all([
        listSignals(db, [item.id]),
        m.listReportsForItems(db, [item.id]),
        m.listCheckInsForPost(db, item.post_id),
        findPostById(db, item.post_id),
      ])
      return {
        item: {
          id: item.id,
          version: item.version,
          status: item.status,
          priority: item.priority,
          reason: item.reason,
          postId: item.post_id,
          resolution: item.resolution,
          claimedBy: item.claimed_by,
          createdAt: iso(item.created_at),
          // Deletion is final: whatever the moderator decides, readers never see it again.
          postDeletedByAuthor: post?.status === 'deleted',
        },
        signals: signals.map((s) => ({ source: s.source, kind: s.kind, reason: s.reason, evidence: JSON.parse(s.evidence), createdAt: iso(s.created_at) })),
        reports: reports.map((x) => ({ reason: x.reason, rule: x.rule_title, note: x.note, postAsReported: x.snapshot_body, createdAt: iso(x.created_at) })),
        conversation: checkIns.map((c) => ({
          from: c.from_moderator ? 'moderator' : 'member',
          handle: c.sender_handle,
          signed: c.signed === 1,
          body: c.body,
          createdAt: iso(c.created_at),
        })),
      }
    },

    async claim(ctx: Ctx, itemId: number) {
      const { item, actor } = await loadItem(ctx, itemId)
      if (item.status !== 'open') throw conflict('item_closed', 'This item has already been resolved.')
      const now = clock.now()
      const ok = await db.transaction().execute(async (trx) => {
        const claimed = await m.tryClaim(trx, itemId, actor.id, now, now - CLAIM_TTL_MS)
        if (claimed) await audit(trx, actor, item.community_id, 'claim', 'review_item', itemId)
        return claimed
      })
      if (!ok) throw conflict('claimed_by_another', 'Another moderator is working on this item. It frees up if they release it or after 15 minutes untouched.')
      return { claimed: true, expiresAt: iso(now + CLAIM_TTL_MS) }
    },

    async release(ctx: Ctx, itemId: number) {
      const { item, actor } = await loadItem(ctx, itemId)
      if (item.claimed_by !== actor.id && !actor.isAdmin) throw conflict('not_your_claim', 'You do not hold the claim on this item.')
      await db.transaction().execute(async (trx) => {
        await m.releaseClaim(trx, itemId)
        await audit(trx, actor, item.community_id, 'unclaim', 'review_item', itemId)
      })
      return { released: true }
    },

    /**
     * `version` is the item's version as the moderator last read it (the item page sends it). When
     * it has moved since (a new signal joined, or another moderator claimed or acted), the action is
     * refused: a decision made on a report must not close an item that has since become a crisis.
     */
    async resolve(ctx: Ctx, itemId: number, input: ResolveInput) {
      const { item, actor } = await loadItem(ctx, itemId)
      if (item.status !== 'open') throw conflict('item_closed', 'This item has already been resolved.')
      const community = (await findCommunityById(db, item.community_id))!
      const now = clock.now()
      const handler = actions[input.action]
      const checked = (await handler.check?.(input, now, community, db)) ?? {}

      const result = await db.transaction().execute(async (trx) => {
        const current = (await m.findItem(trx, itemId))!
        if (current.status !== 'open') throw conflict('item_closed', 'This item has already been resolved.')
        if (input.version !== undefined && current.version !== input.version) {
          throw conflict('item_changed', `This item has changed since you opened it: it is now ${levelWords(current.priority)}. Read it again before you act.`)
        }
        // Acting takes (or refreshes) the claim atomically: two moderators cannot act on one item at once.
        if (!(await m.tryClaim(trx, itemId, actor.id, now, now - CLAIM_TTL_MS))) {
          throw conflict('claimed_by_another', 'Another moderator is working on this item.')
        }
        // The post as it is now, inside the transaction: a verdict may have held it since it was read above.
        const post = (await findPostById(trx, item.post_id))!
        const rule = input.ruleId !== undefined ? await m.findRule(trx, community.id, input.ruleId) : undefined
        // Retired by a lead between the check above and now.
        if (input.ruleId !== undefined && !rule)
          throw new AppError(400, 'invalid_input', "That rule is not one of this community's rules.", { ruleId: 'not a rule of this community' })
        const thread = (await findThreadById(trx, post.thread_id))!
        await handler.run({
          trx,
          now,
          actor,
          itemId,
          item,
          community,
          post,
          thread,
          isFirst: thread.first_post_id === post.id,
          rule,
          input,
          moderatorName: input.sign ? actor.handle : 'A moderator',
          until: checked.until,
        })
        await m.touchClaim(trx, itemId, now)
        const resolves = !handler.keepsOpen
        if (input.feedback) {
          if (!resolves)
            throw new AppError(400, 'invalid_input', 'Say whether the flag was right with an action that closes the item (approve, hide or remove).', {
              feedback: 'only with an action that closes the item',
            })
          await recordFeedback(trx, itemId, post, community.id, actor.id, input.feedback, now)
        }
        if (resolves) {
          await m.resolveItem(trx, itemId, actor.id, input.action, now)
          await audit(trx, actor, community.id, 'resolve', 'review_item', itemId, { reason: input.action })
        }
        return { resolved: resolves }
      })
      if (input.action === 'escalate') mailWritten(db)
      log.info({ itemId, action: input.action, actorId: actor.id }, 'review item action')
      return { action: input.action, ...result }
    },

    async bulk(ctx: Ctx, input: { itemIds: number[]; action: 'approve' | 'remove'; ruleId?: number }) {
      const results: { id: number; ok: boolean; error?: string }[] = []
      for (const id of input.itemIds) {
        try {
          const { item } = await loadItem(ctx, id)
          if (item.reason !== 'spam') throw new AppError(400, 'not_spam', 'Bulk actions are for spam items only; open this item to act on it.')
          // The version read here: should a crisis signal join the item in between, it is refused.
          await this.resolve(ctx, id, { action: input.action, ruleId: input.ruleId, version: item.version })
          results.push({ id, ok: true })
        } catch (err) {
          if (!(err instanceof AppError)) throw err
          results.push({ id, ok: false, error: err.message })
        }
      }
      return { results }
    },

    async audit(ctx: Ctx, opts: { community?: string; action?: string; cursor?: string; limit: number }) {
      const { scope, communityId } = await moderatorScope(ctx, opts.community, 'Only moderators can read the audit log.')
      const cursor = decodeCursor(opts.cursor, isAuditCursor)
      const rows = await m.listAuditPage(db, { communityIds: scope, communityId, action: opts.action, beforeId: cursor?.before, limit: opts.limit })
      const page = rows.slice(0, opts.limit)
      return {
        entries: page.map((r) => ({
          id: r.id,
          community: r.slug,
          actor: r.actor_handle ? { handle: r.actor_handle } : null,
          action: r.action,
          target: { type: r.target_type, id: r.target_id },
          reason: r.reason,
          before: r.before ? JSON.parse(r.before) : null,
          after: r.after ? JSON.parse(r.after) : null,
          createdAt: iso(r.created_at),
        })),
        nextCursor: rows.length > opts.limit ? encodeCursor({ before: page.at(-1)!.id }) : null,
      }
    },
  }
}

export type ModerationService = ReturnType<typeof createModerationService>

import { AppError, conflict, forbidden, notFound } from '../errors.ts'
import { findCommunityById, findCommunityBySlug, findMembership, setSilencedUntil } from '../db/communities.ts'
import * as m from '../db/moderation.ts'
import { findPostById, setPostStatus, setPostWarnings } from '../db/posts.ts'
import { PRIORITY, addSignal, listSignals, upsertReviewItem } from '../db/review.ts'
import type { Executor } from '../db/schema.ts'
import { setThreadLocked, setThreadStatus, findThreadById, findThreadForReader } from '../db/threads.ts'
import { findUserByHandleKey, findUserById, setSuspendedUntil } from '../db/users.ts'
import { assertCanRead, assertNotSuspended, isModerator, requireActor } from './authz.ts'
import { parseSettings, parseWarnings, type WarningCategory } from './community-settings.ts'
import type { Actor, Ctx, ServiceDeps } from './context.ts'
import { decodeCursor, encodeCursor, isInt } from './cursor.ts'
import { notify, notifyReply } from './notifications.ts'
import { withheldFrom } from './visibility.ts'

export const REPORT_REASONS = ['worried', 'spam', 'harassment', 'misinformation', 'guideline', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]
export const RESOLVE_ACTIONS = ['approve', 'hide', 'remove', 'warn', 'lock', 'silence', 'check_in', 'escalate'] as const
export type ResolveAction = (typeof RESOLVE_ACTIONS)[number]

export const CLAIM_TTL_MS = 15 * 60_000
/** An item's level, as a moderator reads it in a sentence. */
const levelWords = (priority: number) =>
  priority >= PRIORITY.urgent_crisis ? 'an urgent crisis' : priority >= PRIORITY.concern ? 'a concern' : priority >= PRIORITY.worried_report ? 'a worried report'
    : priority >= PRIORITY.multiple_reports ? 'multiple reports' : priority >= PRIORITY.held ? 'held or a rule hit' : 'a warning review'
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())
const isQueueCursor = (v: any): v is { p: number; c: number; i: number } => v && isInt(v.p) && isInt(v.c) && isInt(v.i)
const isAuditCursor = (v: any): v is { before: number } => v && isInt(v.before)

const OUTCOME_WORDS: Record<string, string> = {
  approve: 'A moderator reviewed the post you reported and decided to leave it up. Thank you for looking out for this community.',
  actioned: 'A moderator reviewed the post you reported and took action. Thank you for looking out for this community.',
}

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

  async function audit(trx: Executor, actor: Actor | null, communityId: number | null, action: string, targetType: string, targetId: number | null, extra: { reason?: string | null; before?: unknown; after?: unknown } = {}) {
    await m.insertAudit(trx, { community_id: communityId, actor_id: actor?.id ?? null, action, target_type: targetType, target_id: targetId, created_at: clock.now(), ...extra })
  }

  async function notifyReporters(trx: Executor, itemId: number, outcome: 'approve' | 'actioned') {
    const reporters = await m.setReportOutcome(trx, itemId, outcome)
    await notify(trx, reporters.map((r) => r.reporter_id), 'moderation_outcome', { message: OUTCOME_WORDS[outcome] }, clock.now())
  }

  async function escalate(trx: Executor, item: { id: number; community_id: number; post_id: number }, actor: Actor | null, reason: string) {
    const now = clock.now()
    // An escalation goes to the community's leads and the site's admins.
    const recipients = (await m.adminsAndStaff(trx, item.community_id, ['lead'], now)).filter((id) => id !== actor?.id)
    const community = await findCommunityById(trx, item.community_id)
    await notify(trx, recipients, 'alert', { kind: 'escalation', reviewItemId: item.id, postId: item.post_id, community: community?.slug, reason }, now)
    await m.markEscalated(trx, item.id, now)
    await audit(trx, actor, item.community_id, actor ? 'escalate' : 'auto_escalate', 'review_item', item.id, { reason })
    return recipients.length
  }

  return {
    /** `threadId`: the thread the member reported from (the web page's address); the post must be in it. */
    async report(ctx: Ctx, postId: number, input: { reason: ReportReason; ruleId?: number; note?: string }, opts: { threadId?: number } = {}) {
      const actor = requireActor(ctx.actor)
      const post = await findPostById(db, postId)
      if (!post || post.status === 'deleted' || (opts.threadId !== undefined && post.thread_id !== opts.threadId)) throw notFound('That post')
      const found = await findThreadForReader(db, post.thread_id, actor.id)
      if (!found) throw notFound('That post')
      const { thread, community, membership } = found
      assertCanRead(community, actor, membership)
      if (post.author_id === actor.id) throw new AppError(400, 'own_post', 'You cannot report your own post. To change it, edit or delete it.')
      // Only what the member can see can be reported: held, hidden and removed posts and threads
      // show them nothing (and a report must not tell them such a post exists).
      const moderates = isModerator(actor, membership)
      if (withheldFrom(thread, actor.id, moderates) || (!moderates && post.status !== 'visible')) throw notFound('That post')
      if (input.reason === 'guideline' && input.ruleId === undefined) throw new AppError(400, 'invalid_input', 'Choose which guideline the post breaks.', { ruleId: 'is required for this reason' })
      if (input.reason === 'other' && !input.note?.trim()) throw new AppError(400, 'invalid_input', 'Tell the moderators what is wrong in a short note.', { note: 'is required for this reason' })
      if (input.ruleId !== undefined && !(await m.findRule(db, community.id, input.ruleId))) {
        throw new AppError(400, 'invalid_input', 'That rule is not one of this community\'s rules.', { ruleId: 'not a rule of this community' })
      }
      if (await m.findReport(db, post.id, actor.id)) throw conflict('already_reported', 'You have already reported this post. The moderators will look at it.')
      const settings = parseSettings(community.settings)
      const now = clock.now()
      const result = await db.transaction().execute(async (trx) => {
        const reporters = (await m.countReporters(trx, post.id)) + 1
        const priority = input.reason === 'worried' ? PRIORITY.worried_report : reporters >= 2 ? PRIORITY.multiple_reports : PRIORITY.held
        const reason = input.reason === 'worried' ? 'worried_report' : reporters >= 2 ? 'multiple_reports' : 'report'
        const item = await upsertReviewItem(trx, { postId: post.id, communityId: community.id, priority, reason, at: now }, {
          source: 'report', kind: `report_${input.reason}`, reason: input.reason === 'worried' ? "A member is worried about this person" : `Reported: ${input.reason}`, revision: post.revision,
        })
        const inserted = await m.insertReport(trx, {
          post_id: post.id, reporter_id: actor.id, item_id: item.id, reason: input.reason, rule_id: input.ruleId ?? null, note: input.note?.trim() || null,
          snapshot_body: post.body, snapshot_revision: post.revision, created_at: now,
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
          await audit(trx, null, community.id, 'auto_hide', 'post', post.id, { reason: `reported by ${complainants} members`, before: { status: 'visible' }, after: { status: 'hidden' } })
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
      const rows = await m.listQueuePage(db, { communityIds: scope, communityId, reason: opts.reason, after: cursor && { priority: cursor.p, createdAt: cursor.c, id: cursor.i }, limit: opts.limit })
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
        claim: r.claimed_by !== null && r.claimed_at !== null && r.claimed_at > now - CLAIM_TTL_MS
          ? { handle: r.claimer_handle, mine: r.claimed_by === actor.id, expiresAt: iso(r.claimed_at + CLAIM_TTL_MS) }
          : null,
        post: {
          id: r.post_id, threadId: r.thread_id, threadTitle: r.thread_title, author: { handle: r.author_handle }, body: r.body, html: r.html,
          status: r.post_status, revision: r.revision, contentWarnings: parseWarnings(r.content_warnings), threadLocked: r.locked === 1,
        },
        signals: signals.filter((s) => s.item_id === r.id).map((s) => ({ source: s.source, kind: s.kind, reason: s.reason, evidence: JSON.parse(s.evidence), createdAt: iso(s.created_at) })),
        reports: reports.filter((x) => x.item_id === r.id).map((x) => ({ reason: x.reason, rule: x.rule_title, note: x.note, postAsReported: x.snapshot_body, revision: x.snapshot_revision, createdAt: iso(x.created_at) })),
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
      const [signals, reports, checkIns] = await Promise.all([listSignals(db, [item.id]), m.listReportsForItems(db, [item.id]), m.listCheckInsForPost(db, item.post_id)])
      return {
        item: { id: item.id, version: item.version, status: item.status, priority: item.priority, reason: item.reason, postId: item.post_id, resolution: item.resolution, claimedBy: item.claimed_by, createdAt: iso(item.created_at) },
        signals: signals.map((s) => ({ source: s.source, kind: s.kind, reason: s.reason, evidence: JSON.parse(s.evidence), createdAt: iso(s.created_at) })),
        reports: reports.map((x) => ({ reason: x.reason, rule: x.rule_title, note: x.note, postAsReported: x.snapshot_body, createdAt: iso(x.created_at) })),
        conversation: checkIns.map((c) => ({ from: c.from_moderator ? 'moderator' : 'member', handle: c.sender_handle, signed: c.signed === 1, body: c.body, createdAt: iso(c.created_at) })),
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
    async resolve(ctx: Ctx, itemId: number, input: { action: ResolveAction; ruleId?: number; note?: string; warnings?: WarningCategory[]; until?: string; message?: string; sign?: boolean; version?: number }) {
      const { item, actor } = await loadItem(ctx, itemId)
      if (item.status !== 'open') throw conflict('item_closed', 'This item has already been resolved.')
      const post = (await findPostById(db, item.post_id))!
      const community = (await findCommunityById(db, item.community_id))!
      const now = clock.now()
      let until: number | undefined
      if (input.action === 'remove') {
        if (input.ruleId === undefined) throw new AppError(400, 'invalid_input', 'Choose the rule this post breaks: it is shown to the author.', { ruleId: 'is required to remove a post' })
        if (!(await m.findRule(db, community.id, input.ruleId))) throw new AppError(400, 'invalid_input', "That rule is not one of this community's rules.", { ruleId: 'not a rule of this community' })
      }
      if (input.action === 'warn' && !input.warnings) throw new AppError(400, 'invalid_input', 'Choose the content warnings for this post (an empty list removes them).', { warnings: 'is required' })
      if (input.action === 'silence') {
        until = input.until ? Date.parse(input.until) : NaN
        if (!Number.isFinite(until) || until <= now) throw new AppError(400, 'invalid_input', 'Give a future date and time for the silence to end.', { until: 'must be a future date-time' })
      }
      if (input.action === 'check_in' && !input.message?.trim()) throw new AppError(400, 'invalid_input', 'Write the message to send.', { message: 'is required' })

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
        if (input.ruleId !== undefined && !rule) throw new AppError(400, 'invalid_input', "That rule is not one of this community's rules.", { ruleId: 'not a rule of this community' })
        const thread = (await findThreadById(trx, post.thread_id))!
        const isFirst = thread.first_post_id === post.id
        const moderatorName = input.sign ? actor.handle : 'A moderator'
        let resolves = true
        switch (input.action) {
          case 'approve': {
            if (post.status === 'held' || post.status === 'hidden') {
              await setPostStatus(trx, post.id, 'visible')
              if (isFirst) await setThreadStatus(trx, thread.id, 'visible')
            }
            // A reply held when it was written (by the write gate, not a later verdict: that one had
            // already told them) told nobody: now it is out, the people it answers hear of it.
            const heldAtWrite = async () => (await listSignals(trx, [itemId])).some((s) => s.revision === 1 && (s.kind === 'new_member_hold' || s.kind === 'blocked_wording_in_crisis'))
            if (post.status === 'held' && !isFirst && (await heldAtWrite())) {
              const replier = (await findUserById(trx, post.author_id))!
              const replyTo = post.reply_to_id !== null ? await findPostById(trx, post.reply_to_id) : undefined
              await notifyReply(trx, { postId: post.id, replierId: post.author_id, replierHandle: replier.handle, replyToAuthorId: replyTo?.author_id, thread, community: community.slug, at: now })
            }
            await audit(trx, actor, community.id, 'approve', 'post', post.id, { reason: input.note ?? null, before: { status: post.status }, after: { status: 'visible' } })
            await notifyReporters(trx, itemId, 'approve')
            break
          }
          case 'hide':
          case 'remove': {
            const status = input.action === 'hide' ? 'hidden' : 'removed'
            await setPostStatus(trx, post.id, status)
            if (isFirst) await setThreadStatus(trx, thread.id, status)
            await audit(trx, actor, community.id, input.action, 'post', post.id, { reason: rule ? `Rule ${rule.position}: ${rule.title}` : input.note ?? null, before: { status: post.status }, after: { status } })
            await notify(trx, [post.author_id], 'moderation_outcome', {
              message: input.action === 'remove'
                ? `${moderatorName} removed your post in ${community.name} because it breaks rule ${rule!.position}: ${rule!.title}.`
                : `${moderatorName} hid your post in ${community.name} while it is looked at.`,
              postId: post.id, threadId: thread.id, community: community.slug,
            }, now)
            await notifyReporters(trx, itemId, 'actioned')
            break
          }
          case 'warn': {
            const before = parseWarnings(post.content_warnings)
            const after = [...new Set(input.warnings!)]
            await setPostWarnings(trx, post.id, JSON.stringify(after))
            await audit(trx, actor, community.id, 'edit_warnings', 'post', post.id, { reason: input.note ?? null, before, after })
            break
          }
          case 'lock': {
            await setThreadLocked(trx, thread.id, true)
            await audit(trx, actor, community.id, 'lock', 'thread', thread.id, { reason: input.note ?? null, before: { locked: thread.locked === 1 }, after: { locked: true } })
            break
          }
          case 'silence': {
            const membership = await findMembership(trx, community.id, post.author_id)
            await setSilencedUntil(trx, community.id, post.author_id, until!)
            await audit(trx, actor, community.id, 'silence', 'user', post.author_id, { reason: input.note ?? null, before: { silencedUntil: iso(membership?.silenced_until ?? null) }, after: { silencedUntil: iso(until!) } })
            await notify(trx, [post.author_id], 'moderation_outcome', { message: `${moderatorName} has paused your posting in ${community.name} until ${iso(until!)}. You can still read.`, community: community.slug }, now)
            break
          }
          case 'check_in': {
            resolves = false
            const msg = await m.insertCheckIn(trx, { item_id: itemId, community_id: community.id, member_id: post.author_id, sender_id: actor.id, from_moderator: 1, signed: input.sign ? 1 : 0, body: input.message!.trim(), created_at: now })
            await notify(trx, [post.author_id], 'moderator_message', { checkInId: msg.id, from: moderatorName, community: community.slug, message: input.message!.trim() }, now)
            await audit(trx, actor, community.id, 'check_in', 'user', post.author_id, { reason: null, after: { checkInId: msg.id, signed: !!input.sign } })
            break
          }
          case 'escalate': {
            resolves = false
            await escalate(trx, item, actor, input.note ?? 'escalated by a moderator')
            break
          }
        }
        await m.touchClaim(trx, itemId, now)
        if (resolves) {
          await m.resolveItem(trx, itemId, actor.id, input.action, now)
          await audit(trx, actor, community.id, 'resolve', 'review_item', itemId, { reason: input.action })
        }
        return { resolved: resolves }
      })
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
          id: r.id, community: r.slug, actor: r.actor_handle ? { handle: r.actor_handle } : null, action: r.action, target: { type: r.target_type, id: r.target_id },
          reason: r.reason, before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null, createdAt: iso(r.created_at),
        })),
        nextCursor: rows.length > opts.limit ? encodeCursor({ before: page.at(-1)!.id }) : null,
      }
    },

    /** The member's side of a check-in: every message between them and the moderators on that item. */
    async conversation(ctx: Ctx, checkInId: number) {
      const actor = requireActor(ctx.actor)
      const msg = await m.findCheckIn(db, checkInId)
      if (!msg || msg.member_id !== actor.id) throw notFound('That message')
      const community = (await findCommunityById(db, msg.community_id))!
      const item = (await m.findItem(db, msg.item_id))!
      const all = await m.listCheckInsForPost(db, item.post_id)
      return {
        checkInId,
        community: { slug: community.slug, name: community.name },
        // Moderators stay "a moderator" to the member unless they chose to sign.
        messages: all.map((c) => ({
          from: c.from_moderator ? (c.signed ? c.sender_handle ?? 'A moderator' : 'A moderator') : 'You',
          fromModerator: c.from_moderator === 1,
          body: c.body,
          createdAt: iso(c.created_at),
        })),
      }
    },

    /** A member answers a moderator's check-in: the reply joins the item's conversation. */
    async replyToCheckIn(ctx: Ctx, checkInId: number, body: string) {
      const actor = requireActor(ctx.actor)
      const msg = await m.findCheckIn(db, checkInId)
      if (!msg || msg.member_id !== actor.id) throw notFound('That message')
      const now = clock.now()
      await db.transaction().execute(async (trx) => {
        // An answer is a signal on the post's open item, at concern level or above: it moves the
        // item's version (a moderator's decision made before it is refused), and an answer after
        // the item was closed ("actually I am not OK") opens it again, or joins the item open since.
        const item = (await m.findItem(trx, msg.item_id))!
        const post = await findPostById(trx, item.post_id)
        const closed = item.status !== 'open'
        const signal = { source: 'member' as const, kind: 'check_in_reply', reason: closed ? `The member answered a check-in after item ${item.id} was closed` : 'The member answered a check-in', revision: post?.revision ?? null }
        let itemId = item.id
        if (closed && (await m.reopenItem(trx, item.id, item.post_id, PRIORITY.concern, 'check_in_reply', now))) await addSignal(trx, item.id, signal, now)
        else itemId = (await upsertReviewItem(trx, { postId: item.post_id, communityId: item.community_id, priority: PRIORITY.concern, reason: 'check_in_reply', at: now }, signal)).id
        await m.insertCheckIn(trx, { item_id: itemId, community_id: msg.community_id, member_id: actor.id, sender_id: actor.id, from_moderator: 0, signed: 1, body: body.trim(), created_at: now })
        // The community's moderators and leads and the admins hear it (whoever wrote the check-in is
        // one of them, unless they have since lost the role): an answer must never reach nobody.
        await notify(trx, await m.adminsAndStaff(trx, msg.community_id, ['moderator', 'lead'], now), 'moderator_message', { kind: 'check_in_reply', reviewItemId: itemId }, now)
      })
      return { sent: true }
    },

    /** Urgent items nobody claimed within the community's limit: alert leads and admins (once). */
    async escalateOverdue(): Promise<number> {
      const now = clock.now()
      const candidates = await m.overdueUrgentItems(db, now, now - CLAIM_TTL_MS)
      let escalated = 0
      for (const c of candidates) {
        const limitMs = parseSettings(c.settings).crisisEscalationMinutes * 60_000
        if (c.urgent_at! > now - limitMs) continue
        const n = await db.transaction().execute((trx) => escalate(trx, { id: c.id, community_id: c.community_id, post_id: c.post_id }, null, `urgent item unclaimed for over ${limitMs / 60_000} minutes`))
        log.warn({ alert: 'urgent_unclaimed', reviewItemId: c.id, communityId: c.community_id, notified: n }, 'urgent crisis item escalated: nobody claimed it in time')
        escalated++
      }
      return escalated
    },

    async suspend(ctx: Ctx, handle: string, input: { until: string | null; reason: string }) {
      const actor = requireActor(ctx.actor)
      if (!actor.isAdmin) throw forbidden('Only site admins can suspend accounts.', 'not_an_admin')
      const user = await findUserByHandleKey(db, handle.toLowerCase())
      if (!user) throw notFound('That member')
      const until = input.until === null ? null : Date.parse(input.until)
      if (until !== null && (!Number.isFinite(until) || until <= clock.now())) throw new AppError(400, 'invalid_input', 'Give a future date and time, or null to lift the suspension.', { until: 'must be a future date-time or null' })
      await db.transaction().execute(async (trx) => {
        await setSuspendedUntil(trx, user.id, until)
        await audit(trx, actor, null, until === null ? 'unsuspend' : 'suspend', 'user', user.id, { reason: input.reason, before: { suspendedUntil: iso(user.suspended_until) }, after: { suspendedUntil: iso(until) } })
      })
      return { handle: user.handle, suspendedUntil: iso(until) }
    },

    /** Called by a post write when the member asked a moderator to check in with them. */
    async requestCheckIn(trx: Executor, post: { id: number; community_id: number; revision: number }) {
      await upsertReviewItem(trx, { postId: post.id, communityId: post.community_id, priority: PRIORITY.concern, reason: 'check_in_requested', at: clock.now() }, {
        source: 'member', kind: 'check_in_requested', reason: 'The author asked a moderator to check in with them', revision: post.revision,
      })
    },
  }
}

export type ModerationService = ReturnType<typeof createModerationService>

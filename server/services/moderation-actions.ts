import { AppError } from '../errors.ts'
import { findCommunityById, findMembership, setSilencedUntil } from '../db/communities.ts'
import * as m from '../db/moderation.ts'
import { findPostById, setPostStatus, setPostWarnings } from '../db/posts.ts'
import { listSignals } from '../db/review.ts'
import type { CommunityRow, Executor, PostRow, ThreadRow } from '../db/schema.ts'
import { setThreadLocked, setThreadStatus } from '../db/threads.ts'
import { findUserById } from '../db/users.ts'
import { parseWarnings, type WarningCategory } from './community-settings.ts'
import type { Actor, ServiceDeps } from './context.ts'
import { notify, notifyReply } from './notifications.ts'
import { utcMinute } from './words.ts'
import { iso } from '../time.ts'
import { queueEscalationAlerts } from '../mail/alerts.ts'

export const RESOLVE_ACTIONS = ['approve', 'hide', 'remove', 'warn', 'lock', 'silence', 'check_in', 'escalate'] as const
export type ResolveAction = (typeof RESOLVE_ACTIONS)[number]

export interface ResolveInput {
  action: ResolveAction
  ruleId?: number
  note?: string
  warnings?: WarningCategory[]
  until?: string
  message?: string
  sign?: boolean
  /** The item's version as the moderator last read it: acting on an item that has changed since is refused. */
  version?: number
  /**
   * With an action that closes an item the safety pipeline raised: was its flag right, and if not,
   * what was (any label left out keeps the pipeline's reading). Stored for `safety export-labels`.
   */
  feedback?: SafetyFeedbackInput
}

export interface SafetyFeedbackInput {
  right: boolean
  crisis?: 'none' | 'concern' | 'urgent'
  warnings?: WarningCategory[]
  spam?: boolean
  contact?: boolean
}

const OUTCOME_WORDS: Record<'approve' | 'actioned', string> = {
  approve: 'A moderator reviewed the post you reported and decided to leave it up. Thank you for looking out for this community.',
  actioned: 'A moderator reviewed the post you reported and took action. Thank you for looking out for this community.',
}
/** Whatever became of the post, someone worried about its writer hears about the person, not the post. */
const WORRIED_WORDS = 'A moderator has looked in on the person you were worried about. Thank you for caring about them.'

/** The audit log, reporters' outcomes and escalations: the writes every moderation path shares. */
export function createModerationWrites(deps: ServiceDeps) {
  const { clock } = deps

  async function audit(
    trx: Executor,
    actor: Actor | null,
    communityId: number | null,
    action: string,
    targetType: string,
    targetId: number | null,
    extra: { reason?: string | null; before?: unknown; after?: unknown } = {},
  ) {
    await m.insertAudit(trx, {
      community_id: communityId,
      actor_id: actor?.id ?? null,
      action,
      target_type: targetType,
      target_id: targetId,
      created_at: clock.now(),
      ...extra,
    })
  }

  async function notifyReporters(trx: Executor, itemId: number, outcome: 'approve' | 'actioned') {
    const reporters = await m.setReportOutcome(trx, itemId, outcome)
    const worried = new Set(reporters.filter((r) => r.reason === 'worried').map((r) => r.reporter_id))
    const others = reporters.map((r) => r.reporter_id).filter((id) => !worried.has(id))
    await notify(trx, others, 'moderation_outcome', { message: OUTCOME_WORDS[outcome] }, clock.now())
    await notify(trx, [...worried], 'moderation_outcome', { message: WORRIED_WORDS }, clock.now())
  }

  async function escalate(trx: Executor, item: { id: number; community_id: number; post_id: number }, actor: Actor | null, reason: string) {
    const now = clock.now()
    // An escalation goes to the community's leads and the site's admins.
    const recipients = (await m.adminsAndStaff(trx, item.community_id, ['lead'], now)).filter((id) => id !== actor?.id)
    const community = await findCommunityById(trx, item.community_id)
    await notify(trx, recipients, 'alert', { kind: 'escalation', reviewItemId: item.id, postId: item.post_id, community: community?.slug, reason }, now)
    // Outside the app too: leads and admins by e-mail (on duty or not), and the alert hook; sent after commit (the caller wakes the mail relay).
    const row = await m.findItem(trx, item.id)
    if (community && row)
      await queueEscalationAlerts(trx, {
        itemId: item.id,
        communityId: item.community_id,
        slug: community.slug,
        urgentAt: row.urgent_at ?? row.created_at,
        now,
        urgent: row.urgent_at !== null,
      })
    await m.markEscalated(trx, item.id, now)
    await audit(trx, actor, item.community_id, actor ? 'escalate' : 'auto_escalate', 'review_item', item.id, { reason })
    return recipients.length
  }

  return { audit, notifyReporters, escalate }
}
export type ModerationWrites = ReturnType<typeof createModerationWrites>

/** Everything an action sees, read inside its transaction after the claim is taken. */
export interface ActionScene {
  trx: Executor
  now: number
  actor: Actor
  itemId: number
  item: { id: number; community_id: number; post_id: number }
  community: CommunityRow
  post: PostRow
  thread: ThreadRow
  isFirst: boolean
  rule?: { position: number; title: string }
  input: ResolveInput
  /** How the member reads who acted: the moderator's handle only when they chose to sign. */
  moderatorName: string
  /** A silence's end, checked to be in the future. */
  until?: number
}

export interface ActionHandler {
  /** A check-in or an escalation leaves the item open; everything else resolves it. */
  keepsOpen?: boolean
  /** Refuses bad input before anything is claimed or written; returns what it parsed. */
  check?(input: ResolveInput, now: number, community: CommunityRow, db: Executor): Promise<{ until?: number } | void>
  run(scene: ActionScene): Promise<void>
}

const invalid = (message: string, fields: Record<string, string>) => new AppError(400, 'invalid_input', message, fields)

/** One handler per moderator action on a review item. */
export function createActionHandlers(deps: ServiceDeps, w: ModerationWrites): Record<ResolveAction, ActionHandler> {
  const hideOrRemove =
    (action: 'hide' | 'remove'): ActionHandler['run'] =>
    async ({ trx, now, actor, itemId, community, post, thread, isFirst, rule, input, moderatorName }) => {
      const reason = rule ? `Rule ${rule.position}: ${rule.title}` : (input.note ?? null)
      if (post.status === 'deleted') return closeOnDeleted({ trx, actor, itemId, community, post }, action, reason)
      const status = action === 'hide' ? 'hidden' : 'removed'
      await setPostStatus(trx, post.id, status)
      if (isFirst) await setThreadStatus(trx, thread.id, status)
      await w.audit(trx, actor, community.id, action, 'post', post.id, { reason, before: { status: post.status }, after: { status } })
      await notify(
        trx,
        [post.author_id],
        'moderation_outcome',
        {
          message:
            action === 'remove'
              ? `${moderatorName} removed your post in ${community.name} because it breaks rule ${rule!.position}: ${rule!.title}.`
              : `${moderatorName} hid your post in ${community.name} while it is looked at.`,
          postId: post.id,
          threadId: thread.id,
          community: community.slug,
        },
        now,
      )
      await w.notifyReporters(trx, itemId, 'actioned')
    }

  /**
   * Deletion is final (migration 0012 holds it for any writer): approving, hiding or removing a
   * post its author deleted changes nothing anyone sees. The item closes, the log says so, and the
   * author, who took the post down themselves, is not told a moderator hid it.
   */
  async function closeOnDeleted(
    s: Pick<ActionScene, 'trx' | 'actor' | 'itemId' | 'community' | 'post'>,
    action: 'approve' | 'hide' | 'remove',
    reason: string | null,
  ) {
    const why = `the author had deleted the post, which stays deleted${reason ? `; ${reason}` : ''}`
    await w.audit(s.trx, s.actor, s.community.id, action, 'post', s.post.id, { reason: why, before: { status: 'deleted' }, after: { status: 'deleted' } })
    await w.notifyReporters(s.trx, s.itemId, 'actioned')
  }

  return {
    approve: {
      async run({ trx, now, actor, itemId, community, post, thread, isFirst, input }) {
        if (post.status === 'deleted') return closeOnDeleted({ trx, actor, itemId, community, post }, 'approve', input.note ?? null)
        if (post.status === 'held' || post.status === 'hidden') {
          await setPostStatus(trx, post.id, 'visible')
          if (isFirst) await setThreadStatus(trx, thread.id, 'visible')
        }
        // A reply held when it was written (by the write gate, not a later verdict: that one had
        // already told them) told nobody: now it is out, the people it answers hear of it.
        const heldAtWrite = async () =>
          (await listSignals(trx, [itemId])).some((s) => s.revision === 1 && (s.kind === 'new_member_hold' || s.kind === 'blocked_wording_in_crisis'))
        if (post.status === 'held' && !isFirst && (await heldAtWrite())) {
          const replier = (await findUserById(trx, post.author_id))!
          const replyTo = post.reply_to_id !== null ? await findPostById(trx, post.reply_to_id) : undefined
          await notifyReply(trx, {
            postId: post.id,
            replierId: post.author_id,
            replierHandle: replier.handle,
            replyToAuthorId: replyTo?.author_id,
            thread,
            community: community.slug,
            at: now,
          })
        }
        await w.audit(trx, actor, community.id, 'approve', 'post', post.id, {
          reason: input.note ?? null,
          before: { status: post.status },
          after: { status: 'visible' },
        })
        await w.notifyReporters(trx, itemId, 'approve')
      },
    },

    hide: { run: hideOrRemove('hide') },

    remove: {
      async check(input, _now, community, db) {
        if (input.ruleId === undefined)
          throw invalid('Choose the rule this post breaks: it is shown to the author.', { ruleId: 'is required to remove a post' })
        if (!(await m.findRule(db, community.id, input.ruleId)))
          throw invalid("That rule is not one of this community's rules.", { ruleId: 'not a rule of this community' })
      },
      run: hideOrRemove('remove'),
    },

    warn: {
      async check(input) {
        if (!input.warnings) throw invalid('Choose the content warnings for this post (an empty list removes them).', { warnings: 'is required' })
      },
      async run({ trx, actor, community, post, input }) {
        const before = parseWarnings(post.content_warnings)
        const after = [...new Set(input.warnings!)]
        await setPostWarnings(trx, post.id, JSON.stringify(after))
        await w.audit(trx, actor, community.id, 'edit_warnings', 'post', post.id, { reason: input.note ?? null, before, after })
      },
    },

    lock: {
      async run({ trx, actor, community, thread, input }) {
        await setThreadLocked(trx, thread.id, true)
        await w.audit(trx, actor, community.id, 'lock', 'thread', thread.id, {
          reason: input.note ?? null,
          before: { locked: thread.locked === 1 },
          after: { locked: true },
        })
      },
    },

    silence: {
      async check(input, now) {
        const until = input.until ? Date.parse(input.until) : NaN
        if (!Number.isFinite(until) || until <= now)
          throw invalid('Give a future date and time for the silence to end.', { until: 'must be a future date-time' })
        return { until }
      },
      async run({ trx, now, actor, community, post, input, moderatorName, until }) {
        const membership = await findMembership(trx, community.id, post.author_id)
        await setSilencedUntil(trx, community.id, post.author_id, until!)
        await w.audit(trx, actor, community.id, 'silence', 'user', post.author_id, {
          reason: input.note ?? null,
          before: { silencedUntil: iso(membership?.silenced_until ?? null) },
          after: { silencedUntil: iso(until!) },
        })
        const message = `${moderatorName} has paused your posting in ${community.name} until ${utcMinute(until!)}. You can still read.`
        await notify(trx, [post.author_id], 'moderation_outcome', { message, community: community.slug }, now)
      },
    },

    check_in: {
      keepsOpen: true,
      async check(input) {
        if (!input.message?.trim()) throw invalid('Write the message to send.', { message: 'is required' })
      },
      async run({ trx, now, actor, itemId, community, post, input, moderatorName }) {
        const body = input.message!.trim()
        const msg = await m.insertCheckIn(trx, {
          item_id: itemId,
          community_id: community.id,
          member_id: post.author_id,
          sender_id: actor.id,
          from_moderator: 1,
          signed: input.sign ? 1 : 0,
          body,
          created_at: now,
        })
        await notify(trx, [post.author_id], 'moderator_message', { checkInId: msg.id, from: moderatorName, community: community.slug, message: body }, now)
        await w.audit(trx, actor, community.id, 'check_in', 'user', post.author_id, { reason: null, after: { checkInId: msg.id, signed: !!input.sign } })
      },
    },

    escalate: {
      keepsOpen: true,
      async run({ trx, actor, item, input }) {
        await w.escalate(trx, item, actor, input.note ?? 'escalated by a moderator')
      },
    },
  }
}

import { listMailTargets } from '../db/account-mail.ts'
import { findCommunityById, findCommunityBySlug, findMembership, listCrisisResources } from '../db/communities.ts'
import * as o from '../db/outcomes.ts'
import type { Executor } from '../db/schema.ts'
import { AppError, notFound } from '../errors.ts'
import { mailWritten, queueEmail } from '../mail/outbox.ts'
import { notBefore, parseEmailPrefs } from '../mail/preferences.ts'
import { DAY_MS, iso } from '../time.ts'
import { requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import type { ModerationService } from './moderation.ts'
import { checkInAnswers, INTERVALS, reading, score, who5Percent } from './outcome-measures.ts'

/** How many of their own check-ins a member's page shows (two years at the shortest interval). */
const HISTORY = 52

const crisisLineToView = (r: { name: string; contact: string; url: string | null; region: string; hours: string | null }) => ({
  name: r.name,
  contact: r.contact,
  url: r.url,
  region: r.region,
  hours: r.hours,
})

/**
 * A member's own wellbeing check-ins (issue #20). Every function here reads and writes only the
 * signed-in member's rows, by their id: no moderator, lead or admin path leads here, and no answer
 * is logged or sent anywhere. Asking a moderator to check in opens a review item on the member's
 * own latest post, with the same signal a post's "ask a moderator" box adds: it carries no score.
 */
export function createOutcomeService(deps: ServiceDeps, moderation: ModerationService) {
  const { db, clock, logger } = deps
  const log = logger.child({ component: 'outcomes' })

  async function enrolmentOf(userId: number) {
    const e = await o.findEnrolment(db, userId)
    if (!e) throw new AppError(409, 'not_enrolled', 'Turn on check-ins first: choose a community and how often, then agree to how your answers are used.')
    return e
  }

  return {
    /** Everything on the member's check-in page: their choice, whether one is due, and their own history. */
    async overview(ctx: Ctx) {
      const actor = requireActor(ctx.actor)
      const now = clock.now()
      const [e, rows, communities, mail] = await Promise.all([
        o.findEnrolment(db, actor.id),
        o.listOwnCheckIns(db, actor.id, HISTORY),
        o.listOwnCommunities(db, actor.id),
        listMailTargets(db, [actor.id]),
      ])
      const community = e ? await findCommunityById(db, e.community_id) : undefined
      const latest = rows[0]
      const latestReading = latest ? reading(latest) : null
      // Kind words and the community's crisis lines when the latest scores are in the range the measures' authors flag.
      const low = latestReading !== null && (latestReading.wellbeing !== 'ok' || latestReading.lonely)
      const crisisLines = low && community ? (await listCrisisResources(db, community.id)).map(crisisLineToView) : []
      return {
        enrolment:
          e && community
            ? {
                community: { slug: community.slug, name: community.name },
                intervalDays: e.interval_days,
                paused: e.paused === 1,
                remindByEmail: e.remind_by_email === 1,
                consentedAt: iso(e.consented_at),
                nextDueAt: iso(e.next_due_at),
                due: e.paused === 0 && e.next_due_at <= now,
              }
            : null,
        mailReady: Boolean(mail[0]?.email && mail[0].email_verified_at !== null),
        communities: communities.map((c) => ({ slug: c.slug, name: c.name })),
        checkIns: rows.map((r) => ({
          id: r.id,
          at: iso(r.created_at),
          wellbeing: r.wellbeing,
          wellbeingPercent: who5Percent(r.wellbeing),
          loneliness: r.loneliness,
          hope: r.hope,
        })),
        latestReading,
        crisisLines,
      }
    },

    async enrol(ctx: Ctx, input: { community: string; intervalDays: number; remindByEmail: boolean; consent: boolean }) {
      const actor = requireActor(ctx.actor)
      if (!input.consent)
        throw new AppError(400, 'consent_required', 'Tick the box to agree to how your answers are used, or leave check-ins off.', {
          consent: 'must be ticked to turn check-ins on',
        })
      if (!(INTERVALS as readonly number[]).includes(input.intervalDays))
        throw new AppError(400, 'invalid_input', 'Choose every 2 weeks or every 4 weeks.', { interval: 'must be 14 or 28 days' })
      const community = await findCommunityBySlug(db, input.community)
      if (!community || !(await findMembership(db, community.id, actor.id)))
        throw new AppError(400, 'invalid_input', 'Choose one of your communities.', { community: 'must be a community you belong to' })
      const now = clock.now()
      await o.upsertEnrolment(db, {
        user_id: actor.id,
        community_id: community.id,
        interval_days: input.intervalDays as 14 | 28,
        remind_by_email: input.remindByEmail ? 1 : 0,
        consented_at: now,
        // The first check-in is due straight away; after it, every interval.
        next_due_at: now,
        updated_at: now,
      })
    },

    async update(ctx: Ctx, input: { intervalDays: number; remindByEmail: boolean }) {
      const actor = requireActor(ctx.actor)
      const e = await enrolmentOf(actor.id)
      if (!(INTERVALS as readonly number[]).includes(input.intervalDays))
        throw new AppError(400, 'invalid_input', 'Choose every 2 weeks or every 4 weeks.', { interval: 'must be 14 or 28 days' })
      const last = (await o.listOwnCheckIns(db, actor.id, 1))[0]
      const now = clock.now()
      await o.updateEnrolment(db, actor.id, {
        interval_days: input.intervalDays as 14 | 28,
        remind_by_email: input.remindByEmail ? 1 : 0,
        next_due_at: last ? last.created_at + input.intervalDays * DAY_MS : e.next_due_at,
        updated_at: now,
      })
    },

    async setPaused(ctx: Ctx, paused: boolean) {
      const actor = requireActor(ctx.actor)
      await enrolmentOf(actor.id)
      await o.updateEnrolment(db, actor.id, { paused: paused ? 1 : 0, updated_at: clock.now() })
    },

    /** Skips the check-in that is due: the next one is an interval from now. */
    async skip(ctx: Ctx) {
      const actor = requireActor(ctx.actor)
      const e = await enrolmentOf(actor.id)
      const now = clock.now()
      await o.updateEnrolment(db, actor.id, { next_due_at: now + e.interval_days * DAY_MS, updated_at: now })
    },

    /**
     * Saves one check-in's scores (never the item answers). `askModerator`: the member ticked "ask a
     * moderator to check in with me", the only way a check-in reaches anyone.
     */
    async submit(ctx: Ctx, raw: Record<string, unknown>, askModerator: boolean) {
      const actor = requireActor(ctx.actor)
      const e = await enrolmentOf(actor.id)
      const parsed = checkInAnswers.safeParse(raw)
      if (!parsed.success) {
        const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), 'needs an answer']))
        throw new AppError(400, 'invalid_input', 'Answer every question, or skip this check-in.', fields)
      }
      const s = score(parsed.data)
      const now = clock.now()
      const moderator = await db.transaction().execute(async (trx: Executor): Promise<'asked' | 'no_post' | 'not_asked'> => {
        await o.insertCheckIn(trx, { user_id: actor.id, community_id: e.community_id, created_at: now, ...s })
        await o.updateEnrolment(trx, actor.id, { next_due_at: now + e.interval_days * DAY_MS, updated_at: now })
        if (!askModerator) return 'not_asked'
        const post = await o.findLatestVisiblePost(trx, actor.id, e.community_id)
        if (!post) return 'no_post'
        await moderation.requestCheckIn(trx, post)
        return 'asked'
      })
      // Ids only: no score, no reading.
      if (moderator === 'asked') log.info({ userId: actor.id, communityId: e.community_id }, 'member asked a moderator to check in from their check-in')
      return { moderator }
    },

    async deleteOne(ctx: Ctx, id: number) {
      const actor = requireActor(ctx.actor)
      if ((await o.deleteOwnCheckIn(db, actor.id, id)) === 0) throw notFound('That check-in')
    },

    /** Withdrawing: every answer and the choice itself are deleted, at once and for good. */
    async withdraw(ctx: Ctx) {
      const actor = requireActor(ctx.actor)
      return db.transaction().execute(async (trx) => {
        const n = await o.deleteAllOwnCheckIns(trx, actor.id)
        await o.deleteEnrolment(trx, actor.id)
        return n
      })
    },

    /**
     * Hourly: a mail reminder to members who asked for one, only to a confirmed address, held
     * through their quiet hours (server/mail/preferences.ts), once per due date (dedupe key).
     */
    async sendReminders(limit = 500) {
      const now = clock.now()
      const due = await o.listMailReminderDue(db, now, limit)
      if (due.length === 0) return 0
      const targets = new Map(
        (
          await listMailTargets(
            db,
            due.map((d) => d.user_id),
          )
        ).map((t) => [t.id, t]),
      )
      let queued = 0
      await db.transaction().execute(async (trx) => {
        for (const d of due) {
          const t = targets.get(d.user_id)
          await o.updateEnrolment(trx, d.user_id, { reminded_at: now })
          if (!t?.email || t.email_verified_at === null) continue
          const id = await queueEmail(trx, {
            purpose: 'outcome_reminder',
            dedupeKey: `outcome-reminder:${d.user_id}:${d.next_due_at}`,
            userId: d.user_id,
            to: t.email,
            template: { name: 'outcome_reminder', path: '/me/check-ins' },
            at: now,
            notBefore: notBefore(parseEmailPrefs(t.email_prefs), now),
          })
          if (id !== undefined) queued++
        }
      })
      if (queued > 0) mailWritten(db)
      return queued
    },
  }
}

export type OutcomeService = ReturnType<typeof createOutcomeService>

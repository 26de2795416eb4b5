// What runs outside one moderator's item: the sweep that escalates urgent items nobody claimed in
// time, and a site admin's suspension of an account. Both leave audit entries.
import { AppError, forbidden, notFound } from '../errors.ts'
import { mailWritten } from '../mail/outbox.ts'
import * as m from '../db/moderation.ts'
import { findUserByHandleKey, setSuspendedUntil } from '../db/users.ts'
import { requireActor } from './authz.ts'
import { parseSettings } from './community-settings.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import type { createModerationWrites } from './moderation-actions.ts'
import { CLAIM_TTL_MS, iso } from '../time.ts'

export function createModerationSweeps(deps: ServiceDeps, writes: ReturnType<typeof createModerationWrites>) {
  const { db, clock, logger } = deps
  const log = logger.child({ component: 'moderation' })
  const { audit, escalate } = writes
  return {
    /** Urgent items nobody claimed within the community's limit: alert leads and admins (once). */
    async escalateOverdue(): Promise<number> {
      const now = clock.now()
      const candidates = await m.overdueUrgentItems(db, now, now - CLAIM_TTL_MS)
      let escalated = 0
      for (const c of candidates) {
        const limitMs = parseSettings(c.settings, { communityId: c.community_id, logger }).crisisEscalationMinutes * 60_000
        if (c.urgent_at! > now - limitMs) continue
        const n = await db
          .transaction()
          .execute((trx) =>
            escalate(trx, { id: c.id, community_id: c.community_id, post_id: c.post_id }, null, `urgent item unclaimed for over ${limitMs / 60_000} minutes`),
          )
        log.warn(
          { alert: 'urgent_unclaimed', reviewItemId: c.id, communityId: c.community_id, notified: n },
          'urgent crisis item escalated: nobody claimed it in time',
        )
        escalated++
      }
      if (escalated > 0) mailWritten(db)
      return escalated
    },

    async suspend(ctx: Ctx, handle: string, input: { until: string | null; reason: string }) {
      const actor = requireActor(ctx.actor)
      if (!actor.isAdmin) throw forbidden('Only site admins can suspend accounts.', 'not_an_admin')
      const user = await findUserByHandleKey(db, handle.toLowerCase())
      if (!user) throw notFound('That member')
      const until = input.until === null ? null : Date.parse(input.until)
      if (until !== null && (!Number.isFinite(until) || until <= clock.now()))
        throw new AppError(400, 'invalid_input', 'Give a future date and time, or null to lift the suspension.', {
          until: 'must be a future date-time or null',
        })
      await db.transaction().execute(async (trx) => {
        await setSuspendedUntil(trx, user.id, until)
        await audit(trx, actor, null, until === null ? 'unsuspend' : 'suspend', 'user', user.id, {
          reason: input.reason,
          before: { suspendedUntil: iso(user.suspended_until) },
          after: { suspendedUntil: iso(until) },
        })
      })
      return { handle: user.handle, suspendedUntil: iso(until) }
    },
  }
}

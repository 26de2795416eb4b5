import { findMembership } from '../db/communities.ts'
import { findDuty, holdsStaffRole, upsertDuty } from '../db/duty.ts'
import { listAlertsForItems } from '../db/mail.ts'
import { findItem } from '../db/moderation.ts'
import { transaction } from '../db/connection.ts'
import { forbidden, notFound } from '../errors.ts'
import { onDutyAt, parseRota, type Rota } from '../mail/rota.ts'
import { mailWritten } from '../mail/outbox.ts'
import { queueVerification } from '../mail/verification.ts'
import { assertNotSuspended, isModerator, requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'

export interface DutyView {
  onDuty: boolean
  /** On duty and inside the rota (if any) right now: what an urgent item would find. */
  onDutyNow: boolean
  alertEmail: string | null
  alertEmailVerified: boolean
  rota: Rota | null
}

export interface DutyInput {
  onDuty: boolean
  /** undefined keeps the address; null removes it (alerts then go to the verified account address). */
  alertEmail?: string | null
  rota?: Rota | null
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())

export interface AlertView {
  channel: 'email' | 'hook'
  level: 'urgent' | 'escalation'
  to: { id: number | null; handle: string | null } | null
  queuedAt: string
  sentAt: string | null
  attempts: number
}

export function alertRowToView(r: Awaited<ReturnType<typeof listAlertsForItems>>[number]): AlertView {
  return {
    channel: r.kind === 'webhook' ? 'hook' : 'email',
    level: r.purpose.startsWith('escalation') || r.purpose === 'hook_escalated_item' ? 'escalation' : 'urgent',
    // Staff see which colleague was reached; never the address.
    to: r.kind === 'webhook' ? null : { id: r.user_id, handle: r.handle },
    queuedAt: new Date(r.created_at).toISOString(),
    sentAt: iso(r.sent_at),
    attempts: r.attempts,
  }
}

/** Moderators' and leads' duty: on or off, a weekly rota, and a verified address for alerts. */
export function createDutyService(deps: ServiceDeps) {
  const { db, clock } = deps

  async function staffActor(ctx: Ctx) {
    const actor = requireActor(ctx.actor)
    assertNotSuspended(actor)
    if (!actor.isAdmin && !(await holdsStaffRole(db, actor.id))) {
      throw forbidden('Only moderators, leads and admins go on duty for alerts.', 'not_staff')
    }
    return actor
  }

  async function view(userId: number): Promise<DutyView> {
    const d = await findDuty(db, userId)
    const rota = parseRota(d?.rota ?? null)
    const onDuty = d?.on_duty === 1
    return {
      onDuty,
      onDutyNow: onDuty && onDutyAt(rota, clock.now()),
      alertEmail: d?.alert_email ?? null,
      alertEmailVerified: !!d?.alert_email && d.alert_email_verified_at !== null,
      rota,
    }
  }

  return {
    async get(ctx: Ctx): Promise<DutyView> {
      const actor = await staffActor(ctx)
      return view(actor.id)
    },

    async set(ctx: Ctx, input: DutyInput): Promise<DutyView> {
      const actor = await staffActor(ctx)
      const now = clock.now()
      let wrote = false
      await transaction(db, async (trx) => {
        const current = await findDuty(trx, actor.id)
        const email = input.alertEmail === undefined ? (current?.alert_email ?? null) : input.alertEmail?.trim() || null
        const same = !!email && email.toLowerCase() === current?.alert_email?.toLowerCase()
        const rota = input.rota === undefined ? (current?.rota ?? null) : input.rota === null ? null : JSON.stringify(input.rota)
        await upsertDuty(trx, {
          user_id: actor.id,
          on_duty: input.onDuty ? 1 : 0,
          alert_email: email,
          alert_email_verified_at: same ? (current?.alert_email_verified_at ?? null) : null,
          rota,
          updated_at: now,
        })
        if (email && !same) {
          // A new address is used only once its owner confirms it: alerts must not go to a typo.
          await queueVerification(trx, actor.id, email, 'verify_alert_email', now)
          wrote = true
        }
      })
      if (wrote) mailWritten(db)
      return view(actor.id)
    },

    /** Who was alerted about a review item, by e-mail or the hook, and when (moderators of its community). */
    async alertsForItem(ctx: Ctx, itemId: number) {
      const actor = requireActor(ctx.actor)
      assertNotSuspended(actor)
      const item = await findItem(db, itemId)
      if (!item) throw notFound('That review item')
      const membership = await findMembership(db, item.community_id, actor.id)
      if (!isModerator(actor, membership)) throw forbidden('Only moderators of this community can see who was alerted.', 'not_a_moderator')
      return { alerts: (await listAlertsForItems(db, [itemId])).map(alertRowToView) }
    },
  }
}

export type DutyService = ReturnType<typeof createDutyService>

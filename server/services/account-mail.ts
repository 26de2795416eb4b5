import { digestPeriodKey } from '../mail/digest-period.ts'
import { hashPassword, verifyPassword } from '../auth/password.ts'
import { sha256 } from '../auth/tokens.ts'
import {
  countUnreadSince,
  deleteUserSessions,
  findUserMail,
  findUsersByEmail,
  listDigestMembers,
  markEmailVerified,
  setEmailPrefs,
  setPasswordHash,
  setUserEmail,
} from '../db/account-mail.ts'
import { setOffDuty, verifyAlertEmail } from '../db/duty.ts'
import { transaction } from '../db/connection.ts'
import { findLiveToken, retireTokens, useToken } from '../db/tokens.ts'
import { AppError } from '../errors.ts'
import { mailWritten, queueEmail, type MailTopic } from '../mail/outbox.ts'
import { newUserToken, queueVerification } from '../mail/verification.ts'
import { emailPrefsSchema, notBefore, parseEmailPrefs, type EmailPrefs } from '../mail/preferences.ts'
import { requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'

export const RESET_MINUTES = 30
const EMAIL_PURPOSES = ['verify_email', 'change_email', 'verify_alert_email'] as const

const badLink = (what: string) => new AppError(400, 'invalid_token', `This ${what} link has expired or was already used. Ask for a new one.`)

/**
 * Accounts by e-mail: password reset, address verification and change, password change, and
 * members' mail preferences with one-click unsubscribe. Tokens are random, stored hashed, single
 * use and short-lived; mail goes through the outbox in the same transaction.
 */
export function createAccountMailService(deps: ServiceDeps) {
  const { db, clock } = deps

  return {
    /**
     * Always the same answer, whether or not an account has this address: the caller learns
     * nothing. Each account with the address gets a link; earlier links stop working.
     */
    async requestPasswordReset(email: string): Promise<void> {
      const now = clock.now()
      const users = await findUsersByEmail(db, email.trim())
      if (users.length === 0) return
      await transaction(db, async (trx) => {
        for (const u of users) {
          const token = await newUserToken(trx, u.id, 'password_reset', u.email, RESET_MINUTES * 60_000, now)
          await queueEmail(trx, {
            purpose: 'password_reset',
            dedupeKey: `reset:${sha256(token)}`,
            userId: u.id,
            to: u.email!,
            template: { name: 'password_reset', path: `/reset/${token}`, minutes: RESET_MINUTES },
            at: now,
          })
        }
      })
      mailWritten(db)
    },

    /** Whether a reset link still works (the page asks before showing its form). */
    async resetTokenValid(token: string): Promise<boolean> {
      return (await findLiveToken(db, sha256(token), 'password_reset', clock.now())) !== undefined
    },

    /** Sets the new password once per link, and ends every session of the account. */
    async confirmPasswordReset(token: string, password: string): Promise<void> {
      const now = clock.now()
      const found = await findLiveToken(db, sha256(token), 'password_reset', now)
      if (!found) throw badLink('reset')
      const hash = await hashPassword(password, deps.config.passwordHashCost)
      await transaction(db, async (trx) => {
        if (!(await useToken(trx, found.id, now))) throw badLink('reset')
        await setPasswordHash(trx, found.user_id, hash)
        await deleteUserSessions(trx, found.user_id)
        // The link reached the address: it is the member's.
        if (found.email) await markEmailVerified(trx, found.user_id, found.email, now)
      })
    },

    /** Confirms an address from a link: the account's address, a new one (change), or a moderator's alert address. */
    async confirmEmail(token: string): Promise<{ purpose: (typeof EMAIL_PURPOSES)[number] }> {
      const now = clock.now()
      const hash = sha256(token)
      let found
      for (const p of EMAIL_PURPOSES) if ((found = await findLiveToken(db, hash, p, now))) break
      if (!found || !found.email) throw badLink('confirmation')
      const t = found
      let notice = false
      await transaction(db, async (trx) => {
        if (!(await useToken(trx, t.id, now))) throw badLink('confirmation')
        if (t.purpose === 'verify_alert_email') {
          if (!(await verifyAlertEmail(trx, t.user_id, t.email!, now))) throw badLink('confirmation')
        } else if (t.purpose === 'change_email') {
          const user = await findUserMail(trx, t.user_id)
          await setUserEmail(trx, t.user_id, t.email, now)
          // The old address hears of it, so a stolen session cannot quietly take the account.
          if (user?.email && user.email.toLowerCase() !== t.email!.toLowerCase()) {
            await queueEmail(trx, {
              purpose: 'email_changed',
              dedupeKey: `email-changed:${t.id}`,
              userId: t.user_id,
              to: user.email,
              template: { name: 'email_changed' },
              at: now,
            })
            notice = true
          }
        } else if (!(await markEmailVerified(trx, t.user_id, t.email!, now))) {
          throw badLink('confirmation')
        }
      })
      if (notice) mailWritten(db)
      return { purpose: t.purpose as (typeof EMAIL_PURPOSES)[number] }
    },

    async emailStatus(ctx: Ctx) {
      const actor = requireActor(ctx.actor)
      const u = await findUserMail(db, actor.id)
      return { email: u?.email ?? null, verified: !!u?.email && u.email_verified_at !== null, preferences: parseEmailPrefs(u?.email_prefs) }
    },

    /** Sends a confirmation link to the account's current address. */
    async requestVerification(ctx: Ctx): Promise<void> {
      const actor = requireActor(ctx.actor)
      const u = await findUserMail(db, actor.id)
      if (!u?.email) throw new AppError(400, 'no_email', 'Add an e-mail address first.')
      if (u.email_verified_at !== null) return
      const email = u.email
      await transaction(db, (trx) => queueVerification(trx, actor.id, email, 'verify_email', clock.now()))
      mailWritten(db)
    },

    /** Current password required; every other session ends; a notice goes to a verified address. */
    async changePassword(ctx: Ctx, sessionId: string | undefined, input: { currentPassword: string; newPassword: string }): Promise<{ endedSessions: number }> {
      const actor = requireActor(ctx.actor)
      const u = await findUserMail(db, actor.id)
      if (!u || !(await verifyPassword(input.currentPassword, u.password_hash))) {
        throw new AppError(400, 'wrong_password', 'Your current password is not right. Check it and try again.', { currentPassword: 'is not right' })
      }
      const hash = await hashPassword(input.newPassword, deps.config.passwordHashCost)
      const now = clock.now()
      let ended = 0
      await transaction(db, async (trx) => {
        await setPasswordHash(trx, actor.id, hash)
        ended = await deleteUserSessions(trx, actor.id, sessionId)
        await retireTokens(trx, actor.id, ['password_reset'], now)
        if (u.email && u.email_verified_at !== null) {
          await queueEmail(trx, {
            purpose: 'password_changed',
            dedupeKey: `password-changed:${actor.id}:${now}`,
            userId: actor.id,
            to: u.email,
            template: { name: 'password_changed' },
            at: now,
          })
        }
      })
      mailWritten(db)
      return { endedSessions: ended }
    },

    /**
     * A new address takes effect when confirmed from it; the old one is told then. With no address
     * yet, the new one is set at once (unverified) and a confirmation sent.
     */
    async changeEmail(ctx: Ctx, input: { email: string; currentPassword: string }): Promise<{ pending: boolean }> {
      const actor = requireActor(ctx.actor)
      const u = await findUserMail(db, actor.id)
      if (!u || !(await verifyPassword(input.currentPassword, u.password_hash))) {
        throw new AppError(400, 'wrong_password', 'Your current password is not right. Check it and try again.', { currentPassword: 'is not right' })
      }
      const now = clock.now()
      const email = input.email.trim()
      const pending = !!u.email
      await transaction(db, async (trx) => {
        if (!u.email) {
          await setUserEmail(trx, actor.id, email, null)
          await queueVerification(trx, actor.id, email, 'verify_email', now)
        } else {
          await queueVerification(trx, actor.id, email, 'change_email', now)
        }
      })
      mailWritten(db)
      return { pending }
    },

    async getPreferences(ctx: Ctx): Promise<EmailPrefs> {
      const actor = requireActor(ctx.actor)
      return parseEmailPrefs((await findUserMail(db, actor.id))?.email_prefs)
    },

    async setPreferences(ctx: Ctx, input: EmailPrefs): Promise<EmailPrefs> {
      const actor = requireActor(ctx.actor)
      const prefs = emailPrefsSchema.parse(input)
      await setEmailPrefs(db, actor.id, JSON.stringify(prefs))
      return prefs
    },

    /** One click, no sign-in: the token names the member and what they stop. Repeating it is harmless. */
    async unsubscribe(token: string): Promise<{ topic: MailTopic }> {
      const now = clock.now()
      const found = await findLiveToken(db, sha256(token), 'unsubscribe', now)
      if (!found || !found.data) throw badLink('unsubscribe')
      const topic = found.data as MailTopic
      await transaction(db, async (trx) => {
        if (topic === 'alerts') return setOffDuty(trx, found.user_id, now)
        const prefs = parseEmailPrefs((await findUserMail(trx, found.user_id))?.email_prefs)
        if (topic === 'replies') prefs.replies = false
        if (topic === 'check_ins') prefs.checkIns = false
        if (topic === 'digest') prefs.digest = 'off'
        await setEmailPrefs(trx, found.user_id, JSON.stringify(prefs))
      })
      return { topic }
    },

    /** Whether an unsubscribe link is known (the page asks before showing its button). */
    async unsubscribeTopic(token: string): Promise<MailTopic | undefined> {
      return (await findLiveToken(db, sha256(token), 'unsubscribe', clock.now()))?.data as MailTopic | undefined
    },

    /**
     * The digest: once per day or week per member who chose it, when they have unread
     * notifications from that period. The dedupe key names the period, so a sweep run twice (or
     * by two servers) writes one.
     */
    async sendDigests(): Promise<number> {
      const now = clock.now()
      let written = 0
      for (const period of ['daily', 'weekly'] as const) {
        const span = period === 'daily' ? 86_400_000 : 7 * 86_400_000
        for (const m of await listDigestMembers(db, period)) {
          // The member's own day or week (their time zone), so a summary covers their day, not UTC's.
          const key = digestPeriodKey(period, now, m.time_zone)
          const count = await countUnreadSince(db, m.id, now - span)
          if (count === 0) continue
          const prefs = parseEmailPrefs(m.email_prefs)
          const id = await transaction(db, (trx) =>
            queueEmail(trx, {
              purpose: 'digest',
              dedupeKey: `digest:${period}:${m.id}:${key}`,
              userId: m.id,
              to: m.email!,
              template: { name: 'digest', path: '/notifications', count, period },
              unsubscribe: 'digest',
              at: now,
              notBefore: notBefore(prefs, now),
            }),
          )
          if (id !== undefined) written++
        }
      }
      if (written > 0) mailWritten(db)
      return written
    },
  }
}

export type AccountMailService = ReturnType<typeof createAccountMailService>

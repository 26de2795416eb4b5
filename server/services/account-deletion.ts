import { verifyPassword } from '../auth/password.ts'
import { transaction } from '../db/connection.ts'
import { findUserMail } from '../db/account-mail.ts'
import { anonymiseUser, deleteMemberships, deletePersonalRows, findErasureOf, insertErasure, invalidateAllPages } from '../db/account-deletion.ts'
import { insertAudit } from '../db/moderation.ts'
import { findUserById } from '../db/users.ts'
import { erasureWritten } from '../erasure/relay.ts'
import { AppError } from '../errors.ts'
import { requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'

export type DeletionMode = 'erase' | 'keep'

/**
 * Deleting an account. What identifies the person goes in the request's one transaction, every
 * statement by user id: the handle (readers see "a former member" from then on, on every page and
 * in the API, because every page reads the handle from the account row), e-mail, password,
 * sessions, preferences, notifications, memberships and staff roles. Audit entries keep the
 * account's id, which now names nobody. Reports and check-ins about the member stay for
 * moderators. Erasing the text of their posts ("erase") is queued in account_erasure and done in
 * the background in batches (server/erasure/relay.ts); with "keep" the posts stay, signed "a
 * former member".
 */
export function createAccountDeletionService(deps: ServiceDeps) {
  const { db, clock, logger } = deps
  return {
    async deleteAccount(ctx: Ctx, input: { password: string; mode: DeletionMode }): Promise<{ mode: DeletionMode }> {
      const actor = requireActor(ctx.actor)
      const u = await findUserMail(db, actor.id)
      if (!u || !(await verifyPassword(input.password, u.password_hash))) {
        throw new AppError(400, 'wrong_password', 'That password is not right. Your account was not deleted.', { password: 'is not right' })
      }
      const user = await findUserById(db, actor.id)
      if (!user || user.deleted_at !== null) throw new AppError(409, 'already_deleted', 'This account was already deleted.')
      const now = clock.now()
      await transaction(db, async (trx) => {
        await insertErasure(trx, { userId: actor.id, mode: input.mode, oldHandle: user.handle, at: now })
        await anonymiseUser(trx, actor.id, now)
        await deletePersonalRows(trx, actor.id, now)
        await deleteMemberships(trx, actor.id)
        await invalidateAllPages(trx)
        await insertAudit(trx, {
          community_id: null,
          actor_id: actor.id,
          action: 'delete_account',
          target_type: 'user',
          target_id: actor.id,
          after: { mode: input.mode },
          created_at: now,
        })
      })
      erasureWritten(db)
      logger.info({ userId: actor.id, mode: input.mode, requestId: ctx.requestId }, 'account deleted')
      return { mode: input.mode }
    },

    /** Whether the background part of a deletion has finished (for operators and tests). */
    async erasureStatus(userId: number) {
      const e = await findErasureOf(db, userId)
      return e ? { phase: e.phase, done: e.done_at !== null } : undefined
    },
  }
}

export type AccountDeletionService = ReturnType<typeof createAccountDeletionService>

import { hashPassword } from '../auth/password.ts'
import { AppError } from '../errors.ts'
import { findCommunityBySlug, findMembership, setMembershipRole, upsertMembership } from '../db/communities.ts'
import { insertAudit } from '../db/moderation.ts'
import { findUserByHandleKey, insertUser, setAdmin } from '../db/users.ts'
import { handleKey } from './auth.ts'
import { handleSkeleton } from './handles.ts'
import type { Role } from './authz.ts'
import type { ServiceDeps } from './context.ts'

/**
 * What an operator does from the command line, outside any session: creating the first accounts
 * and appointing staff. These go through here rather than straight to the tables so that each
 * leaves an audit entry (no actor: the entry's reason says it came from the command line).
 */
export function createSiteAdminService(deps: ServiceDeps) {
  const { db, clock } = deps
  const FROM_CLI = 'from the command line'

  return {
    /** `email`: the operator's word that the address is the person's, so it counts as confirmed (alerts reach it). */
    async createAccount(input: { handle: string; password: string; admin: boolean; email?: string }) {
      const key = handleKey(input.handle)
      if (await findUserByHandleKey(db, key))
        throw new AppError(409, 'handle_taken', `The handle "${input.handle}" is already in use.`, { handle: 'already in use' })
      const passwordHash = await hashPassword(input.password, deps.config.passwordHashCost)
      const now = clock.now()
      const user = await db.transaction().execute(async (trx) => {
        const user = await insertUser(trx, {
          handle: input.handle,
          handle_key: key,
          handle_skeleton: handleSkeleton(input.handle),
          password_hash: passwordHash,
          email: input.email ?? null,
          email_verified_at: input.email ? now : null,
          created_at: now,
          suspended_until: null,
        })
        if (input.admin) await setAdmin(trx, user.id, true)
        await insertAudit(trx, {
          community_id: null,
          actor_id: null,
          action: 'create_account',
          target_type: 'user',
          target_id: user.id,
          reason: FROM_CLI,
          after: { admin: input.admin },
          created_at: now,
        })
        return user
      })
      return { id: user.id, handle: user.handle, isAdmin: input.admin }
    },

    async grantRole(input: { handle: string; community: string; role: Role }) {
      const user = await findUserByHandleKey(db, handleKey(input.handle))
      if (!user) throw new AppError(404, 'not_found', `No member has the handle "${input.handle}".`)
      const community = await findCommunityBySlug(db, input.community)
      if (!community) throw new AppError(404, 'not_found', `No community has the slug "${input.community}".`)
      const now = clock.now()
      await db.transaction().execute(async (trx) => {
        // Appointing someone makes them a member; they still accept new guidelines versions themselves.
        const before = await findMembership(trx, community.id, user.id)
        if (!before) await upsertMembership(trx, community.id, user.id, community.guidelines_version, now)
        await setMembershipRole(trx, community.id, user.id, input.role)
        await insertAudit(trx, {
          community_id: community.id,
          actor_id: null,
          action: input.role === 'member' ? 'remove_role' : 'appoint',
          target_type: 'user',
          target_id: user.id,
          reason: FROM_CLI,
          before: { role: before?.role ?? null },
          after: { role: input.role },
          created_at: now,
        })
      })
      return { handle: user.handle, community: community.slug, role: input.role }
    },
  }
}

export type SiteAdminService = ReturnType<typeof createSiteAdminService>

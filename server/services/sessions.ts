import { sha256 } from '../auth/tokens.ts'
import { deleteUserSessions } from '../db/account-mail.ts'
import { deleteSessionOf, listUserSessions, setIdleTimeout } from '../db/sessions.ts'
import { setProfileVisibility } from '../db/profiles.ts'
import { findUserById } from '../db/users.ts'
import type { ProfileVisibility } from '../db/schema.ts'
import { notFound } from '../errors.ts'
import { iso } from '../time.ts'
import { requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'

export { PROFILE_VISIBILITIES, type ProfileVisibility } from '../db/schema.ts'

/** The idle timeouts a member can choose, in minutes (null: only the session's own lifetime). */
export const IDLE_TIMEOUTS = [15, 60, 480, 1440, 10080] as const

export interface SessionView {
  /** Names the session without giving away its key (the key is the hash of the cookie's token). */
  id: string
  device: string
  createdAt: string
  lastUsedAt: string
  current: boolean
}

const publicId = (sessionId: string) => sha256(sessionId).slice(0, 24)

/** A member's signed-in devices and account settings: the idle timeout and who sees their profile. */
export function createSessionService(deps: ServiceDeps) {
  const { db, clock } = deps
  return {
    /** `currentSessionId` is the key of the session asking (sha256 of its cookie token). */
    async list(ctx: Ctx, currentSessionId: string | undefined): Promise<SessionView[]> {
      const actor = requireActor(ctx.actor)
      const rows = await listUserSessions(db, actor.id, clock.now())
      return rows.map((s) => ({
        id: publicId(s.id),
        device: s.device ?? 'Unknown browser',
        createdAt: iso(s.created_at),
        lastUsedAt: iso(s.last_used_at ?? s.created_at),
        current: s.id === currentSessionId,
      }))
    },

    /** Ends one of the member's sessions; says whether it was the one asking (its cookie should go too). */
    async signOut(ctx: Ctx, currentSessionId: string | undefined, id: string): Promise<{ current: boolean }> {
      const actor = requireActor(ctx.actor)
      const match = (await listUserSessions(db, actor.id, clock.now())).find((s) => publicId(s.id) === id)
      if (!match || (await deleteSessionOf(db, actor.id, match.id)) === 0) throw notFound('That session')
      return { current: match.id === currentSessionId }
    },

    async signOutOthers(ctx: Ctx, currentSessionId: string | undefined): Promise<{ ended: number }> {
      const actor = requireActor(ctx.actor)
      return { ended: await deleteUserSessions(db, actor.id, currentSessionId) }
    },

    async settings(ctx: Ctx): Promise<{ idleTimeoutMinutes: number | null; profileVisibility: ProfileVisibility }> {
      const actor = requireActor(ctx.actor)
      const u = await findUserById(db, actor.id)
      if (!u) throw notFound('That account')
      return { idleTimeoutMinutes: u.idle_timeout_minutes, profileVisibility: u.profile_visibility }
    },

    async updateSettings(ctx: Ctx, input: { idleTimeoutMinutes?: number | null; profileVisibility?: ProfileVisibility }) {
      const actor = requireActor(ctx.actor)
      if (input.idleTimeoutMinutes !== undefined) await setIdleTimeout(db, actor.id, input.idleTimeoutMinutes)
      if (input.profileVisibility !== undefined) await setProfileVisibility(db, actor.id, input.profileVisibility)
      return this.settings(ctx)
    },
  }
}

export type SessionService = ReturnType<typeof createSessionService>

import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password.ts'
import { transaction } from '../db/connection.ts'
import { mailWritten } from '../mail/outbox.ts'
import { queueVerification } from '../mail/verification.ts'
import { randomToken, sha256 } from '../auth/tokens.ts'
import { AppError } from '../errors.ts'
import { deleteSession, findSessionWithUser, insertSession, touchSession } from '../db/sessions.ts'
import { findUserByHandleKey, findUserBySkeleton, insertUser } from '../db/users.ts'
import type { UserRow } from '../db/schema.ts'
import type { Actor, ServiceDeps } from './context.ts'
import { handleSkeleton, isReservedHandle } from './handles.ts'
import { iso } from '../time.ts'
import { deviceLabel } from './devices.ts'

/** A session's last use is written at most this often, so a busy member costs one write a minute, not one a request. */
export const SESSION_TOUCH_MS = 60_000

export const handleKey = (handle: string) => handle.toLowerCase()

export interface PublicUser {
  id: number
  handle: string
  isAdmin: boolean
  createdAt: string
}

export const userToJson = (u: { id: number; handle: string; is_admin: number; created_at: number }): PublicUser => ({
  id: u.id,
  handle: u.handle,
  isAdmin: u.is_admin === 1,
  createdAt: iso(u.created_at),
})

export interface SessionResult {
  user: PublicUser
  token: string
  csrfToken: string
}

export function createAuthService(deps: ServiceDeps) {
  const { db, clock, config } = deps

  async function startSession(user: UserRow, userAgent?: string): Promise<SessionResult> {
    const token = randomToken()
    const csrfToken = randomToken()
    const now = clock.now()
    await insertSession(db, {
      id: sha256(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: now + config.sessionTtlMs,
      last_used_at: now,
      device: deviceLabel(userAgent),
    })
    return { user: userToJson(user), token, csrfToken }
  }

  return {
    async register(input: { handle: string; password: string; email?: string }, userAgent?: string): Promise<SessionResult> {
      const key = handleKey(input.handle)
      // Members must be able to trust that a name that reads as staff, as the site, or as a removed
      // account is not a member's: staff are marked on their posts by role, never by name.
      if (isReservedHandle(input.handle)) {
        throw new AppError(400, 'handle_reserved', 'That handle could be taken for the site, its staff or a removed account. Choose another one.', {
          handle: 'is kept for the site and its staff',
        })
      }
      const skeleton = handleSkeleton(input.handle)
      const taken = () => new AppError(409, 'handle_taken', 'That handle is already in use. Try another one.', { handle: 'already in use' })
      const lookAlike = () =>
        new AppError(409, 'handle_look_alike', "That handle looks too much like another member's. Try another one.", {
          handle: "looks too much like another member's",
        })
      if (await findUserByHandleKey(db, key)) throw taken()
      if (await findUserBySkeleton(db, skeleton)) throw lookAlike()
      const passwordHash = await hashPassword(input.password, config.passwordHashCost)
      let user: UserRow
      try {
        // Checked again with the insert: another registration may have taken a look-alike while
        // the password was hashed. One transaction, so nothing comes between the check and the row.
        user = await db.transaction().execute(async (trx) => {
          if (await findUserBySkeleton(trx, skeleton)) throw lookAlike()
          return insertUser(trx, {
            handle: input.handle,
            handle_key: key,
            handle_skeleton: skeleton,
            password_hash: passwordHash,
            email: input.email ?? null,
            created_at: clock.now(),
            suspended_until: null,
          })
        })
      } catch (err) {
        // Two registrations racing for one handle: the unique index decides.
        if (String((err as Error).message).includes('UNIQUE')) throw taken()
        throw err
      }
      // The address given "for recovering your account" is confirmed by a link mailed to it.
      if (user.email) {
        const email = user.email
        await transaction(db, (trx) => queueVerification(trx, user.id, email, 'verify_email', clock.now()))
        mailWritten(db)
      }
      return startSession(user, userAgent)
    },

    async login(input: { handle: string; password: string }, userAgent?: string): Promise<SessionResult> {
      const user = await findUserByHandleKey(db, handleKey(input.handle))
      const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash(config.passwordHashCost)))
      if (!user || !ok) throw new AppError(401, 'invalid_credentials', 'That handle and password do not match. Check them and try again.')
      return startSession(user, userAgent)
    },

    async logout(token: string): Promise<void> {
      await deleteSession(db, sha256(token))
    },

    /** The signed-in member for a session cookie, or undefined. */
    async resolveSession(token: string): Promise<{ actor: Actor; csrfToken: string } | undefined> {
      const now = clock.now()
      const id = sha256(token)
      const row = await findSessionWithUser(db, id, now)
      if (!row) return undefined
      // The member's idle timeout: a session unused for longer ends here, whatever its lifetime.
      const lastUsed = row.last_used_at ?? row.expires_at - config.sessionTtlMs
      if (row.idle_timeout_minutes !== null && now - lastUsed > row.idle_timeout_minutes * 60_000) {
        await deleteSession(db, id)
        return undefined
      }
      if (now - lastUsed >= SESSION_TOUCH_MS) await touchSession(db, id, now)
      // Decided once per request, so every check in it agrees. A suspended admin keeps reading as a
      // member does but holds no admin power until the suspension ends.
      const suspended = row.suspended_until !== null && row.suspended_until > now
      return {
        csrfToken: row.csrf_token,
        actor: {
          id: row.id,
          handle: row.handle,
          isAdmin: row.is_admin === 1 && !suspended,
          suspendedUntil: row.suspended_until,
          suspended,
          createdAt: row.created_at,
          postCount: row.post_count,
          readingPrefs: row.reading_prefs,
          timeZone: row.time_zone,
        },
      }
    },
  }
}

export type AuthService = ReturnType<typeof createAuthService>

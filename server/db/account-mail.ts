import { sql } from 'kysely'
import type { Executor } from './schema.ts'
import { jsonText } from './dialect.ts'

/** Accounts with this address (addresses are not unique: one person may keep two accounts). */
export function findUsersByEmail(db: Executor, email: string) {
  return db
    .selectFrom('user')
    .select(['id', 'email'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('email', 'is not', null)
    .execute()
}

export function findUserMail(db: Executor, userId: number) {
  return db.selectFrom('user').select(['id', 'email', 'email_verified_at', 'email_prefs', 'password_hash']).where('id', '=', userId).executeTakeFirst()
}

export async function setPasswordHash(db: Executor, userId: number, hash: string) {
  await db.updateTable('user').set({ password_hash: hash }).where('id', '=', userId).execute()
}

/** Ends the member's sessions, all of them or all but one (the one changing the password). */
export async function deleteUserSessions(db: Executor, userId: number, exceptSessionId?: string) {
  let q = db.deleteFrom('session').where('user_id', '=', userId)
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId)
  const res = await q.executeTakeFirst()
  return Number(res.numDeletedRows)
}

export async function setUserEmail(db: Executor, userId: number, email: string | null, verifiedAt: number | null) {
  await db.updateTable('user').set({ email, email_verified_at: verifiedAt }).where('id', '=', userId).execute()
}

/** Marks the address verified, only if it is still the account's address. */
export async function markEmailVerified(db: Executor, userId: number, email: string, at: number): Promise<boolean> {
  const res = await db
    .updateTable('user')
    .set({ email_verified_at: at })
    .where('id', '=', userId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
  return res.numUpdatedRows > 0n
}

export async function setEmailPrefs(db: Executor, userId: number, prefs: string) {
  await db.updateTable('user').set({ email_prefs: prefs }).where('id', '=', userId).execute()
}

/** Members who chose a digest of this period, with a verified address. */
export function listDigestMembers(db: Executor, period: 'daily' | 'weekly') {
  return db
    .selectFrom('user')
    .select(['id', 'email', 'email_prefs', 'time_zone'])
    .where('email', 'is not', null)
    .where('email_verified_at', 'is not', null)
    .where(jsonText(db, sql`email_prefs`, '$.digest'), '=', period)
    .execute()
}

export async function countUnreadSince(db: Executor, userId: number, since: number) {
  const r = await db
    .selectFrom('notification')
    .select(sql<number>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** What e-mail the given members chose, with their address (verified or not: the caller decides). */
export function listMailTargets(db: Executor, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([])
  return db.selectFrom('user').select(['id', 'email', 'email_verified_at', 'email_prefs']).where('id', 'in', userIds).execute()
}

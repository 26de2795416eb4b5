import type { Executor, Role } from './schema.ts'
import { notSuspendedAt } from './users.ts'

export function findDuty(db: Executor, userId: number) {
  return db.selectFrom('duty').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

export async function upsertDuty(
  db: Executor,
  row: { user_id: number; on_duty: number; alert_email: string | null; alert_email_verified_at: number | null; rota: string | null; updated_at: number },
) {
  await db
    .insertInto('duty')
    .values(row)
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        on_duty: row.on_duty,
        alert_email: row.alert_email,
        alert_email_verified_at: row.alert_email_verified_at,
        rota: row.rota,
        updated_at: row.updated_at,
      }),
    )
    .execute()
}

export async function setOffDuty(db: Executor, userId: number, at: number) {
  await db.updateTable('duty').set({ on_duty: 0, updated_at: at }).where('user_id', '=', userId).execute()
}

/** Marks the alert address verified, only if it is still the one the token was made for. */
export async function verifyAlertEmail(db: Executor, userId: number, email: string, at: number): Promise<boolean> {
  const res = await db
    .updateTable('duty')
    .set({ alert_email_verified_at: at })
    .where('user_id', '=', userId)
    .where('alert_email', '=', email)
    .executeTakeFirst()
  return res.numUpdatedRows > 0n
}

/** Whether the user holds a moderator or lead role anywhere. */
export async function holdsStaffRole(db: Executor, userId: number): Promise<boolean> {
  const r = await db
    .selectFrom('membership')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('role', 'in', ['moderator', 'lead'])
    .limit(1)
    .executeTakeFirst()
  return r !== undefined
}

/**
 * Where an alert can reach each of these people, and whether they are on duty: the verified alert
 * address, or else the verified account address. Suspended accounts are left out.
 */
export function listAlertContacts(db: Executor, userIds: number[], now: number) {
  if (userIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('user')
    .leftJoin('duty', 'duty.user_id', 'user.id')
    .select(['user.id as user_id', 'user.email', 'user.email_verified_at', 'duty.on_duty', 'duty.rota', 'duty.alert_email', 'duty.alert_email_verified_at'])
    .where('user.id', 'in', userIds)
    .where(notSuspendedAt(now))
    .execute()
}

/** The community's moderators and leads, with their role; suspended accounts left out. */
export function listStaffForAlerts(db: Executor, communityId: number, roles: Role[], now: number) {
  return db
    .selectFrom('membership')
    .innerJoin('user', 'user.id', 'membership.user_id')
    .select(['membership.user_id', 'membership.role'])
    .where('membership.community_id', '=', communityId)
    .where('membership.role', 'in', roles)
    .where(notSuspendedAt(now))
    .execute()
}

export async function listActiveAdmins(db: Executor, now: number) {
  const rows = await db.selectFrom('user').select('id').where('is_admin', '=', 1).where(notSuspendedAt(now)).execute()
  return rows.map((r) => r.id)
}

/** First run: whether any admin exists, and the communities with nobody to moderate them. */
export async function staffingGaps(db: Executor) {
  const admin = await db.selectFrom('user').select('id').where('is_admin', '=', 1).limit(1).executeTakeFirst()
  const unstaffed = await db
    .selectFrom('community')
    .select('slug')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('membership')
            .select('user_id')
            .whereRef('membership.community_id', '=', 'community.id')
            .where('membership.role', 'in', ['moderator', 'lead']),
        ),
      ),
    )
    .orderBy('slug')
    .execute()
  return { hasAdmin: admin !== undefined, unstaffed: unstaffed.map((c) => c.slug) }
}

import { sql } from 'kysely'
import { prepared } from './connection.ts'
import type { Executor, NewUserRow } from './schema.ts'

export function findUserById(db: Executor, id: number) {
  return db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findUserByHandleKey(db: Executor, handleKey: string) {
  return db.selectFrom('user').selectAll().where('handle_key', '=', handleKey).executeTakeFirst()
}

/** Any account whose handle looks like this one (the same skeleton): user_handle_skeleton_idx. */
export function findUserBySkeleton(db: Executor, skeleton: string) {
  return db.selectFrom('user').select(['id', 'handle']).where('handle_skeleton', '=', skeleton).executeTakeFirst()
}

export async function insertUser(db: Executor, row: NewUserRow) {
  return db.insertInto('user').values(row).returningAll().executeTakeFirstOrThrow()
}

const INCREMENT_POST_COUNT = prepared((db, p: { id: number }) =>
  db
    .updateTable('user')
    .set((eb) => ({ post_count: eb('post_count', '+', 1) }))
    .where('id', '=', p.id),
)

export async function incrementPostCount(db: Executor, userId: number) {
  await INCREMENT_POST_COUNT.run(db, { id: userId })
}

export async function setAdmin(db: Executor, userId: number, isAdmin: boolean) {
  await db
    .updateTable('user')
    .set({ is_admin: isAdmin ? 1 : 0 })
    .where('id', '=', userId)
    .execute()
}

export async function setReadingPrefs(db: Executor, userId: number, prefs: string) {
  await db.updateTable('user').set({ reading_prefs: prefs }).where('id', '=', userId).execute()
}

/** Accounts not suspended at `now`, in a query over `user`: a suspended account holds no staff power. */
export const notSuspendedAt = (now: number) => sql<boolean>`(${sql.ref('user.suspended_until')} is null or ${sql.ref('user.suspended_until')} <= ${now})`

export async function setSuspendedUntil(db: Executor, userId: number, until: number | null) {
  await db.updateTable('user').set({ suspended_until: until }).where('id', '=', userId).execute()
}

export async function setTimeZone(db: Executor, userId: number, zone: string | null) {
  await db.updateTable('user').set({ time_zone: zone }).where('id', '=', userId).execute()
}

import type { Executor } from './schema.ts'

export async function insertNotifications(db: Executor, rows: { user_id: number; kind: string; data: string; created_at: number }[]) {
  if (rows.length === 0) return
  await db.insertInto('notification').values(rows).execute()
}

export function listNotificationsPage(db: Executor, userId: number, limit: number, beforeId?: number) {
  let q = db.selectFrom('notification').selectAll().where('user_id', '=', userId)
  if (beforeId !== undefined) q = q.where('id', '<', beforeId)
  return q.orderBy('id', 'desc').limit(limit + 1).execute()
}

export async function countUnread(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function markRead(db: Executor, userId: number, ids: number[] | undefined, at: number) {
  let q = db.updateTable('notification').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null)
  if (ids) {
    if (ids.length === 0) return 0
    q = q.where('id', 'in', ids)
  }
  const res = await q.executeTakeFirst()
  return Number(res.numUpdatedRows)
}

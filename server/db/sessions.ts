import type { Executor, SessionRow } from './schema.ts'

export async function insertSession(db: Executor, row: SessionRow) {
  await db.insertInto('session').values(row).execute()
}

export function findSessionWithUser(db: Executor, id: string, now: number) {
  return db
    .selectFrom('session')
    .innerJoin('user', 'user.id', 'session.user_id')
    .select([
      'session.id as session_id', 'session.csrf_token', 'session.expires_at',
      'user.id', 'user.handle', 'user.is_admin', 'user.suspended_until', 'user.created_at', 'user.post_count', 'user.reading_prefs',
    ])
    .where('session.id', '=', id)
    .where('session.expires_at', '>', now)
    .executeTakeFirst()
}

export async function deleteSession(db: Executor, id: string) {
  await db.deleteFrom('session').where('id', '=', id).execute()
}

export async function deleteExpiredSessions(db: Executor, now: number) {
  await db.deleteFrom('session').where('expires_at', '<=', now).execute()
}

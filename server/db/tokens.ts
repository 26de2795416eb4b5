import type { Executor } from './schema.ts'

export async function insertUserToken(
  db: Executor,
  row: { user_id: number; purpose: string; token_hash: string; email?: string | null; data?: string | null; created_at: number; expires_at: number | null },
) {
  await db
    .insertInto('user_token')
    .values({ email: null, data: null, ...row })
    .execute()
}

/** A live token of the given purpose: unused and not expired. */
export function findLiveToken(db: Executor, tokenHash: string, purpose: string, now: number) {
  return db
    .selectFrom('user_token')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst()
}

/** Single use: true only for the one caller that used it (two confirms racing, one wins). */
export async function useToken(db: Executor, id: number, now: number): Promise<boolean> {
  const res = await db.updateTable('user_token').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst()
  return res.numUpdatedRows > 0n
}

/** Ends the other live tokens of a purpose (a new reset link retires the old ones). */
export async function retireTokens(db: Executor, userId: number, purposes: string[], now: number) {
  await db.updateTable('user_token').set({ used_at: now }).where('user_id', '=', userId).where('purpose', 'in', purposes).where('used_at', 'is', null).execute()
}

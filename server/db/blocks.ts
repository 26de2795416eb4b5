import { sql } from 'kysely'
import type { Executor } from './schema.ts'
import { jsonValues } from './dialect.ts'

// Blocks between members (migration 0017): the blocker's side only; the blocked member is never told.

export async function insertBlock(db: Executor, blockerId: number, blockedId: number, at: number) {
  await db
    .insertInto('member_block')
    .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: at })
    .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
    .execute()
}

export async function deleteBlock(db: Executor, blockerId: number, blockedId: number) {
  await db.deleteFrom('member_block').where('blocker_id', '=', blockerId).where('blocked_id', '=', blockedId).execute()
}

/** The members this one blocked, with their handles, newest first (a member blocks a few; bounded anyway). */
export function listBlocked(db: Executor, blockerId: number, limit: number) {
  return db
    .selectFrom('member_block')
    .innerJoin('user', 'user.id', 'member_block.blocked_id')
    .select(['user.id', 'user.handle', 'member_block.created_at'])
    .where('member_block.blocker_id', '=', blockerId)
    .orderBy('member_block.created_at', 'desc')
    .limit(limit)
    .execute()
}

/** Which of these members `blockerId` blocked (their posts fold for them: search results, thread pages). */
export async function blockedAmong(db: Executor, blockerId: number, candidateIds: number[]): Promise<Set<number>> {
  if (candidateIds.length === 0) return new Set()
  const { rows } = await sql<{ blocked_id: number }>`select blocked_id from member_block
    where blocker_id = ${blockerId} and blocked_id in ${jsonValues(db, JSON.stringify(candidateIds))}`.execute(db)
  return new Set(rows.map((r) => r.blocked_id))
}

/** Which of these members blocked `blockedId` (to leave them out of what `blockedId` causes). */
export async function blockersAmong(db: Executor, blockedId: number, candidateIds: number[]): Promise<Set<number>> {
  if (candidateIds.length === 0) return new Set()
  const { rows } = await sql<{ blocker_id: number }>`select blocker_id from member_block
    where blocked_id = ${blockedId} and blocker_id in ${jsonValues(db, JSON.stringify(candidateIds))}`.execute(db)
  return new Set(rows.map((r) => r.blocker_id))
}

/** Members named by handle key who blocked `blockedId` (a post mentioning them is refused). */
export async function blockersByHandleKey(db: Executor, blockedId: number, handleKeys: string[]) {
  if (handleKeys.length === 0) return []
  const { rows } = await sql<{ handle: string }>`select u.handle from "user" u
    join member_block b on b.blocker_id = u.id and b.blocked_id = ${blockedId}
    where u.handle_key in ${jsonValues(db, JSON.stringify(handleKeys), 'text')}`.execute(db)
  return rows.map((r) => r.handle)
}

import { sql } from 'kysely'
import type { WatchLevel } from './schema-reading.ts'
import type { Executor } from './schema.ts'
import { jsonIdTable, jsonValues } from './dialect.ts'

// Followed and muted threads, muted communities (migration 0017).

export async function setThreadWatch(db: Executor, userId: number, threadId: number, level: WatchLevel | null, at: number) {
  if (level === null) {
    await db.deleteFrom('thread_watch').where('user_id', '=', userId).where('thread_id', '=', threadId).execute()
    return
  }
  await db
    .insertInto('thread_watch')
    .values({ user_id: userId, thread_id: threadId, level, updated_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'thread_id']).doUpdateSet({ level, updated_at: at }))
    .execute()
}

export async function findThreadWatch(db: Executor, userId: number, threadId: number): Promise<WatchLevel | null> {
  const row = await db.selectFrom('thread_watch').select('level').where('user_id', '=', userId).where('thread_id', '=', threadId).executeTakeFirst()
  return row?.level ?? null
}

export async function setCommunityMute(db: Executor, userId: number, communityId: number, muted: boolean, at: number) {
  if (!muted) {
    await db.deleteFrom('community_mute').where('user_id', '=', userId).where('community_id', '=', communityId).execute()
    return
  }
  await db
    .insertInto('community_mute')
    .values({ user_id: userId, community_id: communityId, created_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'community_id']).doNothing())
    .execute()
}

export async function isCommunityMuted(db: Executor, userId: number, communityId: number) {
  const row = await db.selectFrom('community_mute').select('user_id').where('user_id', '=', userId).where('community_id', '=', communityId).executeTakeFirst()
  return row !== undefined
}

/**
 * Of these members, those who will not hear of a reply in this thread: they muted the thread or
 * its community. One statement, by primary key per candidate.
 */
export async function quietAmong(db: Executor, threadId: number, communityId: number, candidateIds: number[]): Promise<Set<number>> {
  if (candidateIds.length === 0) return new Set()
  const ids = JSON.stringify(candidateIds)
  const { rows } = await sql<{ user_id: number }>`select value as user_id from ${jsonIdTable(db, ids, 'c')}
    where exists (select 1 from thread_watch w where w.user_id = c.value and w.thread_id = ${threadId} and w.level = 'mute')
       or exists (select 1 from community_mute m where m.user_id = c.value and m.community_id = ${communityId})`.execute(db)
  return new Set(rows.map((r) => Number(r.user_id)))
}

/**
 * One notification for each follower of a thread, in one statement: not the replier, not those
 * already told (`exceptIds`), not anyone who blocked the replier or muted the community, and in a
 * members-only community only its members.
 */
export async function notifyFollowers(
  db: Executor,
  p: { threadId: number; communityId: number; replierId: number; exceptIds: number[]; membersOnly: boolean; kind: string; data: string; at: number },
) {
  const res = await sql`insert into notification (user_id, kind, data, created_at)
    select w.user_id, ${p.kind}, ${p.data}, ${p.at} from thread_watch w
    where w.thread_id = ${p.threadId} and w.level = 'follow' and w.user_id != ${p.replierId}
      and w.user_id not in ${jsonValues(db, JSON.stringify(p.exceptIds))}
      and not exists (select 1 from member_block b where b.blocker_id = w.user_id and b.blocked_id = ${p.replierId})
      and not exists (select 1 from community_mute m where m.user_id = w.user_id and m.community_id = ${p.communityId})
      and (${p.membersOnly ? sql`false` : sql`true`}
        or exists (select 1 from membership ms where ms.community_id = ${p.communityId} and ms.user_id = w.user_id))`.execute(db)
  return Number(res.numAffectedRows ?? 0n)
}

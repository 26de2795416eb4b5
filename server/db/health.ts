import { sql } from 'kysely'
import type { Executor } from './schema.ts'

export function unansweredThreads(db: Executor, communityId: number, limit: number) {
  return db
    .selectFrom('thread')
    .select(['id', 'title', 'created_at'])
    .where('community_id', '=', communityId)
    .where('reply_count', '=', 0)
    .where('status', '=', 'visible')
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .execute()
}

export async function countUnanswered(db: Executor, communityId: number) {
  const r = await db.selectFrom('thread').select((eb) => eb.fn.countAll<number>().as('n')).where('community_id', '=', communityId).where('reply_count', '=', 0).where('status', '=', 'visible').executeTakeFirstOrThrow()
  return Number(r.n)
}

/** Threads started since `since`, with the time of their first reply by someone other than the author. */
export async function threadsWithFirstReply(db: Executor, communityId: number, since: number) {
  const rows = await sql<{ id: number; created_at: number; first_reply_at: number | null }>`
    select t.id, t.created_at,
      (select min(p.created_at) from post p where p.thread_id = t.id and p.author_id != t.author_id and p.status != 'deleted') as first_reply_at
    from thread t
    where t.community_id = ${communityId} and t.created_at >= ${since} and t.status != 'deleted'`.execute(db)
  return rows.rows
}

export async function reviewItemsSince(db: Executor, communityId: number, since: number) {
  const rows = await sql<{ id: number; reason: string; priority: number; created_at: number; resolved_at: number | null; first_claim_at: number | null }>`
    select r.id, r.reason, r.priority, r.created_at, r.resolved_at,
      (select min(a.created_at) from audit_log a where a.target_type = 'review_item' and a.target_id = r.id and a.action = 'claim') as first_claim_at
    from review_item r
    where r.community_id = ${communityId} and (r.created_at >= ${since} or r.resolved_at >= ${since})`.execute(db)
  return rows.rows
}

export function membershipsJoinedSince(db: Executor, communityId: number, since: number) {
  return db.selectFrom('membership').select('joined_at').where('community_id', '=', communityId).where('joined_at', '>=', since).execute()
}

/** For each author who posted since `since`: the weeks' posts and their first post ever in the community. */
export async function postersSince(db: Executor, communityId: number, since: number) {
  const rows = await sql<{ author_id: number; created_at: number; first_ever: number }>`
    select p.author_id, p.created_at,
      (select min(q.created_at) from post q where q.community_id = ${communityId} and q.author_id = p.author_id) as first_ever
    from post p
    where p.community_id = ${communityId} and p.created_at >= ${since}`.execute(db)
  return rows.rows
}

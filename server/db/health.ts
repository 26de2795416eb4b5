import { sql } from 'kysely'
import type { Executor } from './schema.ts'

/**
 * A visible thread nobody but its author has answered where others can see it: the author's own
 * bumps and replies held for review do not count (reply_count counts the author's own).
 */
const unanswered = sql<boolean>`not exists (select 1 from post p where p.thread_id = t.id and p.author_id != t.author_id and p.status = 'visible')`

export async function unansweredThreads(db: Executor, communityId: number, limit: number) {
  const { rows } = await sql<{ id: number; title: string; created_at: number }>`select t.id, t.title, t.created_at from thread t
    where t.community_id = ${communityId} and t.status = 'visible' and ${unanswered}
    order by t.created_at asc, t.id asc limit ${limit}`.execute(db)
  return rows
}

export async function countUnanswered(db: Executor, communityId: number) {
  const { rows } = await sql<{
    n: number
  }>`select count(*) as n from thread t where t.community_id = ${communityId} and t.status = 'visible' and ${unanswered}`.execute(db)
  return Number(rows[0]!.n)
}

/** Threads started since `since`, with the time of their first reply by someone other than the author that readers can see. */
export async function threadsWithFirstReply(db: Executor, communityId: number, since: number) {
  const rows = await sql<{ id: number; created_at: number; first_reply_at: number | null }>`
    select t.id, t.created_at,
      (select min(p.created_at) from post p where p.thread_id = t.id and p.author_id != t.author_id and p.status = 'visible') as first_reply_at
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

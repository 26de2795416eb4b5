import { sql } from 'kysely'
import { indexedBy } from './dialect.ts'
import type { Executor } from './schema.ts'

// The lead's connection measures (issue #20): whether new members are answered and whether they
// come back. Read per new member of one community (membership_community_joined_idx), with each
// member's posts found through post_author_idx and the replies through post_thread_idx. A new
// member has few posts; without INDEXED BY the planner may walk the whole community's posts per member.

/** Members who joined since `since`, with their first post in the community and the first reply to it by someone else that readers can see. */
export async function newMembersFirstPost(db: Executor, communityId: number, since: number) {
  const { rows } = await sql<{ user_id: number; joined_at: number; post_at: number | null; replied_at: number | null }>`
    select m.user_id, m.joined_at, f.created_at as post_at,
      (select min(r.created_at) from post r
        where r.thread_id = f.thread_id and r.id > f.id and r.author_id != f.author_id and r.status = 'visible') as replied_at
    from membership m
    left join post f on f.id = (select min(q.id) from post q ${indexedBy(db, 'post_author_idx')}
      where q.author_id = m.user_id and q.community_id = m.community_id and q.status != 'deleted')
    where m.community_id = ${communityId} and m.joined_at >= ${since}`.execute(db)
  return rows
}

/** Members who joined since `since`, with the time of their latest post in the community. */
export async function newMembersLastPost(db: Executor, communityId: number, since: number) {
  const { rows } = await sql<{ user_id: number; joined_at: number; last_post_at: number | null }>`
    select m.user_id, m.joined_at,
      (select max(q.created_at) from post q ${indexedBy(db, 'post_author_idx')}
        where q.author_id = m.user_id and q.community_id = m.community_id and q.status != 'deleted') as last_post_at
    from membership m
    where m.community_id = ${communityId} and m.joined_at >= ${since}`.execute(db)
  return rows
}

/**
 * "This helped me" marks (migration 0017) on the community's posts since `since`, per mark time;
 * the week bucketing happens in the service.
 */
export async function helpfulMarksSince(db: Executor, communityId: number, since: number): Promise<{ created_at: number }[]> {
  const { rows } = await sql<{ created_at: number }>`
    select h.created_at from helpful_mark h join post p on p.id = h.post_id
    where p.community_id = ${communityId} and h.created_at >= ${since}`.execute(db)
  return rows
}

import type { Executor, ProfileVisibility } from './schema.ts'

export async function setProfileVisibility(db: Executor, userId: number, visibility: ProfileVisibility) {
  await db.updateTable('user').set({ profile_visibility: visibility }).where('id', '=', userId).execute()
}

export function findProfileUser(db: Executor, handleKey: string) {
  return db
    .selectFrom('user')
    .select(['id', 'handle', 'created_at', 'is_admin', 'suspended_until', 'profile_visibility', 'deleted_at'])
    .where('handle_key', '=', handleKey)
    .executeTakeFirst()
}

/** The communities a member belongs to, with their role (membership_user_idx). */
export function profileMemberships(db: Executor, userId: number) {
  return db
    .selectFrom('membership')
    .innerJoin('community', 'community.id', 'membership.community_id')
    .selectAll('community')
    .select(['membership.role', 'membership.joined_at'])
    .where('membership.user_id', '=', userId)
    .orderBy('community.id')
    .execute()
}

/**
 * A member's latest posts that every reader of these communities sees: visible, in a thread that
 * is shown (post_author_idx, newest first; the filters are on the rows it walks).
 */
export function recentVisiblePosts(db: Executor, userId: number, communityIds: number[], limit: number) {
  if (communityIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('post')
    .innerJoin('thread', 'thread.id', 'post.thread_id')
    .innerJoin('community', 'community.id', 'post.community_id')
    .select(['post.id', 'post.thread_id', 'post.created_at', 'thread.title', 'community.slug', 'community.name'])
    .where('post.author_id', '=', userId)
    .where('post.community_id', 'in', communityIds)
    .where('post.status', '=', 'visible')
    .where('thread.status', '=', 'visible')
    .orderBy('post.id', 'desc')
    .limit(limit)
    .execute()
}

export async function setCommunityIndexable(db: Executor, communityId: number, indexable: boolean) {
  await db
    .updateTable('community')
    .set({ indexable: indexable ? 1 : 0 })
    .where('id', '=', communityId)
    .execute()
}

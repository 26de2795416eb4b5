import type { Executor } from './schema.ts'

// The data export reads each kind of row in keyset pages over an index that starts with the
// member's id, so a member with any number of posts costs one page in memory at a time.

export function exportAccount(db: Executor, userId: number) {
  return db
    .selectFrom('user')
    .select([
      'id',
      'handle',
      'email',
      'email_verified_at',
      'is_admin',
      'suspended_until',
      'post_count',
      'reading_prefs',
      'email_prefs',
      'idle_timeout_minutes',
      'profile_visibility',
      'time_zone',
      'created_at',
    ])
    .where('id', '=', userId)
    .executeTakeFirst()
}

/** Memberships with their community (membership_user_idx). */
export function exportMemberships(db: Executor, userId: number) {
  return db
    .selectFrom('membership')
    .innerJoin('community', 'community.id', 'membership.community_id')
    .select([
      'community.slug',
      'community.name',
      'membership.role',
      'membership.accepted_guidelines_version',
      'membership.silenced_until',
      'membership.joined_at',
    ])
    .where('membership.user_id', '=', userId)
    .orderBy('community.id')
    .execute()
}

/** A page of the member's posts after `afterId` (post_author_idx), with their community and, for a thread they started, its title. */
export function exportPostsPage(db: Executor, userId: number, afterId: number, limit: number) {
  return db
    .selectFrom('post')
    .innerJoin('thread', 'thread.id', 'post.thread_id')
    .innerJoin('community', 'community.id', 'post.community_id')
    .select([
      'post.id',
      'post.thread_id',
      'post.reply_to_id',
      'post.body',
      'post.revision',
      'post.author_warnings',
      'post.content_warnings',
      'post.status',
      'post.created_at',
      'post.edited_at',
      'post.deleted_at',
      'community.slug as community',
      'thread.first_post_id',
      'thread.title',
    ])
    .where('post.author_id', '=', userId)
    .where('post.id', '>', afterId)
    .orderBy('post.id')
    .limit(limit)
    .execute()
}

/** Every revision of a page of posts: one query per page (post_revision's primary key). */
export function exportRevisions(db: Executor, postIds: number[]) {
  if (postIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('post_revision')
    .select(['post_id', 'revision', 'body', 'created_at'])
    .where('post_id', 'in', postIds)
    .orderBy('post_id')
    .orderBy('revision')
    .execute()
}

/** Reports the member made (report_reporter_idx); never reports others made about them. */
export function exportReportsPage(db: Executor, userId: number, afterId: number, limit: number) {
  return db
    .selectFrom('report')
    .select(['id', 'post_id', 'reason', 'rule_id', 'note', 'snapshot_body', 'outcome', 'created_at'])
    .where('reporter_id', '=', userId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** Check-in conversations with the member (check_in_member_idx): a moderator's name only where they signed. */
export function exportCheckInsPage(db: Executor, userId: number, afterId: number, limit: number) {
  return db
    .selectFrom('check_in_message')
    .innerJoin('community', 'community.id', 'check_in_message.community_id')
    .innerJoin('user as sender', 'sender.id', 'check_in_message.sender_id')
    .select([
      'check_in_message.id',
      'check_in_message.item_id',
      'community.slug as community',
      'check_in_message.from_moderator',
      'check_in_message.signed',
      'sender.handle as sender_handle',
      'check_in_message.body',
      'check_in_message.created_at',
    ])
    .where('check_in_message.member_id', '=', userId)
    .where('check_in_message.id', '>', afterId)
    .orderBy('check_in_message.id')
    .limit(limit)
    .execute()
}

/** The member's notifications, newest first (notification_user_idx). */
export function exportNotificationsPage(db: Executor, userId: number, beforeId: number | undefined, limit: number) {
  let q = db.selectFrom('notification').select(['id', 'kind', 'data', 'created_at', 'read_at']).where('user_id', '=', userId)
  if (beforeId !== undefined) q = q.where('id', '<', beforeId)
  return q.orderBy('id', 'desc').limit(limit).execute()
}

/** The member's signed-in sessions: when, and which kind of browser (session_user_idx). */
export function exportSessions(db: Executor, userId: number) {
  return db.selectFrom('session').select(['created_at', 'last_used_at', 'expires_at', 'device']).where('user_id', '=', userId).orderBy('created_at').execute()
}

/** The member's own wellbeing check-ins (issue #20): in their export alone, never anyone else's. */
export async function exportWellbeing(db: Executor, userId: number) {
  const [enrolment, answers] = await Promise.all([
    db
      .selectFrom('outcome_enrolment')
      .innerJoin('community', 'community.id', 'outcome_enrolment.community_id')
      .select(['community.slug', 'interval_days', 'paused', 'remind_by_email', 'consented_at', 'next_due_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst(),
    // One every two weeks at most: a lifetime of them is a few hundred rows.
    db
      .selectFrom('outcome_check_in')
      .innerJoin('community', 'community.id', 'outcome_check_in.community_id')
      .select(['community.slug', 'outcome_check_in.created_at', 'wellbeing', 'loneliness', 'hope'])
      .where('user_id', '=', userId)
      .orderBy('outcome_check_in.created_at')
      .limit(10_000)
      .execute(),
  ])
  return { enrolment, answers }
}

/** What the member chose about others and threads: blocks, follows and mutes, "this helped me" marks. */
export async function exportChoices(db: Executor, userId: number) {
  const [blocked, watches, mutes, helpful] = await Promise.all([
    db
      .selectFrom('member_block')
      .innerJoin('user', 'user.id', 'member_block.blocked_id')
      .select(['user.handle', 'member_block.created_at'])
      .where('blocker_id', '=', userId)
      .limit(10_000)
      .execute(),
    db.selectFrom('thread_watch').select(['thread_id', 'level', 'updated_at']).where('user_id', '=', userId).limit(10_000).execute(),
    db
      .selectFrom('community_mute')
      .innerJoin('community', 'community.id', 'community_mute.community_id')
      .select(['community.slug', 'community_mute.created_at'])
      .where('user_id', '=', userId)
      .execute(),
    db.selectFrom('helpful_mark').select(['post_id', 'created_at']).where('user_id', '=', userId).limit(10_000).execute(),
  ])
  return { blocked, watches, mutes, helpful }
}

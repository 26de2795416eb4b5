import { sql } from 'kysely'
import type { Executor } from './schema.ts'

/**
 * Outbox rows due for sending: never sent, or sent longer ago than the scan timeout and not done.
 * Two index range reads on the partial index outbox_pending_idx (sent_at, id) WHERE done_at IS
 * NULL, merged: written as one `sent_at IS NULL OR sent_at < ?` filter, SQLite scanned the whole
 * outbox (a million rows at a million posts) on every relay pass, i.e. after every post. The
 * redundant `sent_at IS NOT NULL` steers the planner to the index instead of an id-ordered scan.
 */
export async function listDueOutboxRows(db: Executor, sentBefore: number, limit: number) {
  const { rows } = await sql<{ id: number; post_id: number; revision: number; attempts: number; sent_at: number | null }>`
    select * from (
      select id, post_id, revision, attempts, sent_at from outbox
      where done_at is null and sent_at is null order by id limit ${limit}
    )
    union all
    select * from (
      select id, post_id, revision, attempts, sent_at from outbox
      where done_at is null and sent_at is not null and sent_at < ${sentBefore} order by id limit ${limit}
    )
    order by id limit ${limit}`.execute(db)
  return rows
}

export async function markOutboxSent(db: Executor, ids: number[], at: number) {
  if (ids.length === 0) return
  await db.updateTable('outbox').set((eb) => ({ sent_at: at, attempts: eb('attempts', '+', 1) })).where('id', 'in', ids).execute()
}

export async function markOutboxDone(db: Executor, postId: number, revision: number, at: number) {
  await db.updateTable('outbox').set({ done_at: at }).where('post_id', '=', postId).where('revision', '=', revision).execute()
}

/** Everything a scan needs for these (post, revision) pairs, in one query. */
export function loadScanSources(db: Executor, outboxIds: number[]) {
  if (outboxIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('outbox')
    .innerJoin('post', 'post.id', 'outbox.post_id')
    .innerJoin('post_revision', (j) => j.onRef('post_revision.post_id', '=', 'outbox.post_id').onRef('post_revision.revision', '=', 'outbox.revision'))
    .innerJoin('user', 'user.id', 'post.author_id')
    .innerJoin('community', 'community.id', 'post.community_id')
    .select([
      'outbox.id as outbox_id', 'outbox.attempts', 'outbox.revision', 'post.id as post_id', 'post.author_id', 'post.community_id',
      'post_revision.body', 'user.created_at as author_created_at', 'user.post_count', 'community.settings', 'community.slug',
    ])
    .where('outbox.id', 'in', outboxIds)
    .execute()
}

/**
 * The last few posts of each author (excluding the given posts), for repeated-text spam signals.
 * One short walk down post_author_idx per author, newest first, stopping after `perAuthor` rows:
 * a window function over all of an author's posts read every post a prolific member ever wrote.
 */
export async function recentTextsByAuthor(db: Executor, authorIds: number[], excludePostIds: number[], perAuthor: number) {
  const out = new Map<number, string[]>()
  const exclude = excludePostIds.length ? excludePostIds : [-1]
  for (const authorId of authorIds) {
    const rows = await db
      .selectFrom('post')
      .select('body')
      .where('author_id', '=', authorId)
      .where('id', 'not in', exclude)
      .where('status', '!=', 'deleted')
      .orderBy('id', 'desc')
      .limit(perAuthor)
      .execute()
    if (rows.length > 0) out.set(authorId, rows.map((r) => r.body))
  }
  return out
}

export async function insertAppliedVerdict(db: Executor, row: { post_id: number; revision: number; crisis: string; verdict: string; applied_at: number }) {
  const res = await db
    .insertInto('applied_verdict')
    .values(row)
    .onConflict((oc) => oc.columns(['post_id', 'revision']).doNothing())
    .executeTakeFirst()
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0
}

export function listCommunityStaff(db: Executor, communityId: number) {
  return db
    .selectFrom('membership')
    .select(['user_id', 'role'])
    .where('community_id', '=', communityId)
    .where('role', 'in', ['moderator', 'lead'])
    .execute()
}

export function listAdmins(db: Executor) {
  return db.selectFrom('user').select('id').where('is_admin', '=', 1).execute()
}

export async function setCrisisPrompt(db: Executor, userId: number, communityId: number, postId: number, at: number) {
  await db
    .insertInto('crisis_prompt')
    .values({ user_id: userId, community_id: communityId, post_id: postId, created_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ community_id: communityId, post_id: postId, created_at: at }))
    .execute()
}

/** Reads and clears the pending crisis prompt: it is shown once, on the next page. */
export async function takeCrisisPrompt(db: Executor, userId: number) {
  const row = await db.deleteFrom('crisis_prompt').where('user_id', '=', userId).returningAll().executeTakeFirst()
  return row
}

export function peekCrisisPrompt(db: Executor, userId: number) {
  return db.selectFrom('crisis_prompt').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

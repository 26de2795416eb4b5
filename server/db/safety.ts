import { sql } from 'kysely'
import type { Executor } from './schema.ts'

/** Outbox rows due for sending: never sent, or sent longer ago than the scan timeout and not done. */
export function listDueOutboxRows(db: Executor, sentBefore: number, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'post_id', 'revision', 'attempts', 'sent_at'])
    .where('done_at', 'is', null)
    .where((eb) => eb.or([eb('sent_at', 'is', null), eb('sent_at', '<', sentBefore)]))
    .orderBy('id')
    .limit(limit)
    .execute()
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

/** The last few posts of each author (excluding the given posts), for repeated-text spam signals. */
export async function recentTextsByAuthor(db: Executor, authorIds: number[], excludePostIds: number[], perAuthor: number) {
  if (authorIds.length === 0) return new Map<number, string[]>()
  const rows = await sql<{ author_id: number; body: string }>`
    select author_id, body from (
      select author_id, body, row_number() over (partition by author_id order by id desc) as rn
      from post
      where author_id in (${sql.join(authorIds)}) and id not in (${sql.join(excludePostIds.length ? excludePostIds : [-1])}) and status != 'deleted'
    ) where rn <= ${perAuthor}`.execute(db)
  const out = new Map<number, string[]>()
  for (const r of rows.rows) {
    const list = out.get(r.author_id) ?? []
    list.push(r.body)
    out.set(r.author_id, list)
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

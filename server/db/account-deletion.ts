import { sql, type RawBuilder } from 'kysely'
import { isPostgres } from './dialect.ts'
import type { Executor } from './schema.ts'

/** What every reader sees in place of a deleted account's handle. */
export const FORMER_MEMBER = 'a former member'

/**
 * The account row stays (posts kept under "a former member", reports and check-ins keep their
 * ids) but holds nothing of the person: the handle becomes the shared placeholder, the handle key
 * and skeleton a per-id value no registration can type (spaces are refused), the password a value
 * no hash matches, the address and preferences gone. Every query by user id.
 */
export async function anonymiseUser(db: Executor, userId: number, at: number) {
  const key = `former member ${userId}`
  await db
    .updateTable('user')
    .set({
      handle: FORMER_MEMBER,
      handle_key: key,
      handle_skeleton: key,
      password_hash: 'deleted',
      email: null,
      email_verified_at: null,
      is_admin: 0,
      reading_prefs: '{}',
      email_prefs: '{}',
      idle_timeout_minutes: null,
      profile_visibility: 'nobody',
      time_zone: null,
      deleted_at: at,
    })
    .where('id', '=', userId)
    .execute()
}

/** Everything held for the member alone: sessions, notifications, tokens, duty, waiting crisis lines. */
export async function deletePersonalRows(db: Executor, userId: number, at: number) {
  await db.deleteFrom('session').where('user_id', '=', userId).execute()
  await db.deleteFrom('notification').where('user_id', '=', userId).execute()
  await db.deleteFrom('user_token').where('user_id', '=', userId).execute()
  await db.deleteFrom('duty').where('user_id', '=', userId).execute()
  await db.deleteFrom('crisis_prompt').where('user_id', '=', userId).execute()
  // Wellbeing answers are the member's alone: they go (the per-quarter summaries follow by trigger).
  await db.deleteFrom('outcome_check_in').where('user_id', '=', userId).execute()
  await db.deleteFrom('outcome_enrolment').where('user_id', '=', userId).execute()
  await db.deleteFrom('debrief_request').where('moderator_id', '=', userId).execute()
  // What they chose about others and threads (migration 0017), both sides of a block.
  await db.deleteFrom('thread_read').where('user_id', '=', userId).execute()
  await db.deleteFrom('helpful_mark').where('user_id', '=', userId).execute()
  await db.deleteFrom('thread_watch').where('user_id', '=', userId).execute()
  await db.deleteFrom('community_mute').where('user_id', '=', userId).execute()
  await db
    .deleteFrom('member_block')
    .where((eb) => eb.or([eb('blocker_id', '=', userId), eb('blocked_id', '=', userId)]))
    .execute()
  // Mail rows keep their ids (the alert history counts them) but lose the address and contents;
  // one not yet sent is settled unsent (mail_outbox_user_idx).
  await db
    .updateTable('mail_outbox')
    .set({
      to_address: null,
      payload: null,
      sent_at: sql<number>`coalesce(sent_at, ${at})`,
      last_error: sql<string>`coalesce(last_error, 'skipped: account deleted')`,
    })
    .where('user_id', '=', userId)
    .execute()
}

/** Leaves every community (member counts follow; badges go with the roles, moving roles_version). */
export async function deleteMemberships(db: Executor, userId: number) {
  await db
    .updateTable('community')
    .set((eb) => ({ member_count: eb('member_count', '-', 1) }))
    .where('id', 'in', (eb) => eb.selectFrom('membership').select('community_id').where('user_id', '=', userId))
    .execute()
  await db.deleteFrom('membership').where('user_id', '=', userId).execute()
}

/**
 * Cached thread pages carry their authors' handles and are keyed on their community's
 * roles_version (page-cache.ts): moving it on every community drops them all at once, so no page
 * built before the deletion is served with the old handle. Communities are few; this is one
 * statement, not one per thread.
 */
export async function invalidateAllPages(db: Executor) {
  await db
    .updateTable('community')
    .set((eb) => ({ roles_version: eb('roles_version', '+', 1) }))
    .execute()
}

export async function insertErasure(db: Executor, row: { userId: number; mode: 'erase' | 'keep'; oldHandle: string; at: number }) {
  await db
    .insertInto('account_erasure')
    .values({ user_id: row.userId, mode: row.mode, old_handle: row.oldHandle, phase: row.mode === 'erase' ? 'posts' : 'notifications', created_at: row.at })
    .execute()
}

/** The oldest erasure not finished (account_erasure_pending_idx). */
export function nextPendingErasure(db: Executor) {
  return db.selectFrom('account_erasure').selectAll().where('done_at', 'is', null).orderBy('id').limit(1).executeTakeFirst()
}

export function findErasureOf(db: Executor, userId: number) {
  return db.selectFrom('account_erasure').select(['phase', 'done_at']).where('user_id', '=', userId).executeTakeFirst()
}

/**
 * One batch of a member's posts after `afterId` (post_author_idx): text and every revision
 * emptied, the post marked deleted (a placeholder stays, so the thread still reads), and a thread
 * it opened deleted with its title. Returns the last post id done, or undefined when none were left.
 */
export async function erasePostBatch(db: Executor, userId: number, afterId: number, limit: number, at: number) {
  const ids = (await db.selectFrom('post').select('id').where('author_id', '=', userId).where('id', '>', afterId).orderBy('id').limit(limit).execute()).map(
    (r) => r.id,
  )
  if (ids.length === 0) return undefined
  // An already deleted post gets its text emptied too; migration 0012's trigger only refuses a
  // change *out of* deleted, and this never makes one.
  await db
    .updateTable('post')
    .set({ body: '', html: '', status: 'deleted', deleted_at: sql<number>`coalesce(deleted_at, ${at})`, author_warnings: '[]' })
    .where('id', 'in', ids)
    .execute()
  await db.updateTable('post_revision').set({ body: '', html: '' }).where('post_id', 'in', ids).execute()
  await db.updateTable('thread').set({ title: '', status: 'deleted' }).where('author_id', '=', userId).where('first_post_id', 'in', ids).execute()
  return { lastId: ids.at(-1)!, count: ids.length }
}

/**
 * Others' notifications that carry the old handle as a value: a reply's `fromHandle`, a signed
 * check-in's `from`, a signed moderator's "<handle> removed your post" message. A range of
 * notification ids per call (the primary key), so no call scans the whole table.
 */
export async function scrubNotificationRange(db: Executor, oldHandle: string, fromId: number, toId: number) {
  const range = sql`id > ${fromId} and id <= ${toId}`
  if (isPostgres(db)) {
    // The same three updates on PostgreSQL's jsonb (the stored text is re-serialised by it).
    const set = (key: string, value: RawBuilder<unknown>) => sql`data = jsonb_set(data::jsonb, ${`{${key}}`}, to_jsonb(${value}::text))::text`
    await sql`update notification set ${set('fromHandle', sql`${FORMER_MEMBER}`)} where ${range} and data::jsonb ->> 'fromHandle' = ${oldHandle}`.execute(db)
    await sql`update notification set ${set('from', sql`'A moderator'`)} where ${range} and data::jsonb ->> 'from' = ${oldHandle}`.execute(db)
    await sql`update notification set ${set('message', sql`'A moderator' || substr(data::jsonb ->> 'message', ${oldHandle.length + 1})`)}
      where ${range} and substr(data::jsonb ->> 'message', 1, ${oldHandle.length + 1}) = ${oldHandle + ' '}`.execute(db)
    return
  }
  await sql`update notification set data = json_set(data, '$.fromHandle', ${FORMER_MEMBER})
    where ${range} and json_extract(data, '$.fromHandle') = ${oldHandle}`.execute(db)
  await sql`update notification set data = json_set(data, '$.from', 'A moderator')
    where ${range} and json_extract(data, '$.from') = ${oldHandle}`.execute(db)
  await sql`update notification set data = json_set(data, '$.message', 'A moderator' || substr(json_extract(data, '$.message'), ${oldHandle.length + 1}))
    where ${range} and substr(json_extract(data, '$.message'), 1, ${oldHandle.length + 1}) = ${oldHandle + ' '}`.execute(db)
}

export async function maxNotificationId(db: Executor) {
  const r = await db
    .selectFrom('notification')
    .select(sql<number | null>`max(id)`.as('m'))
    .executeTakeFirstOrThrow()
  return r.m ?? 0
}

export async function setErasureProgress(db: Executor, id: number, p: { phase: 'posts' | 'notifications' | 'done'; cursor: number; at?: number }) {
  await db
    .updateTable('account_erasure')
    .set({ phase: p.phase, cursor: p.cursor, ...(p.phase === 'done' ? { done_at: p.at ?? null, old_handle: null } : {}) })
    .where('id', '=', id)
    .execute()
}

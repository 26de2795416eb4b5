import { sql, type Insertable, type Kysely } from 'kysely'
import { prepared } from './connection.ts'
import { isPostgres, jsonValues } from './dialect.ts'
import type { DB, Executor, PostStatus, SafetyFeedbackTable } from './schema.ts'
import { notSuspendedAt } from './users.ts'

const NEVER_SENT = prepared((db, p: { limit: number }) =>
  db
    .selectFrom('outbox')
    .select(['id', 'post_id', 'revision', 'attempts', 'sent_at'])
    .where('done_at', 'is', null)
    .where('sent_at', 'is', null)
    .orderBy('id')
    .limit(p.limit),
)
// The redundant `sent_at is not null` steers the planner to the partial index rather than an id-ordered scan of the whole outbox.
const TIMED_OUT = prepared((db, p: { sentBefore: number; limit: number }) =>
  db
    .selectFrom('outbox')
    .select(['id', 'post_id', 'revision', 'attempts', 'sent_at'])
    .where('done_at', 'is', null)
    .where('sent_at', 'is not', null)
    .where('sent_at', '<', p.sentBefore)
    .orderBy('id')
    .limit(p.limit),
)

/**
 * Outbox rows due for sending, oldest first: never sent, or sent longer ago than the scan timeout
 * and not done. Two range reads on the partial index outbox_pending_idx (sent_at, id) WHERE
 * done_at IS NULL, merged here: as one `sent_at IS NULL OR sent_at < ?` filter SQLite scanned the
 * whole outbox on every relay pass, and as a UNION ALL it built three temporary b-trees (130 µs
 * on an empty index, after every post).
 */
export async function listDueOutboxRows(db: Executor, sentBefore: number, limit: number) {
  const fresh = await NEVER_SENT.all(db, { limit })
  const late = await TIMED_OUT.all(db, { sentBefore, limit })
  if (late.length === 0) return fresh
  return [...fresh, ...late].sort((a, b) => a.id - b.id).slice(0, limit)
}

const MARK_SENT = prepared((db, p: { ids: string; at: number }) =>
  db
    .updateTable('outbox')
    .set((eb) => ({ sent_at: p.at, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', jsonValues(db, p.ids)),
)

export async function markOutboxSent(db: Executor, ids: number[], at: number) {
  if (ids.length === 0) return
  await MARK_SENT.run(db, { ids: JSON.stringify(ids), at })
}

const MARK_DONE = prepared((db, p: { postId: number; revision: number; at: number; sends: number }) =>
  db
    .updateTable('outbox')
    .set((eb) => ({ done_at: p.at, sent_at: eb.fn.coalesce('sent_at', sql<number>`${p.at}`), attempts: eb('attempts', '+', p.sends) }))
    .where('post_id', '=', p.postId)
    .where('revision', '=', p.revision),
)

/** The verdict is in. `recordSend`: the embedded pipeline sent it in process, and this records that send as the relay would have. */
export async function markOutboxDone(db: Executor, postId: number, revision: number, at: number, recordSend = false) {
  await MARK_DONE.run(db, { postId, revision, at, sends: recordSend ? 1 : 0 })
}

/**
 * What the detectors read of a post: a thread's first post is its title, a blank line, then the
 * body, since the title is the first thing a reader sees and a crisis can be written there alone
 * ("Goodbye" over "thank you all"). A reply is its body. Every revision of a first post carries
 * the title. Joined on thread.id and first_post_id both, so a reply finds no thread row here.
 */
export const scanText = (db: Executor, body: 'post.body' | 'post_revision.body') => {
  // A newline: char() on SQLite, chr() on PostgreSQL (where char(10) is a type).
  const nl = isPostgres(db) ? sql`chr(10)` : sql`char(10)`
  return sql<string>`case when ${sql.ref('thread.id')} is null then ${sql.ref(body)} else ${sql.ref('thread.title')} || ${nl} || ${nl} || ${sql.ref(body)} end`
}

const scanSources = (db: Kysely<DB>) =>
  db
    .selectFrom('outbox')
    .innerJoin('post', 'post.id', 'outbox.post_id')
    .innerJoin('post_revision', (j) => j.onRef('post_revision.post_id', '=', 'outbox.post_id').onRef('post_revision.revision', '=', 'outbox.revision'))
    .leftJoin('thread', (j) => j.onRef('thread.id', '=', 'post.thread_id').onRef('thread.first_post_id', '=', 'post.id'))
    .innerJoin('user', 'user.id', 'post.author_id')
    .innerJoin('community', 'community.id', 'post.community_id')
    .select([
      'outbox.id as outbox_id',
      'outbox.attempts',
      'outbox.revision',
      'post.id as post_id',
      'post.author_id',
      'post.community_id',
      scanText(db, 'post_revision.body').as('text'),
      'user.created_at as author_created_at',
      'user.post_count',
      'community.settings',
      'community.slug',
    ])

const SCAN_SOURCES = prepared((db, p: { outboxIds: string }) => scanSources(db).where('outbox.id', 'in', jsonValues(db, p.outboxIds)))

const FRESH_SCAN_SOURCES = prepared((db, p: { postIds: string }) =>
  scanSources(db).where('outbox.post_id', 'in', jsonValues(db, p.postIds)).where('outbox.sent_at', 'is', null).where('outbox.done_at', 'is', null),
)

export type ScanSource = Awaited<ReturnType<typeof SCAN_SOURCES.first>> & {}

/** Everything a scan needs for these (post, revision) pairs, in one query. */
export async function loadScanSources(db: Executor, outboxIds: number[]) {
  if (outboxIds.length === 0) return []
  return SCAN_SOURCES.all(db, { outboxIds: JSON.stringify(outboxIds) })
}

/** The same for the never-sent outbox rows of these just-written posts. */
export async function loadFreshScanSources(db: Executor, postIds: number[]) {
  if (postIds.length === 0) return []
  return FRESH_SCAN_SOURCES.all(db, { postIds: JSON.stringify(postIds) })
}

const RECENT_TEXTS = prepared((db, p: { authorId: number; exclude: string; limit: number }) =>
  db
    .selectFrom('post')
    .leftJoin('thread', (j) => j.onRef('thread.id', '=', 'post.thread_id').onRef('thread.first_post_id', '=', 'post.id'))
    .select(scanText(db, 'post.body').as('text'))
    .where('post.author_id', '=', p.authorId)
    .where('post.id', 'not in', jsonValues(db, p.exclude))
    .where('post.status', '!=', 'deleted')
    .orderBy('post.id', 'desc')
    .limit(p.limit),
)

/**
 * The last few posts of each author (excluding the given posts), for repeated-text spam signals.
 * Read as scans read them (a thread's title with its first post), so the same thread posted twice
 * compares like with like. One short walk down post_author_idx per author, newest first, stopping
 * after `perAuthor` rows: a window function over all of an author's posts read every post a
 * prolific member ever wrote.
 */
export async function recentTextsByAuthor(db: Executor, authorIds: number[], excludePostIds: number[], perAuthor: number) {
  const out = new Map<number, string[]>()
  const exclude = JSON.stringify(excludePostIds)
  for (const authorId of authorIds) {
    const rows = await RECENT_TEXTS.all(db, { authorId, exclude, limit: perAuthor })
    if (rows.length > 0)
      out.set(
        authorId,
        rows.map((r) => r.text),
      )
  }
  return out
}

type NewAppliedVerdict = { post_id: number; revision: number; crisis: string; verdict: string; applied_at: number }

const INSERT_APPLIED_VERDICT = prepared((db, p: NewAppliedVerdict) =>
  db
    .insertInto('applied_verdict')
    .values({ post_id: p.post_id, revision: p.revision, crisis: p.crisis, verdict: p.verdict, applied_at: p.applied_at })
    .onConflict((oc) => oc.columns(['post_id', 'revision']).doNothing()),
)

/** Records the verdict of a (post, revision); false when one was already applied. */
export async function insertAppliedVerdict(db: Executor, row: NewAppliedVerdict) {
  return (await INSERT_APPLIED_VERDICT.run(db, row)) > 0
}

/** The community's moderators and leads who can act now: a suspended one holds no staff power, so gets no alerts. */
export function listCommunityStaff(db: Executor, communityId: number, now: number) {
  return db
    .selectFrom('membership')
    .innerJoin('user', 'user.id', 'membership.user_id')
    .select(['membership.user_id', 'membership.role'])
    .where('membership.community_id', '=', communityId)
    .where('membership.role', 'in', ['moderator', 'lead'])
    .where(notSuspendedAt(now))
    .execute()
}

export function listAdmins(db: Executor) {
  return db.selectFrom('user').select('id').where('is_admin', '=', 1).execute()
}

const SET_CRISIS_PROMPT = prepared((db, p: { user_id: number; community_id: number; post_id: number; created_at: number }) =>
  db
    .insertInto('crisis_prompt')
    .values({ user_id: p.user_id, community_id: p.community_id, post_id: p.post_id, created_at: p.created_at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ community_id: p.community_id, post_id: p.post_id, created_at: p.created_at })),
)

export async function setCrisisPrompt(db: Executor, userId: number, communityId: number, postId: number, at: number) {
  await SET_CRISIS_PROMPT.run(db, { user_id: userId, community_id: communityId, post_id: postId, created_at: at })
}

/** Reads and clears the pending crisis prompt: it is shown once, on the next page. */
export async function takeCrisisPrompt(db: Executor, userId: number) {
  const row = await db.deleteFrom('crisis_prompt').where('user_id', '=', userId).returningAll().executeTakeFirst()
  return row
}

/** Clears the prompt only if it is still the one for this post: a newer one waits for its own showing. */
export async function clearCrisisPromptFor(db: Executor, userId: number, postId: number) {
  await db.deleteFrom('crisis_prompt').where('user_id', '=', userId).where('post_id', '=', postId).execute()
}

export function peekCrisisPrompt(db: Executor, userId: number) {
  return db.selectFrom('crisis_prompt').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

const POST_FOR_VERDICT = prepared((db, p: { id: number }) =>
  db
    .selectFrom('post')
    .innerJoin('thread', 'thread.id', 'post.thread_id')
    .select([
      'post.id',
      'post.revision',
      'post.author_id',
      'post.community_id',
      'post.thread_id',
      'post.author_warnings',
      'post.status',
      'thread.first_post_id',
    ])
    .where('post.id', '=', p.id),
)
const SET_SCANNED = prepared((db, p: { id: number; warnings: string; status: PostStatus }) =>
  db.updateTable('post').set({ content_warnings: p.warnings, scan_status: 'scanned', status: p.status }).where('id', '=', p.id),
)

/** What applying a verdict needs of its post, with whether it opens its thread. */
export function findPostForVerdict(db: Executor, postId: number) {
  return POST_FOR_VERDICT.first(db, { id: postId })
}

/** The scan's outcome on the post: its warnings, and held or not. */
export async function setPostScanned(db: Executor, postId: number, warningsJson: string, status: PostStatus) {
  await SET_SCANNED.run(db, { id: postId, warnings: warningsJson, status })
}

/** A moderator's answer for a review item; a later answer for the same item replaces it. */
export async function upsertSafetyFeedback(db: Executor, row: Insertable<SafetyFeedbackTable>) {
  await db
    .insertInto('safety_feedback')
    .values(row)
    .onConflict((oc) =>
      oc.column('item_id').doUpdateSet((eb) => ({
        moderator_id: eb.ref('excluded.moderator_id'),
        flag_right: eb.ref('excluded.flag_right'),
        crisis: eb.ref('excluded.crisis'),
        warnings: eb.ref('excluded.warnings'),
        spam: eb.ref('excluded.spam'),
        contact: eb.ref('excluded.contact'),
        revision: eb.ref('excluded.revision'),
        created_at: eb.ref('excluded.created_at'),
      })),
    )
    .execute()
}

/**
 * Moderators' answers since a time, oldest first, with what a corpus line needs: the post's text only
 * while it is visible and not deleted (a hidden or removed post's words do not leave the database),
 * the community's slug and the author's account age and post count at export, never a handle.
 */
export function listSafetyFeedbackSince(db: Executor, since: number) {
  return db
    .selectFrom('safety_feedback as f')
    .innerJoin('post as p', 'p.id', 'f.post_id')
    .innerJoin('community as c', 'c.id', 'f.community_id')
    .innerJoin('user as u', 'u.id', 'p.author_id')
    .select([
      'f.id',
      'f.item_id',
      'f.post_id',
      'f.flag_right',
      'f.crisis',
      'f.warnings',
      'f.spam',
      'f.contact',
      'f.created_at',
      'p.body',
      'p.status',
      'p.deleted_at',
      'p.created_at as post_created_at',
      'c.slug',
      'u.created_at as author_created_at',
      'u.post_count',
    ])
    .where('f.created_at', '>=', since)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute()
}

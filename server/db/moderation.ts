import { sql } from 'kysely'
import type { Executor, Role } from './schema.ts'
import { notSuspendedAt } from './users.ts'
import { greater, intParam } from './dialect.ts'

export function listRules(db: Executor, communityId: number) {
  return db.selectFrom('community_rule').selectAll().where('community_id', '=', communityId).where('retired', '=', 0).orderBy('position').execute()
}

/** A rule a report or a removal can cite now: the community's, and not retired. */
export function findRule(db: Executor, communityId: number, ruleId: number) {
  return db
    .selectFrom('community_rule')
    .selectAll()
    .where('community_id', '=', communityId)
    .where('id', '=', ruleId)
    .where('retired', '=', 0)
    .executeTakeFirst()
}

export async function insertReport(
  db: Executor,
  row: {
    post_id: number
    reporter_id: number
    item_id: number
    reason: string
    rule_id: number | null
    note: string | null
    snapshot_body: string
    snapshot_revision: number
    created_at: number
  },
) {
  const res = await db
    .insertInto('report')
    .values(row)
    .onConflict((oc) => oc.columns(['post_id', 'reporter_id']).doNothing())
    .executeTakeFirst()
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0
}

export function findReport(db: Executor, postId: number, reporterId: number) {
  return db.selectFrom('report').select('id').where('post_id', '=', postId).where('reporter_id', '=', reporterId).executeTakeFirst()
}

/**
 * Members who reported the post; `complaintsOnly`: those who reported a problem with the post
 * itself ("I'm worried about this person" is not one).
 */
export async function countReporters(db: Executor, postId: number, opts: { complaintsOnly?: boolean } = {}) {
  let q = db
    .selectFrom('report')
    .select((eb) => eb.fn.count<number>('reporter_id').distinct().as('n'))
    .where('post_id', '=', postId)
  if (opts.complaintsOnly) q = q.where('reason', '!=', 'worried')
  return Number((await q.executeTakeFirstOrThrow()).n)
}

export interface QueueFilter {
  communityIds: number[] | 'all'
  communityId?: number
  reason?: string
  after?: { priority: number; createdAt: number; id: number }
  limit: number
}

/** Open items, highest priority first and oldest first within a level, keyset-paginated. */
export function listQueuePage(db: Executor, f: QueueFilter) {
  let q = db
    .selectFrom('review_item')
    .innerJoin('post', 'post.id', 'review_item.post_id')
    .innerJoin('user as author', 'author.id', 'post.author_id')
    .innerJoin('community', 'community.id', 'review_item.community_id')
    .innerJoin('thread', 'thread.id', 'post.thread_id')
    .leftJoin('user as claimer', 'claimer.id', 'review_item.claimed_by')
    .select([
      'review_item.id',
      'review_item.post_id',
      'review_item.community_id',
      'review_item.priority',
      'review_item.reason',
      'review_item.created_at',
      'review_item.updated_at',
      'review_item.claimed_by',
      'review_item.claimed_at',
      'review_item.escalated_at',
      'review_item.version',
      'post.body',
      'post.html',
      'post.status as post_status',
      'post.revision',
      'post.thread_id',
      'post.content_warnings',
      'post.author_id',
      'author.handle as author_handle',
      'community.slug',
      'thread.title as thread_title',
      'thread.locked',
      'claimer.handle as claimer_handle',
    ])
    .where('review_item.status', '=', 'open')
  if (f.communityIds !== 'all') q = q.where('review_item.community_id', 'in', f.communityIds.length ? f.communityIds : [-1])
  if (f.communityId !== undefined) q = q.where('review_item.community_id', '=', f.communityId)
  if (f.reason) q = q.where('review_item.reason', '=', f.reason)
  if (f.after) {
    const a = f.after
    q = q.where((eb) =>
      eb.or([
        eb('review_item.priority', '<', a.priority),
        eb.and([eb('review_item.priority', '=', a.priority), eb('review_item.created_at', '>', a.createdAt)]),
        eb.and([eb('review_item.priority', '=', a.priority), eb('review_item.created_at', '=', a.createdAt), eb('review_item.id', '>', a.id)]),
      ]),
    )
  }
  return q
    .orderBy('review_item.priority', 'desc')
    .orderBy('review_item.created_at', 'asc')
    .orderBy('review_item.id', 'asc')
    .limit(f.limit + 1)
    .execute()
}

/** Open items by reason, from the counts the triggers of migration 0009 keep: a row per community and reason. */
export function openByReasonQuery(db: Executor, communityIds: number[] | 'all', communityId?: number) {
  let q = db
    .selectFrom('review_open_count')
    .select(['reason', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('n', '>', 0)
  if (communityIds !== 'all') q = q.where('community_id', 'in', communityIds.length ? communityIds : [-1])
  if (communityId !== undefined) q = q.where('community_id', '=', communityId)
  return q.groupBy('reason')
}

export function countOpenByReason(db: Executor, communityIds: number[] | 'all', communityId?: number) {
  return openByReasonQuery(db, communityIds, communityId).execute()
}

export function findItem(db: Executor, id: number) {
  return db.selectFrom('review_item').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Takes the claim if the item is open and unclaimed, already ours, or its claim has expired. */
export async function tryClaim(db: Executor, itemId: number, userId: number, now: number, expiredBefore: number) {
  const res = await db
    .updateTable('review_item')
    .set({ claimed_by: userId, claimed_at: now, version: sql<number>`version + 1` })
    .where('id', '=', itemId)
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '=', userId), eb('claimed_at', '<', expiredBefore)]))
    .executeTakeFirst()
  return res.numUpdatedRows > 0n
}

export async function releaseClaim(db: Executor, itemId: number) {
  await db
    .updateTable('review_item')
    .set({ claimed_by: null, claimed_at: null, version: sql<number>`version + 1` })
    .where('id', '=', itemId)
    .execute()
}

export async function resolveItem(db: Executor, itemId: number, userId: number, resolution: string, now: number) {
  const res = await db
    .updateTable('review_item')
    .set({ status: 'resolved', resolved_by: userId, resolved_at: now, resolution, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', itemId)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return res.numUpdatedRows > 0n
}

export async function touchClaim(db: Executor, itemId: number, now: number) {
  await db.updateTable('review_item').set({ claimed_at: now, updated_at: now }).where('id', '=', itemId).execute()
}

export function listReportsForItems(db: Executor, itemIds: number[]) {
  if (itemIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('report')
    .leftJoin('community_rule', 'community_rule.id', 'report.rule_id')
    .select([
      'report.id',
      'report.item_id',
      'report.reason',
      'report.note',
      'report.snapshot_body',
      'report.snapshot_revision',
      'report.created_at',
      'community_rule.title as rule_title',
    ])
    .where('report.item_id', 'in', itemIds)
    .orderBy('report.id')
    .execute()
}

export async function setReportOutcome(db: Executor, itemId: number, outcome: string) {
  const rows = await db.selectFrom('report').select(['reporter_id', 'post_id', 'reason']).where('item_id', '=', itemId).where('outcome', 'is', null).execute()
  await db.updateTable('report').set({ outcome }).where('item_id', '=', itemId).where('outcome', 'is', null).execute()
  return rows
}

export async function insertAudit(
  db: Executor,
  row: {
    community_id: number | null
    actor_id: number | null
    action: string
    target_type: string
    target_id: number | null
    reason?: string | null
    before?: unknown
    after?: unknown
    created_at: number
  },
) {
  await db
    .insertInto('audit_log')
    .values({
      ...row,
      reason: row.reason ?? null,
      before: row.before === undefined ? null : JSON.stringify(row.before),
      after: row.after === undefined ? null : JSON.stringify(row.after),
    })
    .execute()
}

export function listAuditPage(db: Executor, f: { communityIds: number[] | 'all'; communityId?: number; action?: string; beforeId?: number; limit: number }) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('user', 'user.id', 'audit_log.actor_id')
    .leftJoin('community', 'community.id', 'audit_log.community_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.reason',
      'audit_log.before',
      'audit_log.after',
      'audit_log.created_at',
      'user.handle as actor_handle',
      'community.slug',
    ])
  if (f.communityIds !== 'all') q = q.where('audit_log.community_id', 'in', f.communityIds.length ? f.communityIds : [-1])
  if (f.communityId !== undefined) q = q.where('audit_log.community_id', '=', f.communityId)
  if (f.action) q = q.where('audit_log.action', '=', f.action)
  if (f.beforeId !== undefined) q = q.where('audit_log.id', '<', f.beforeId)
  return q
    .orderBy('audit_log.id', 'desc')
    .limit(f.limit + 1)
    .execute()
}

export function listModeratedCommunityIds(db: Executor, userId: number) {
  return db.selectFrom('membership').select('community_id').where('user_id', '=', userId).where('role', 'in', ['moderator', 'lead']).execute()
}

/**
 * Open urgent items that became urgent over a minute ago (the shortest limit a community can set),
 * are not yet escalated, and that nobody holds a live claim on: a claim left to expire by a
 * moderator who walked away counts as no claim.
 */
export function overdueUrgentItems(db: Executor, now: number, claimExpiredBefore: number) {
  return db
    .selectFrom('review_item')
    .innerJoin('community', 'community.id', 'review_item.community_id')
    .select(['review_item.id', 'review_item.post_id', 'review_item.community_id', 'review_item.urgent_at', 'community.settings', 'community.slug'])
    .where('review_item.status', '=', 'open')
    .where('review_item.escalated_at', 'is', null)
    .where('review_item.urgent_at', 'is not', null)
    .where('review_item.urgent_at', '<', now - 60_000)
    .where((eb) => eb.or([eb('review_item.claimed_by', 'is', null), eb('review_item.claimed_at', '<', claimExpiredBefore)]))
    .execute()
}

export async function markEscalated(db: Executor, itemId: number, now: number) {
  const res = await db.updateTable('review_item').set({ escalated_at: now }).where('id', '=', itemId).where('escalated_at', 'is', null).executeTakeFirst()
  return res.numUpdatedRows > 0n
}

/**
 * The check-in conversation about a post, across its review items: an answer after an item was
 * closed may land on the item open since, and both sides must see the whole exchange.
 */
export function listCheckInsForPost(db: Executor, postId: number) {
  return db
    .selectFrom('check_in_message')
    .innerJoin('review_item', 'review_item.id', 'check_in_message.item_id')
    .leftJoin('user', 'user.id', 'check_in_message.sender_id')
    .select([
      'check_in_message.id',
      'check_in_message.item_id',
      'check_in_message.from_moderator',
      'check_in_message.signed',
      'check_in_message.body',
      'check_in_message.created_at',
      'user.handle as sender_handle',
    ])
    .where('review_item.post_id', '=', postId)
    .orderBy('check_in_message.id')
    .execute()
}

export async function insertCheckIn(
  db: Executor,
  row: {
    item_id: number
    community_id: number
    member_id: number
    sender_id: number
    from_moderator: number
    signed: number
    body: string
    created_at: number
  },
) {
  return db.insertInto('check_in_message').values(row).returning('id').executeTakeFirstOrThrow()
}

export function findCheckIn(db: Executor, id: number) {
  return db.selectFrom('check_in_message').selectAll().where('id', '=', id).executeTakeFirst()
}

/**
 * Opens a closed item again at concern level or above, when no other item is open for its post
 * (one open item per post). Returns false when another item is open; the caller signals that one.
 * Back at urgent level, it counts as urgent from now, and may be escalated again.
 */
export async function reopenItem(db: Executor, itemId: number, postId: number, priority: number, reason: string, now: number) {
  const res = await sql`update review_item set status = 'open', resolved_by = null, resolved_at = null, resolution = null,
      claimed_by = null, claimed_at = null, priority = ${greater(db, sql`priority`, priority)},
      reason = case when ${priority} > priority then ${reason} else reason end, updated_at = ${now}, version = version + 1,
      urgent_at = case when ${greater(db, sql`priority`, priority)} >= 600 then ${intParam(db, now)} else null end, escalated_at = null
    where id = ${itemId} and status != 'open' and not exists (select 1 from review_item o where o.post_id = ${postId} and o.status = 'open')`.execute(db)
  return Number(res.numAffectedRows ?? 0n) > 0
}

/** The site's admins and the community's members in one of `roles`, except any suspended now. */
export async function adminsAndStaff(db: Executor, communityId: number, roles: Role[], now: number) {
  const rows = await db
    .selectFrom('user')
    .leftJoin('membership', (j) => j.onRef('membership.user_id', '=', 'user.id').on('membership.community_id', '=', communityId))
    .select('user.id')
    .where((eb) => eb.or([eb('user.is_admin', '=', 1), eb('membership.role', 'in', roles)]))
    .where(notSuspendedAt(now))
    .execute()
  return rows.map((r) => r.id)
}

/** Numbers the rules 1, 2, 3... in the order given (a new community's first rules). */
export async function insertRules(db: Executor, communityId: number, rules: readonly { title: string; body: string }[]) {
  if (rules.length === 0) return
  await db
    .insertInto('community_rule')
    .values(rules.map((r, i) => ({ ...r, community_id: communityId, position: i + 1 })))
    .execute()
}

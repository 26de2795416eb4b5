import { sql } from 'kysely'
import type { Executor, OutcomeEnrolmentTable, OutcomeHistogramTable } from './schema.ts'
import type { Insertable, Updateable } from 'kysely'
import { indexedBy, isPostgres, truth } from './dialect.ts'

// Members' own check-ins (issue #20). Every read of a single member's rows takes that member's id
// from the signed-in actor (services/outcomes.ts); only aggregate reads take a community.

export function findEnrolment(db: Executor, userId: number) {
  return db.selectFrom('outcome_enrolment').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

export async function upsertEnrolment(db: Executor, row: Insertable<OutcomeEnrolmentTable>) {
  await db
    .insertInto('outcome_enrolment')
    .values(row)
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        community_id: row.community_id,
        interval_days: row.interval_days,
        remind_by_email: row.remind_by_email ?? 0,
        consented_at: row.consented_at,
        paused: 0,
        next_due_at: row.next_due_at,
        updated_at: row.updated_at,
      }),
    )
    .execute()
}

export async function updateEnrolment(db: Executor, userId: number, set: Updateable<OutcomeEnrolmentTable>) {
  await db.updateTable('outcome_enrolment').set(set).where('user_id', '=', userId).execute()
}

export async function deleteEnrolment(db: Executor, userId: number) {
  await db.deleteFrom('outcome_enrolment').where('user_id', '=', userId).execute()
}

export async function insertCheckIn(
  db: Executor,
  row: { user_id: number; community_id: number; created_at: number; wellbeing: number; loneliness: number; hope: number },
) {
  return db.insertInto('outcome_check_in').values(row).returning('id').executeTakeFirstOrThrow()
}

/** The member's own check-ins, newest first, at most `limit` (a check-in every two weeks: 52 is two years). */
export function listOwnCheckIns(db: Executor, userId: number, limit: number) {
  return db
    .selectFrom('outcome_check_in')
    .select(['id', 'community_id', 'created_at', 'wellbeing', 'loneliness', 'hope'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

export async function deleteOwnCheckIn(db: Executor, userId: number, id: number) {
  const res = await db.deleteFrom('outcome_check_in').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
  return Number(res.numDeletedRows)
}

export async function deleteAllOwnCheckIns(db: Executor, userId: number) {
  const res = await db.deleteFrom('outcome_check_in').where('user_id', '=', userId).executeTakeFirst()
  return Number(res.numDeletedRows)
}

/** Members due a mail reminder: asked for one, not paused, due, and not yet reminded for this due date. */
export function listMailReminderDue(db: Executor, now: number, limit: number) {
  return (
    db
      .selectFrom('outcome_enrolment')
      .select(['user_id', 'next_due_at'])
      // Literal, as the partial index's predicate is: a bound parameter would not match it.
      .where(sql<boolean>`paused = 0 and remind_by_email = 1`)
      .where('next_due_at', '<=', now)
      .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<', eb.ref('next_due_at'))]))
      .orderBy('next_due_at')
      .limit(limit)
      .execute()
  )
}

/** The histograms memberHistograms returns: a measure's last score in the quarter, or its change (last minus first) for members with two or more. */
export type HistogramKey = OutcomeHistogramTable['k']

/**
 * Per quarter of one community (quarters starting in [from, to)): how many members had each score,
 * kept by triggers from the per-member summary rows (migration 0018). The scores are small whole
 * numbers, so a few hundred rows, read by primary key, carry every median and quartile.
 */
export function memberHistograms(db: Executor, communityId: number, from: number, to: number) {
  return db
    .selectFrom('outcome_histogram')
    .select(['k', 'quarter_start as q', 'v', 'n'])
    .where('community_id', '=', communityId)
    .where('quarter_start', '>=', from)
    .where('quarter_start', '<', to)
    .where('n', '>', 0)
    .execute()
}

// ---------- looking after the supporters ----------

/**
 * Crisis items (priority at or above `minPriority`) each moderator closed in the community since
 * `since`: read by community and time, not by resolver (that would read every resolver's items).
 */
export async function crisisItemsByResolver(db: Executor, communityId: number, since: number, weekSince: number, minPriority: number) {
  const { rows } = await sql<{ moderator_id: number; handle: string; last30: number; last7: number; urgent30: number }>`
    select r.resolved_by as moderator_id, u.handle,
      count(*) as last30,
      sum(${truth(db, sql`r.resolved_at >= ${weekSince}`)}) as last7,
      sum(${truth(db, sql`r.urgent_at is not null`)}) as urgent30
    from review_item r ${indexedBy(db, 'review_item_resolved_idx')} join "user" u on u.id = r.resolved_by
    where r.community_id = ${communityId} and r.resolved_at >= ${since} and r.resolved_by is not null and r.priority >= ${minPriority}
    group by r.resolved_by${isPostgres(db) ? sql`, u.handle` : sql``} order by last30 desc, u.handle limit 200`.execute(db)
  return rows.map((r) => ({ ...r, last7: Number(r.last7 ?? 0), last30: Number(r.last30), urgent30: Number(r.urgent30 ?? 0) }))
}

/** One moderator's crisis items since `since` (any community), and of those the urgent ones since `shiftSince`. */
export async function ownCrisisCounts(db: Executor, moderatorId: number, since: number, weekSince: number, shiftSince: number, minPriority: number) {
  const { rows } = await sql<{ last30: number; last7: number; urgentShift: number }>`
    select count(*) as last30, coalesce(sum(${truth(db, sql`resolved_at >= ${weekSince}`)}), 0) as last7,
      coalesce(sum(${truth(db, sql`urgent_at is not null and resolved_at >= ${shiftSince}`)}), 0) as "urgentShift"
    from review_item
    where resolved_by = ${moderatorId} and resolved_at >= ${since} and priority >= ${minPriority}`.execute(db)
  const r = rows[0]!
  return { last30: Number(r.last30), last7: Number(r.last7), urgentShift: Number(r.urgentShift) }
}

export async function insertDebriefRequest(db: Executor, row: { community_id: number; moderator_id: number; note: string | null; created_at: number }) {
  return db.insertInto('debrief_request').values(row).returning('id').executeTakeFirstOrThrow()
}

export function listDebriefRequests(db: Executor, communityId: number, since: number, limit: number) {
  return db
    .selectFrom('debrief_request as d')
    .innerJoin('user as u', 'u.id', 'd.moderator_id')
    .select(['d.id', 'd.created_at', 'd.note', 'u.handle'])
    .where('d.community_id', '=', communityId)
    .where('d.created_at', '>=', since)
    .orderBy('d.created_at', 'desc')
    .limit(limit)
    .execute()
}

export function listLeadIds(db: Executor, communityId: number) {
  return db.selectFrom('membership').select('user_id').where('community_id', '=', communityId).where('role', '=', 'lead').execute()
}

/** The member's latest post that readers can see in the community: where an "ask a moderator to check in" item opens. */
export async function findLatestVisiblePost(db: Executor, userId: number, communityId: number) {
  // The author's posts newest first (post_author_idx), not the whole community's.
  const { rows } = await sql<{
    id: number
    community_id: number
    revision: number
  }>`select id, community_id, revision from post ${indexedBy(db, 'post_author_idx')}
    where author_id = ${userId} and community_id = ${communityId} and status = 'visible' order by id desc limit 1`.execute(db)
  return rows[0]
}

/** The communities a member belongs to, for choosing whose crisis lines and figures their check-ins belong with. */
export function listOwnCommunities(db: Executor, userId: number) {
  return db
    .selectFrom('membership')
    .innerJoin('community', 'community.id', 'membership.community_id')
    .select(['community.id', 'community.slug', 'community.name'])
    .where('membership.user_id', '=', userId)
    .orderBy('community.name')
    .execute()
}

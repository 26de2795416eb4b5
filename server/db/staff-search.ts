import { sql } from 'kysely'
import type { Executor } from './schema.ts'
import { containsText, jsonValues, orderedJoin } from './dialect.ts'

/**
 * Moderators' search of reports and audit entries by handle, rule or words (issue 21). These
 * tables are small beside posts and read newest first, so a search looks through the newest
 * STAFF_WINDOW rows of the moderator's communities (by primary key or audit_log_community_idx)
 * and matches text in them: bounded work, however old the log grows.
 */
export const STAFF_WINDOW = 5000

export interface StaffSearch {
  communityIds: number[]
  /** Lower-case text to find (a handle, a rule's title, words of a reason, note or post). */
  text: string
  beforeId?: number
  limit: number
  /** Rows looked through (STAFF_WINDOW; tests make it small). */
  window?: number
}

export async function searchReports(db: Executor, o: StaffSearch) {
  const ids = JSON.stringify(o.communityIds)
  const join = orderedJoin(db)
  const { rows } = await sql<{
    id: number
    item_id: number
    post_id: number
    thread_id: number
    slug: string
    reason: string
    note: string | null
    rule_title: string | null
    reporter_handle: string
    author_handle: string
    outcome: string | null
    created_at: number
  }>`
    with w as (
      select r.id from report r
      where ${o.beforeId === undefined ? sql`true` : sql`r.id < ${o.beforeId}`}
      order by r.id desc limit ${o.window ?? STAFF_WINDOW}
    )
    select r.id, r.item_id, r.post_id, p.thread_id, c.slug, r.reason, r.note, cr.title as rule_title, ru.handle as reporter_handle,
      au.handle as author_handle, r.outcome, r.created_at
    from w
    ${join} report r on r.id = w.id
    ${join} post p on p.id = r.post_id
    ${join} community c on c.id = p.community_id
    ${join} "user" ru on ru.id = r.reporter_id
    ${join} "user" au on au.id = p.author_id
    left join community_rule cr on cr.id = r.rule_id
    where p.community_id in ${jsonValues(db, ids)}
      and (${containsText(db, sql`lower(r.reason)`, o.text)} or ${containsText(db, sql`lower(coalesce(r.note, ''))`, o.text)}
        or ${containsText(db, sql`lower(r.snapshot_body)`, o.text)}
        or ${containsText(db, sql`lower(coalesce(cr.title, ''))`, o.text)} or ru.handle_key = ${o.text} or au.handle_key = ${o.text})
    order by r.id desc
    limit ${o.limit}`.execute(db)
  return rows
}

export async function searchAudit(db: Executor, o: StaffSearch) {
  const join = orderedJoin(db)
  const { rows } = await sql<{
    id: number
    slug: string | null
    action: string
    target_type: string
    target_id: number | null
    /** The thread of a post the entry is about (a post's address holds its thread). */
    post_thread_id: number | null
    reason: string | null
    actor_handle: string | null
    created_at: number
  }>`
    with w as (
      select a.id from audit_log a
      where a.community_id in ${jsonValues(db, JSON.stringify(o.communityIds))}
        ${o.beforeId === undefined ? sql`` : sql`and a.id < ${o.beforeId}`}
      order by a.id desc limit ${o.window ?? STAFF_WINDOW}
    )
    select a.id, c.slug, a.action, a.target_type, a.target_id, tp.thread_id as post_thread_id, a.reason, u.handle as actor_handle, a.created_at
    from w
    ${join} audit_log a on a.id = w.id
    left join community c on c.id = a.community_id
    left join "user" u on u.id = a.actor_id
    left join post tp on a.target_type = 'post' and tp.id = a.target_id
    where ${containsText(db, sql`lower(a.action)`, o.text)} or ${containsText(db, sql`lower(coalesce(a.reason, ''))`, o.text)}
      or ${containsText(db, sql`lower(coalesce(a.before, ''))`, o.text)}
      or ${containsText(db, sql`lower(coalesce(a.after, ''))`, o.text)} or u.handle_key = ${o.text}
    order by a.id desc
    limit ${o.limit}`.execute(db)
  return rows
}

/**
 * The oldest row of a full window (the `window`-th newest before `beforeId`), or undefined when
 * the window held every row there is: where the next window starts when this one matched too few
 * to fill a page. The same index walk as the window itself.
 */
export async function staffWindowBottom(db: Executor, kind: 'reports' | 'audit', o: Pick<StaffSearch, 'communityIds' | 'beforeId' | 'window'>) {
  const { rows } = await staffWindowBottomQuery(db, kind, o).execute(db)
  return rows[0]?.id
}

/** The query behind staffWindowBottom (its plan is checked in tests). */
export function staffWindowBottomQuery(db: Executor, kind: 'reports' | 'audit', o: Pick<StaffSearch, 'communityIds' | 'beforeId' | 'window'>) {
  const before = o.beforeId === undefined ? sql`true` : kind === 'reports' ? sql`r.id < ${o.beforeId}` : sql`a.id < ${o.beforeId}`
  const offset = (o.window ?? STAFF_WINDOW) - 1
  return kind === 'reports'
    ? sql<{ id: number }>`select r.id from report r where ${before} order by r.id desc limit 1 offset ${offset}`
    : sql<{ id: number }>`
        select a.id from audit_log a
        where a.community_id in ${jsonValues(db, JSON.stringify(o.communityIds))} and ${before}
        order by a.id desc limit 1 offset ${offset}`
}

import { sql } from 'kysely'
import { prepared } from './connection.ts'
import type { Executor } from './schema.ts'
import { greater } from './dialect.ts'

/** Queue levels, highest first (DESIGN.md, "The review queue"). */
export const PRIORITY = {
  urgent_crisis: 600,
  concern: 500,
  worried_report: 400,
  multiple_reports: 300,
  held: 200,
  warning_review: 100,
} as const

export interface NewSignal {
  source: 'pipeline' | 'report' | 'rule' | 'member' | 'moderator'
  kind: string
  reason: string
  evidence?: unknown
  revision?: number | null
}

type ItemInput = { postId: number; communityId: number; priority: number; reason: string; at: number }

const UPSERT_ITEM = prepared((db, p: ItemInput) =>
  db
    .insertInto('review_item')
    .values({
      post_id: p.postId,
      community_id: p.communityId,
      priority: p.priority,
      reason: p.reason,
      status: 'open',
      created_at: p.at,
      updated_at: p.at,
      claimed_by: null,
      claimed_at: null,
      escalated_at: null,
      resolved_by: null,
      resolved_at: null,
      resolution: null,
    })
    .onConflict((oc) =>
      oc
        .column('post_id')
        // Must match the partial index's predicate literally, so no bound parameter here.
        .where(sql<boolean>`status = 'open'`)
        .doUpdateSet({
          priority: greater(db, sql<number>`review_item.priority`, sql<number>`excluded.priority`),
          reason: sql<string>`case when excluded.priority > review_item.priority then excluded.reason else review_item.reason end`,
          updated_at: sql<number>`excluded.updated_at`,
          version: sql<number>`review_item.version + 1`,
        }),
    )
    .returning(['id', 'priority']),
)

const INSERT_SIGNAL = prepared(
  (db, p: { itemId: number; source: string; kind: string; reason: string; evidence: string; revision: number | null; at: number }) =>
    db
      .insertInto('review_signal')
      .values({ item_id: p.itemId, source: p.source, kind: p.kind, reason: p.reason, evidence: p.evidence, revision: p.revision, created_at: p.at }),
)

/**
 * One open item per post: upsert, never check-then-insert. A new signal can only raise the
 * item's priority; the item's headline reason follows the highest priority seen.
 */
export async function upsertReviewItem(db: Executor, item: ItemInput, signal: NewSignal): Promise<{ id: number; priority: number }> {
  const row = (await UPSERT_ITEM.first(db, item))!
  await INSERT_SIGNAL.run(db, {
    itemId: row.id,
    source: signal.source,
    kind: signal.kind,
    reason: signal.reason,
    evidence: JSON.stringify(signal.evidence ?? []),
    revision: signal.revision ?? null,
    at: item.at,
  })
  return row
}

/** A signal on an item already known (reopened, say), without the upsert. */
export async function addSignal(db: Executor, itemId: number, signal: NewSignal, at: number) {
  await INSERT_SIGNAL.run(db, {
    itemId,
    source: signal.source,
    kind: signal.kind,
    reason: signal.reason,
    evidence: JSON.stringify(signal.evidence ?? []),
    revision: signal.revision ?? null,
    at,
  })
}

export function findOpenItemForPost(db: Executor, postId: number) {
  return db.selectFrom('review_item').selectAll().where('post_id', '=', postId).where('status', '=', 'open').executeTakeFirst()
}

export function listSignals(db: Executor, itemIds: number[]) {
  if (itemIds.length === 0) return Promise.resolve([])
  return db.selectFrom('review_signal').selectAll().where('item_id', 'in', itemIds).orderBy('id').execute()
}

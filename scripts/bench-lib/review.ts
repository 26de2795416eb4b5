// The bench dataset's review queue: an item for every post the pipeline flagged and for a few
// reported ones, with their signals, reports and audit entries. Moderators have cleared all but the newest.
import type SQLite from 'better-sqlite3'
import { PRIORITY } from '../../server/db/review.ts'
import { signalsFor } from '../../server/safety/apply-verdict.ts'
import type { Verdict } from '../../workers/pipeline/types.ts'
import { pick, type Rng } from './text.ts'

export interface FlaggedPost {
  postId: number
  ci: number
  at: number
  authorId: number
  threadId: number
  pool: number
  revision: number
}

export interface ReviewInput {
  totalPosts: number
  flagged: FlaggedPost[]
  /** Per post id: what the post loop wrote. */
  posts: {
    statusOf: string[]
    communityOf: Uint8Array
    timeOf: Float64Array
    authorOf: Uint32Array
    threadOf: Uint32Array
    poolOf: Uint16Array
  }
  communities: { id: number }[]
  communityStaff: number[][]
  communityMembers: number[][]
  pool: { body: string; verdict: Verdict }[]
}

export function insertReviewItems(db: SQLite.Database, r: Rng, input: ReviewInput) {
  const { totalPosts, flagged, posts, communities, communityStaff, communityMembers, pool } = input
  const insItem = db.prepare(
    'insert into review_item (id, post_id, community_id, status, priority, reason, ' +
      'created_at, updated_at, claimed_by, claimed_at, escalated_at, resolved_by, ' +
      'resolved_at, resolution, version) values (?, ?, ?, ?, ?, ?, ?, ?, null, null, null, ?, ?, ?, ?)',
  )
  const insSignal = db.prepare('insert into review_signal (item_id, source, kind, reason, evidence, revision, created_at) values (?, ?, ?, ?, ?, ?, ?)')
  const insReport = db.prepare(
    'insert into report (post_id, reporter_id, item_id, reason, rule_id, note, ' +
      'snapshot_body, snapshot_revision, outcome, created_at) values (?, ?, ?, ?, null, ?, ?, ?, ?, ?)',
  )
  const insAudit = db.prepare(
    'insert into audit_log (community_id, actor_id, action, target_type, target_id, reason, before, after, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  let itemId = 0
  let openItems = 0
  let signals = 0
  let reports = 0
  let audits = 0
  const reportRate = 0.004
  const reported: typeof flagged = []
  const flaggedSet = new Set(flagged.map((f) => f.postId))
  for (let id = 1; id <= totalPosts; id++) {
    if (!flaggedSet.has(id) && posts.statusOf[id] === 'visible' && r() < reportRate) {
      reported.push({
        postId: id,
        ci: posts.communityOf[id]!,
        at: posts.timeOf[id]! + 3_600_000,
        authorId: posts.authorOf[id]!,
        threadId: posts.threadOf[id]!,
        pool: posts.poolOf[id]!,
        revision: 1,
      })
    }
  }
  const items = [...flagged.map((f) => ({ ...f, kind: 'pipeline' as const })), ...reported.map((f) => ({ ...f, kind: 'report' as const }))].sort(
    (a, b) => a.at - b.at,
  )
  // The queue holds the newest items a team of volunteers has not reached yet.
  const openFrom = Math.max(0, items.length - Math.min(1500, Math.ceil(items.length * 0.5)))
  db.transaction(() => {
    items.forEach((f, index) => {
      const open = index >= openFrom
      const cid = communities[f.ci]!.id
      const staff = communityStaff[f.ci]!
      const resolver = staff[Math.floor(r() * staff.length)]!
      const resolvedAt = open ? null : Math.floor(f.at + 3_600_000 * (1 + r() * 20))
      itemId++
      if (f.kind === 'pipeline') {
        const p = pool[f.pool]!
        const sigs = signalsFor({ postId: f.postId, revision: f.revision, verdict: p.verdict, enqueuedAt: f.at, scannedAt: f.at }, [])
        const top = sigs.reduce((a, b) => (b.priority > a.priority ? b : a))
        insItem.run(
          itemId,
          f.postId,
          cid,
          open ? 'open' : 'resolved',
          top.priority,
          top.reason,
          Math.floor(f.at),
          Math.floor(f.at),
          open ? null : resolver,
          resolvedAt,
          open ? null : 'approve',
          sigs.length + (open ? 0 : 1),
        )
        for (const s of sigs) {
          insSignal.run(itemId, s.signal.source, s.signal.kind, s.signal.reason, JSON.stringify(s.signal.evidence ?? []), f.revision, Math.floor(f.at))
          signals++
        }
      } else {
        const worried = r() < 0.2
        const reporterCount = worried ? 1 : r() < 0.8 ? 1 : 2
        const reason = worried ? 'worried_report' : reporterCount >= 2 ? 'multiple_reports' : 'report'
        const priority = worried ? PRIORITY.worried_report : reporterCount >= 2 ? PRIORITY.multiple_reports : PRIORITY.held
        insItem.run(
          itemId,
          f.postId,
          cid,
          open ? 'open' : 'resolved',
          priority,
          reason,
          Math.floor(f.at),
          Math.floor(f.at),
          open ? null : resolver,
          resolvedAt,
          open ? null : 'approve',
          reporterCount + (open ? 0 : 1),
        )
        const members = communityMembers[f.ci]!
        const reporters = new Set<number>()
        while (reporters.size < reporterCount) {
          const u = members[Math.floor(r() * members.length)]!
          if (u !== f.authorId) reporters.add(u)
        }
        for (const reporter of reporters) {
          const why = worried ? 'worried' : pick(r, ['spam', 'harassment', 'misinformation', 'other'] as const)
          insSignal.run(
            itemId,
            'report',
            `report_${why}`,
            why === 'worried' ? 'A member is worried about this person' : `Reported: ${why}`,
            '[]',
            1,
            Math.floor(f.at),
          )
          insReport.run(
            f.postId,
            reporter,
            itemId,
            why,
            why === 'other' ? 'This does not feel right to me.' : null,
            pool[f.pool]!.body,
            1,
            open ? null : 'approve',
            Math.floor(f.at),
          )
          signals++
          reports++
        }
      }
      if (!open) {
        insAudit.run(cid, resolver, 'approve', 'post', f.postId, null, JSON.stringify({ status: 'visible' }), JSON.stringify({ status: 'visible' }), resolvedAt)
        insAudit.run(cid, resolver, 'resolve', 'review_item', itemId, 'approve', null, null, resolvedAt)
        audits += 2
      } else openItems++
    })
  })()
  return { itemId, openItems, signals, reports, audits }
}

import type { Kysely, Transaction } from 'kysely'
import type { Clock } from '../clock.ts'
import { findCommunityById } from '../db/communities.ts'
import { PRIORITY, upsertReviewItem, type NewSignal } from '../db/review.ts'
import { findPostForVerdict, insertAppliedVerdict, listCommunityStaff, markOutboxDone, setCrisisPrompt, setPostScanned } from '../db/safety.ts'
import type { DB, Executor } from '../db/schema.ts'
import { setThreadStatus } from '../db/threads.ts'
import { groupCommit, transaction } from '../db/connection.ts'
import type { Logger } from '../logger.ts'
import { parseWarnings, type WarningCategory } from '../services/community-settings.ts'
import { notify } from '../services/notifications.ts'
import { CONTACT_KINDS, CRISIS_LEVELS, warningWords, WORD_ACTIONS } from '../services/words.ts'
import { queueUrgentAlerts } from '../mail/alerts.ts'
import { mailWritten } from '../mail/outbox.ts'
import type { VerdictJob } from '../../workers/jobs.ts'

export interface ApplyResult {
  applied: boolean
  stale?: boolean
  held?: boolean
  reviewItemId?: number
  crisis?: 'none' | 'concern' | 'urgent'
}

interface PendingSignal {
  priority: number
  reason: string
  signal: NewSignal
}

/** The verdict's crisis signal, tagged with the revision it was read from; undefined for 'none'. */
export function crisisSignal(job: VerdictJob): PendingSignal | undefined {
  const { level, evidence } = job.verdict.crisis
  if (level === 'none') return undefined
  const ev = evidence.map((x) => ({ phrase: x.phrase, reason: x.reason }))
  const priority = level === 'urgent' ? PRIORITY.urgent_crisis : PRIORITY.concern
  const kind = level === 'urgent' ? 'urgent_crisis' : 'concern'
  return {
    priority,
    reason: kind,
    signal: { source: 'pipeline', kind, reason: `Crisis language: ${CRISIS_LEVELS[level]}`, evidence: ev, revision: job.revision },
  }
}

/** Turns a verdict into review signals, highest level first. Pure, so the levels are easy to test. */
export function signalsFor(job: VerdictJob, authorWarnings: WarningCategory[]): PendingSignal[] {
  const v = job.verdict
  const rev = job.revision
  const out: PendingSignal[] = []
  const crisis = crisisSignal(job)
  if (crisis) out.push(crisis)
  // A check that failed found nothing only because it did not run: a person reads the post, at
  // the priority of a concern (without telling the author anything), so it is seen within hours.
  if (v.failed && v.failed.length > 0) {
    const stages = [...new Set(v.failed.map((f) => f.stage))]
    out.push({
      priority: PRIORITY.concern,
      reason: 'scan_failed',
      signal: { source: 'pipeline', kind: 'scan_failed', reason: `Safety checks failed (${stages.join(', ')}): read this post yourself`, revision: rev },
    })
  }
  if (v.spam.isSpam || v.spam.hold) {
    out.push({
      priority: PRIORITY.held,
      reason: 'spam',
      signal: {
        source: 'pipeline',
        kind: 'spam',
        reason: `Spam score ${v.spam.score.toFixed(2)}${v.spam.hold ? ', held for review' : ''}`,
        evidence: v.spam.reasons.map((r) => ({ phrase: '', reason: r })),
        revision: rev,
      },
    })
  }
  if (v.linksBlocked) {
    out.push({
      priority: PRIORITY.held,
      reason: 'new_account_links',
      signal: { source: 'pipeline', kind: 'new_account_links', reason: 'Links from a new account (held)', revision: rev },
    })
  }
  for (const hit of v.rules) {
    if (hit.action === 'warn') continue
    out.push({
      priority: PRIORITY.held,
      reason: 'rule',
      signal: {
        source: 'rule',
        kind: `rule_${hit.action}`,
        reason: `Watched word: ${WORD_ACTIONS[hit.action]}`,
        evidence: [{ phrase: hit.evidence.phrase, reason: `watched word #${hit.wordId}` }],
        revision: rev,
      },
    })
  }
  if (v.contact.found) {
    out.push({
      priority: PRIORITY.held,
      reason: 'contact',
      signal: {
        source: 'pipeline',
        kind: 'contact',
        reason: 'Shares or asks for private contact details',
        evidence: v.contact.findings.map((f) => ({ phrase: f.evidence.phrase, reason: CONTACT_KINDS[f.kind] })),
        revision: rev,
      },
    })
  }
  const added = v.warnings.filter((w) => !authorWarnings.includes(w))
  if (added.length > 0) {
    out.push({
      priority: PRIORITY.warning_review,
      reason: 'warnings',
      signal: { source: 'pipeline', kind: 'warnings', reason: `Content warnings added: ${warningWords(added)}`, revision: rev },
    })
  }
  return out
}

export function shouldHold(job: VerdictJob): boolean {
  const v = job.verdict
  return v.spam.hold || v.linksBlocked || v.rules.some((r) => r.action === 'hold' || r.action === 'block')
}

type Applied = ApplyResult & { alertIds?: number[]; communityId?: number; mailed?: number[]; mailReason?: string }
type PostForVerdict = NonNullable<Awaited<ReturnType<typeof findPostForVerdict>>>

/** The verdict's writes, in the caller's transaction. */
async function applyIn(trx: Transaction<DB>, now: number, job: VerdictJob, opts: { recordSend?: boolean }): Promise<Applied> {
  const post = await findPostForVerdict(trx, job.postId)
  if (!post) return { applied: false }
  const inserted = await insertAppliedVerdict(trx, {
    post_id: job.postId,
    revision: job.revision,
    crisis: job.verdict.crisis.level,
    verdict: JSON.stringify(job.verdict),
    applied_at: now,
  })
  if (!inserted) return { applied: false }
  await markOutboxDone(trx, job.postId, job.revision, now, opts.recordSend)
  if (job.revision < post.revision) return applyStaleCrisis(trx, now, job, post)

  const authorWarnings = parseWarnings(post.author_warnings)
  const ruleWarnings = job.verdict.rules.filter((r) => r.action === 'warn' && r.category).map((r) => r.category!)
  const warnings = [...new Set([...authorWarnings, ...job.verdict.warnings, ...ruleWarnings])]
  const hold = shouldHold(job) && post.status === 'visible'
  await setPostScanned(trx, post.id, JSON.stringify(warnings), hold ? 'held' : post.status)
  if (hold && post.first_post_id === post.id) await setThreadStatus(trx, post.thread_id, 'held')

  let itemId: number | undefined
  for (const s of signalsFor(job, authorWarnings)) {
    const item = await upsertReviewItem(trx, { postId: post.id, communityId: post.community_id, priority: s.priority, reason: s.reason, at: now }, s.signal)
    itemId = item.id
  }

  const level = job.verdict.crisis.level
  const reach = level === 'none' ? undefined : await reachOut(trx, now, post, level, itemId)
  return { applied: true, held: hold, reviewItemId: itemId, crisis: level, ...reach, communityId: post.community_id }
}

/**
 * A verdict for a revision the author has since edited. The newer revision's own scan decides the
 * post's warnings, hold and rule hits, so those are left alone. But a crisis the older text showed
 * is not undone by an edit ("never mind, I'm fine" may be the most worrying revision of all): it
 * still reaches the queue, tagged with the revision it was read from, and the author still gets
 * the crisis resources, as a current verdict's crisis part would.
 */
async function applyStaleCrisis(trx: Transaction<DB>, now: number, job: VerdictJob, post: PostForVerdict): Promise<Applied> {
  const level = job.verdict.crisis.level
  const crisis = crisisSignal(job)
  if (level === 'none' || !crisis) return { applied: true, stale: true }
  const item = await upsertReviewItem(
    trx,
    { postId: post.id, communityId: post.community_id, priority: crisis.priority, reason: crisis.reason, at: now },
    crisis.signal,
  )
  const reach = await reachOut(trx, now, post, level, item.id)
  return { applied: true, stale: true, reviewItemId: item.id, crisis: level, ...reach, communityId: post.community_id }
}

/**
 * A crisis verdict's reach beyond the queue. Never silenced: the author sees the community's
 * crisis resources now and on the next page. An urgent one alerts the community's staff too;
 * returns who was alerted.
 */
async function reachOut(
  trx: Transaction<DB>,
  now: number,
  post: PostForVerdict,
  level: 'concern' | 'urgent',
  reviewItemId: number | undefined,
): Promise<Pick<Applied, 'alertIds' | 'mailed' | 'mailReason'> | undefined> {
  const community = await findCommunityById(trx, post.community_id)
  await notify(trx, [post.author_id], 'crisis_resources', { community: community?.slug, postId: post.id, threadId: post.thread_id }, now)
  await setCrisisPrompt(trx, post.author_id, post.community_id, post.id, now)
  if (level !== 'urgent') return undefined
  const alertIds = await alertStaff(
    trx,
    post.community_id,
    post.author_id,
    { kind: 'urgent_crisis', reviewItemId, postId: post.id, threadId: post.thread_id, community: community?.slug },
    now,
  )
  // Outside the app too: on-duty moderators by e-mail (admins when nobody is), and the alert hook. Sent after commit.
  if (reviewItemId === undefined || !community) return { alertIds }
  const mail = await queueUrgentAlerts(trx, { itemId: reviewItemId, communityId: post.community_id, slug: community.slug, urgentAt: now, now })
  return { alertIds, mailed: mail.emailed, mailReason: mail.reason }
}

/** After commit: a structured line an outside pager can watch for; the result without internals. */
function settle(logger: Logger, job: VerdictJob, result: Applied): ApplyResult {
  if (result.crisis === 'urgent') {
    logger.warn(
      {
        alert: 'urgent_crisis',
        reviewItemId: result.reviewItemId,
        postId: job.postId,
        communityId: result.communityId,
        notified: result.alertIds?.length ?? 0,
        emailed: result.mailed?.length ?? 0,
        reach: result.mailReason,
      },
      'urgent crisis post in review queue',
    )
  }
  const { alertIds: _a, communityId: _c, mailed: _m, mailReason: _r, ...rest } = result
  return rest
}

/**
 * Applies a verdict once per (post, revision), in one short transaction. A verdict for an older
 * revision is recorded and brings only its crisis part (applyStaleCrisis): the newer revision's
 * own scan decides the rest. `recordSend`: the embedded pipeline scanned it in process, and the
 * outbox row's send is recorded here too.
 */
export async function applyVerdict(db: Kysely<DB>, clock: Clock, logger: Logger, job: VerdictJob, opts: { recordSend?: boolean } = {}): Promise<ApplyResult> {
  const result = await transaction(db, (trx) => applyIn(trx, clock.now(), job, opts))
  if (result.crisis === 'urgent') mailWritten(db)
  return settle(logger, job, result)
}

/**
 * A batch of verdicts sharing one commit with the other writes of this turn of the event loop
 * (group commit: the replies being posted meanwhile, say): a commit, with its sync of the log,
 * was the largest single cost of a verdict. Each verdict has a savepoint of its own, so one that
 * fails is rolled back alone and reported as an Error in its place; the others stand.
 */
export async function applyVerdicts(
  db: Kysely<DB>,
  clock: Clock,
  logger: Logger,
  jobs: VerdictJob[],
  opts: { recordSend?: boolean } = {},
): Promise<(ApplyResult | Error)[]> {
  if (jobs.length === 0) return []
  const now = clock.now()
  const results = await Promise.allSettled(jobs.map((job) => groupCommit(db, (trx) => applyIn(trx, now, job, opts))))
  if (results.some((r) => r.status === 'fulfilled' && r.value.crisis === 'urgent')) mailWritten(db)
  return results.map((r, i) => (r.status === 'fulfilled' ? settle(logger, jobs[i]!, r.value) : (r.reason as Error)))
}

async function alertStaff(trx: Executor, communityId: number, exceptUserId: number, data: Record<string, unknown>, now: number): Promise<number[]> {
  const staff = await listCommunityStaff(trx, communityId, now)
  const ids = staff.map((s) => s.user_id).filter((id) => id !== exceptUserId)
  await notify(trx, ids, 'alert', data, now)
  return ids
}

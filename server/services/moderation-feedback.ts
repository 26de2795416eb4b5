// Moderators teach the safety pipeline: with an action that closes an item the pipeline raised,
// whether its flag was right and, if not, what was. Stored for `alongside safety export-labels`.
import { AppError } from '../errors.ts'
import { listSignals } from '../db/review.ts'
import type { Executor, PostRow } from '../db/schema.ts'
import { upsertSafetyFeedback } from '../db/safety.ts'
import { parseWarnings } from './community-settings.ts'
import type { SafetyFeedbackInput } from './moderation-actions.ts'

/**
 * A moderator's answer to "was the pipeline's flag right?", as complete labels: the pipeline's
 * reading of the post (its crisis, spam and contact signals on this item, the post's warnings now)
 * where the flag was right, the moderator's corrections in their place where it was not.
 */
export async function recordFeedback(
  trx: Executor,
  itemId: number,
  post: PostRow,
  communityId: number,
  moderatorId: number,
  fb: SafetyFeedbackInput,
  now: number,
) {
  const signals = (await listSignals(trx, [itemId])).filter((sig) => sig.source === 'pipeline')
  if (signals.length === 0)
    throw new AppError(400, 'invalid_input', 'The safety pipeline did not flag this item, so there is no flag to judge.', {
      feedback: 'the pipeline did not flag this item',
    })
  const kinds = new Set(signals.map((sig) => sig.kind))
  const seen = {
    crisis: kinds.has('urgent_crisis') ? ('urgent' as const) : kinds.has('concern') ? ('concern' as const) : ('none' as const),
    warnings: parseWarnings(post.content_warnings),
    spam: kinds.has('spam'),
    contact: kinds.has('contact'),
  }
  const labels = fb.right
    ? seen
    : {
        crisis: fb.crisis ?? seen.crisis,
        warnings: fb.warnings ?? seen.warnings,
        spam: fb.spam ?? seen.spam,
        contact: fb.contact ?? seen.contact,
      }
  await upsertSafetyFeedback(trx, {
    item_id: itemId,
    post_id: post.id,
    revision: post.revision,
    community_id: communityId,
    moderator_id: moderatorId,
    flag_right: fb.right ? 1 : 0,
    crisis: labels.crisis,
    warnings: JSON.stringify(labels.warnings),
    spam: labels.spam ? 1 : 0,
    contact: labels.contact ? 1 : 0,
    created_at: now,
  })
}

import { listMailTargets } from '../db/account-mail.ts'
import type { Executor } from '../db/schema.ts'
import { queueEmail } from './outbox.ts'
import { notBefore, parseEmailPrefs } from './preferences.ts'

/**
 * Members' opt-in mail, in the transaction that wrote the notification: only to a confirmed
 * address, only for what they turned on, held through their quiet hours. Replies go into the
 * digest instead when the member chose one; a moderator's check-in always goes at once (it may
 * be about their safety). Sent within a poll of the commit.
 */
export async function queueMemberMail(
  trx: Executor,
  userIds: number[],
  what: { topic: 'replies'; postId: number; threadId: number } | { topic: 'check_ins'; checkInId: number },
  at: number,
) {
  if (userIds.length === 0) return
  for (const u of await listMailTargets(trx, [...new Set(userIds)])) {
    if (!u.email || u.email_verified_at === null) continue
    const prefs = parseEmailPrefs(u.email_prefs)
    if (what.topic === 'replies' && (!prefs.replies || prefs.digest !== 'off')) continue
    if (what.topic === 'check_ins' && !prefs.checkIns) continue
    await queueEmail(trx, {
      purpose: what.topic === 'replies' ? 'reply' : 'check_in',
      dedupeKey: what.topic === 'replies' ? `reply:${what.postId}:${u.id}` : `check-in:${what.checkInId}:${u.id}`,
      userId: u.id,
      to: u.email,
      template:
        what.topic === 'replies' ? { name: 'reply', path: `/t/${what.threadId}/p/${what.postId}` } : { name: 'check_in', path: `/check-ins/${what.checkInId}` },
      unsubscribe: what.topic,
      at,
      notBefore: notBefore(prefs, at),
    })
  }
}

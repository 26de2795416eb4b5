// Check-ins from the member's side: the conversation with the moderators on their post, their
// answers (which reopen or join the post's item), and a post's request for a check-in.
import { notFound } from '../errors.ts'
import { findCommunityById } from '../db/communities.ts'
import * as m from '../db/moderation.ts'
import { findPostById } from '../db/posts.ts'
import { PRIORITY, addSignal, upsertReviewItem } from '../db/review.ts'
import type { Executor } from '../db/schema.ts'
import { requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { notify } from './notifications.ts'
import { iso } from '../time.ts'

export function createCheckInService(deps: ServiceDeps) {
  const { db, clock } = deps
  return {
    /** The member's side of a check-in: every message between them and the moderators on that item. */
    async conversation(ctx: Ctx, checkInId: number) {
      const actor = requireActor(ctx.actor)
      const msg = await m.findCheckIn(db, checkInId)
      if (!msg || msg.member_id !== actor.id) throw notFound('That message')
      const community = (await findCommunityById(db, msg.community_id))!
      const item = (await m.findItem(db, msg.item_id))!
      const all = await m.listCheckInsForPost(db, item.post_id)
      return {
        checkInId,
        community: { slug: community.slug, name: community.name },
        // Moderators stay "a moderator" to the member unless they chose to sign.
        messages: all.map((c) => ({
          from: c.from_moderator ? (c.signed ? (c.sender_handle ?? 'A moderator') : 'A moderator') : 'You',
          fromModerator: c.from_moderator === 1,
          body: c.body,
          createdAt: iso(c.created_at),
        })),
      }
    },

    /** A member answers a moderator's check-in: the reply joins the item's conversation. */
    async replyToCheckIn(ctx: Ctx, checkInId: number, body: string) {
      const actor = requireActor(ctx.actor)
      const msg = await m.findCheckIn(db, checkInId)
      if (!msg || msg.member_id !== actor.id) throw notFound('That message')
      const now = clock.now()
      await db.transaction().execute(async (trx) => {
        // An answer is a signal on the post's open item, at concern level or above: it moves the
        // item's version (a moderator's decision made before it is refused), and an answer after
        // the item was closed ("actually I am not OK") opens it again, or joins the item open since.
        const item = (await m.findItem(trx, msg.item_id))!
        const post = await findPostById(trx, item.post_id)
        const closed = item.status !== 'open'
        const signal = {
          source: 'member' as const,
          kind: 'check_in_reply',
          reason: closed ? `The member answered a check-in after item ${item.id} was closed` : 'The member answered a check-in',
          revision: post?.revision ?? null,
        }
        let itemId = item.id
        if (closed && (await m.reopenItem(trx, item.id, item.post_id, PRIORITY.concern, 'check_in_reply', now))) await addSignal(trx, item.id, signal, now)
        else
          itemId = (
            await upsertReviewItem(
              trx,
              { postId: item.post_id, communityId: item.community_id, priority: PRIORITY.concern, reason: 'check_in_reply', at: now },
              signal,
            )
          ).id
        await m.insertCheckIn(trx, {
          item_id: itemId,
          community_id: msg.community_id,
          member_id: actor.id,
          sender_id: actor.id,
          from_moderator: 0,
          signed: 1,
          body: body.trim(),
          created_at: now,
        })
        // The community's moderators and leads and the admins hear it (whoever wrote the check-in is
        // one of them, unless they have since lost the role): an answer must never reach nobody.
        await notify(
          trx,
          await m.adminsAndStaff(trx, msg.community_id, ['moderator', 'lead'], now),
          'moderator_message',
          { kind: 'check_in_reply', reviewItemId: itemId },
          now,
        )
      })
      return { sent: true }
    },

    /** Called by a post write when the member asked a moderator to check in with them. */
    async requestCheckIn(trx: Executor, post: { id: number; community_id: number; revision: number }) {
      await upsertReviewItem(
        trx,
        { postId: post.id, communityId: post.community_id, priority: PRIORITY.concern, reason: 'check_in_requested', at: clock.now() },
        {
          source: 'member',
          kind: 'check_in_requested',
          reason: 'The author asked a moderator to check in with them',
          revision: post.revision,
        },
      )
    },
  }
}

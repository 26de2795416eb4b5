import { findCommunityById, listCommunitiesWithRole } from '../db/communities.ts'
import { findItem, listRules } from '../db/moderation.ts'
import { findPostWithAuthor } from '../db/posts.ts'
import { findThreadById } from '../db/threads.ts'
import { findUserById } from '../db/users.ts'
import { parseWarnings } from './community-settings.ts'
import { listAlertsForItems } from '../db/mail.ts'
import { alertRowToView } from './duty.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import type { ModerationService } from './moderation.ts'
import { CLAIM_TTL_MS, iso } from '../time.ts'

/** Reads for the moderators' pages: the communities they moderate, and everything behind one review item. */
export function createModeratorPageService(deps: ServiceDeps, moderation: ModerationService) {
  const { db, clock } = deps
  return {
    /** The communities the member moderates, for the filter menus (every community for an admin). */
    async moderatedCommunities(ctx: Ctx) {
      const a = ctx.actor
      if (!a) return []
      return listCommunitiesWithRole(db, a.isAdmin ? 'all' : a.id, ['moderator', 'lead'])
    },

    /** The post, thread, community and claim behind a review item. Checks moderator rights through the moderation service first. */
    async itemContext(ctx: Ctx, itemId: number) {
      const detail = await moderation.item(ctx, itemId)
      const row = (await findItem(db, itemId))!
      const post = (await findPostWithAuthor(db, row.post_id))!
      const [thread, community, claimer] = await Promise.all([
        findThreadById(db, post.thread_id),
        findCommunityById(db, row.community_id),
        row.claimed_by !== null ? findUserById(db, row.claimed_by) : undefined,
      ])
      const now = clock.now()
      const claimLive = row.claimed_by !== null && row.claimed_at !== null && row.claimed_at > now - CLAIM_TTL_MS
      return {
        ...detail,
        waitingSeconds: Math.max(0, Math.round((now - row.created_at) / 1000)),
        claim: claimLive && claimer ? { handle: claimer.handle, mine: claimer.id === ctx.actor?.id, expiresAt: iso(row.claimed_at! + CLAIM_TTL_MS) } : null,
        community: { slug: community!.slug, name: community!.name },
        communityId: row.community_id,
        thread: { id: thread!.id, title: thread!.title, locked: thread!.locked === 1 },
        post: {
          id: post.id,
          author: post.author_handle,
          body: post.body,
          html: post.html,
          status: post.status,
          revision: post.revision,
          contentWarnings: parseWarnings(post.content_warnings),
        },
        rules: (await listRules(db, row.community_id)).map((r) => ({ id: r.id, position: r.position, title: r.title })),
        // Who was reached outside the app about this item, and when (issue #18).
        alerts: (await listAlertsForItems(db, [itemId])).map(alertRowToView),
      }
    },
  }
}

export type ModeratorPageService = ReturnType<typeof createModeratorPageService>

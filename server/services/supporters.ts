import { findCommunityById, findCommunityBySlug, findMembership } from '../db/communities.ts'
import { crisisItemsByResolver, insertDebriefRequest, listDebriefRequests, listLeadIds, ownCrisisCounts } from '../db/outcomes.ts'
import { PRIORITY } from '../db/review.ts'
import { AppError, forbidden, notFound } from '../errors.ts'
import { DAY_MS, HOUR_MS, iso } from '../time.ts'
import { assertNotSuspended, isLead, isModerator, requireActor } from './authz.ts'
import { parseSettings } from './community-settings.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { notify } from './notifications.ts'

/** A shift, for the break suggestion: the urgent items a moderator closed in the last this-many hours. */
export const SHIFT_MS = 8 * HOUR_MS
/** Crisis items: the queue's two top levels (urgent crisis; concern, including members asking for a check-in). */
const CRISIS = PRIORITY.concern

/**
 * Looking after the supporters (issue #20): how much crisis work each moderator has carried, a
 * break suggestion after a community's limit of urgent items in a shift, and "ask a lead for a
 * debrief", a private note to the community's leads.
 */
export function createSupporterService(deps: ServiceDeps) {
  const { db, clock, logger } = deps
  const log = logger.child({ component: 'supporters' })

  async function staffCommunity(ctx: Ctx, slug: string) {
    const actor = requireActor(ctx.actor)
    const community = await findCommunityBySlug(db, slug)
    if (!community) throw notFound('That community')
    assertNotSuspended(actor)
    const membership = await findMembership(db, community.id, actor.id)
    if (!isModerator(actor, membership)) throw forbidden(`Only moderators and leads of ${community.name} can do this.`, 'not_a_moderator')
    return { actor, community, lead: isLead(actor, membership) }
  }

  return {
    /** The moderator's own crisis counts, and (for a lead) everyone's, with the debrief requests. */
    async load(ctx: Ctx, slug: string) {
      const { actor, community, lead } = await staffCommunity(ctx, slug)
      const now = clock.now()
      const own = await ownCrisisCounts(db, actor.id, now - 30 * DAY_MS, now - 7 * DAY_MS, now - SHIFT_MS, CRISIS)
      if (!lead) return { own, team: null, debriefs: null }
      const [team, debriefs] = await Promise.all([
        crisisItemsByResolver(db, community.id, now - 30 * DAY_MS, now - 7 * DAY_MS, CRISIS),
        listDebriefRequests(db, community.id, now - 30 * DAY_MS, 50),
      ])
      return {
        own,
        team: team.map((t) => ({ handle: t.handle, last7: t.last7, last30: t.last30, urgent30: t.urgent30 })),
        debriefs: debriefs.map((d) => ({ id: d.id, handle: d.handle, at: iso(d.created_at), note: d.note })),
      }
    },

    /**
     * For the review item page: whether the moderator has closed the community's limit of urgent
     * items in this shift. Null for anyone who is not staff there (the item page checks rights itself).
     */
    async breakSuggestion(ctx: Ctx, communityId: number) {
      const actor = ctx.actor
      if (!actor) return null
      const community = await findCommunityById(db, communityId)
      if (!community || !isModerator(actor, await findMembership(db, community.id, actor.id))) return null
      const limit = parseSettings(community.settings, { communityId, logger }).breakAfterUrgentItems
      const now = clock.now()
      const own = await ownCrisisCounts(db, actor.id, now - SHIFT_MS, now - SHIFT_MS, now - SHIFT_MS, CRISIS)
      if (own.urgentShift < limit) return null
      return { urgentInShift: own.urgentShift, limit, community: { slug: community.slug, name: community.name } }
    },

    /** "Ask a lead for a debrief": a private note to the community's leads, who are notified (ids only; the note stays on the site). */
    async askForDebrief(ctx: Ctx, slug: string, note: string) {
      const { actor, community } = await staffCommunity(ctx, slug)
      const text = note.trim()
      if (text.length > 1000) throw new AppError(400, 'invalid_input', 'Keep the note under 1,000 characters.', { note: 'must be at most 1,000 characters' })
      const now = clock.now()
      await db.transaction().execute(async (trx) => {
        const { id } = await insertDebriefRequest(trx, { community_id: community.id, moderator_id: actor.id, note: text || null, created_at: now })
        const leads = (await listLeadIds(trx, community.id)).map((l) => l.user_id).filter((id) => id !== actor.id)
        await notify(trx, leads, 'debrief_requested', { community: community.slug, requestId: id }, now)
      })
      log.info({ communityId: community.id, moderatorId: actor.id }, 'debrief requested')
    },
  }
}

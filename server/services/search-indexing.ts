import { findCommunityBySlug, findMembership } from '../db/communities.ts'
import { transaction } from '../db/connection.ts'
import { insertAudit } from '../db/moderation.ts'
import { setCommunityIndexable } from '../db/profiles.ts'
import { AppError, forbidden, notFound } from '../errors.ts'
import { assertNotSuspended, isLead, requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'

/**
 * Whether search engines may list a community's threads. Off for every community by default:
 * people share here what they tell nobody else. A lead (or an admin) may open a public community;
 * a community that stops being public is not indexed whatever this says (communityToJson).
 */
export function createSearchIndexingService(deps: ServiceDeps) {
  const { db, clock } = deps
  return {
    async set(ctx: Ctx, slug: string, indexable: boolean): Promise<{ searchIndexing: boolean }> {
      const actor = requireActor(ctx.actor)
      const community = await findCommunityBySlug(db, slug)
      if (!community) throw notFound('That community')
      assertNotSuspended(actor)
      if (!isLead(actor, await findMembership(db, community.id, actor.id)))
        throw forbidden(`Only leads of ${community.name} can change its settings.`, 'not_a_lead')
      if (indexable && community.visibility !== 'public')
        throw new AppError(409, 'not_public', `${community.name} is not public, so search engines cannot be let in. Make it public first.`)
      await transaction(db, async (trx) => {
        await setCommunityIndexable(trx, community.id, indexable)
        await insertAudit(trx, {
          community_id: community.id,
          actor_id: actor.id,
          action: 'set_search_indexing',
          target_type: 'community',
          target_id: community.id,
          before: { indexable: community.indexable === 1 },
          after: { indexable },
          created_at: clock.now(),
        })
      })
      return { searchIndexing: indexable }
    },
  }
}

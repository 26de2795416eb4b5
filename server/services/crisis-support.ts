import { findCommunityById, listCrisisResources } from '../db/communities.ts'
import { clearCrisisPromptFor, peekCrisisPrompt, takeCrisisPrompt } from '../db/safety.ts'
import { crisisResourceToJson, type CrisisResource } from './communities.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { iso } from '../time.ts'

export interface CrisisSupport {
  community: { slug: string; name: string }
  resources: CrisisResource[]
  postId: number
  since: string
}

/**
 * After a crisis verdict on a member's post, the community's crisis lines wait for them: shown
 * once on the next page they load (and in a notification), then cleared.
 */
export function createCrisisSupportService(deps: ServiceDeps) {
  const { db } = deps
  async function expand(row: { community_id: number; post_id: number; created_at: number } | undefined): Promise<CrisisSupport | null> {
    if (!row) return null
    const community = await findCommunityById(db, row.community_id)
    if (!community) return null
    const resources = (await listCrisisResources(db, community.id)).map(crisisResourceToJson)
    return { community: { slug: community.slug, name: community.name }, resources, postId: row.post_id, since: iso(row.created_at) }
  }
  return {
    async pending(ctx: Ctx) {
      return ctx.actor ? expand(await peekCrisisPrompt(db, ctx.actor.id)) : null
    },
    /**
     * A page showing the lines for this post was sent: they are cleared. Pages read them with
     * pending() and clear them only once sent, so a page that fails after reading them (a 404, an
     * error) does not use up the one showing.
     */
    async shown(ctx: Ctx, postId: number) {
      if (ctx.actor) await clearCrisisPromptFor(db, ctx.actor.id, postId)
    },
    /** Reads and clears: the page that shows it is the one "next page load". */
    async take(ctx: Ctx) {
      if (!ctx.actor) return null
      // Every page asks; almost always there is nothing, so read first and write only when there is.
      if (!(await peekCrisisPrompt(db, ctx.actor.id))) return null
      return expand(await takeCrisisPrompt(db, ctx.actor.id))
    },
  }
}

import { findCommunityBySlug, findMembership } from '../db/communities.ts'
import type { WatchLevel } from '../db/schema-reading.ts'
import { findThreadWatch, isCommunityMuted, setCommunityMute, setThreadWatch } from '../db/watch.ts'
import { notFound } from '../errors.ts'
import { assertCanRead, requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import type { ForumService } from './forum.ts'

export const WATCH_LEVELS = ['follow', 'normal', 'mute'] as const
/** 'normal': replies to you and to your threads notify you; 'follow': every reply; 'mute': none. */
export type WatchChoice = (typeof WATCH_LEVELS)[number]

/**
 * What notifies a member: following a thread (every reply), muting it (nothing, not even a reply
 * to them), muting a community (no reply notifications from it). Safety notices (crisis lines,
 * moderators' messages and alerts) are never muted.
 */
export function createWatchService(deps: ServiceDeps, forum: Pick<ForumService, 'loadThreadForReading'>) {
  const { db, clock } = deps

  async function communityFor(ctx: Ctx, slug: string) {
    const actor = requireActor(ctx.actor)
    const community = await findCommunityBySlug(db, slug)
    if (!community) throw notFound('That community')
    assertCanRead(community, actor, await findMembership(db, community.id, actor.id))
    return { actor, community }
  }

  return {
    async threadLevel(ctx: Ctx, threadId: number): Promise<WatchChoice> {
      if (!ctx.actor) return 'normal'
      return (await findThreadWatch(db, ctx.actor.id, threadId)) ?? 'normal'
    },

    async setThreadLevel(ctx: Ctx, threadId: number, level: WatchChoice): Promise<{ level: WatchChoice }> {
      const actor = requireActor(ctx.actor)
      await forum.loadThreadForReading(ctx, threadId)
      await setThreadWatch(db, actor.id, threadId, level === 'normal' ? null : (level satisfies WatchLevel), clock.now())
      return { level }
    },

    async communityMuted(ctx: Ctx, slug: string): Promise<boolean> {
      const { actor, community } = await communityFor(ctx, slug)
      return isCommunityMuted(db, actor.id, community.id)
    },

    async setCommunityMuted(ctx: Ctx, slug: string, muted: boolean): Promise<{ muted: boolean }> {
      const { actor, community } = await communityFor(ctx, slug)
      await setCommunityMute(db, actor.id, community.id, muted, clock.now())
      return { muted }
    },
  }
}

export type WatchService = ReturnType<typeof createWatchService>

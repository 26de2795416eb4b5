import { blockersAmong, blockersByHandleKey, deleteBlock, insertBlock, listBlocked } from '../db/blocks.ts'
import type { Executor } from '../db/schema.ts'
import { findUserByHandleKey } from '../db/users.ts'
import { AppError, notFound } from '../errors.ts'
import { iso } from '../time.ts'
import { requireActor } from './authz.ts'
import { handleKey } from './auth.ts'
import type { Ctx, ServiceDeps } from './context.ts'

/** More than anyone needs; keeps the list, and the page cache key built from it, bounded. */
export const MAX_BLOCKS = 500

/** @handles in a post's Markdown (at most 50 read), as handle keys. */
export function mentionedKeys(body: string): string[] {
  const keys = new Set<string>()
  for (const m of body.matchAll(/(?<![\w@])@([A-Za-z0-9_-]{3,30})\b/g)) {
    keys.add(handleKey(m[1]!))
    if (keys.size >= 50) break
  }
  return [...keys]
}

/** The writer's words reach none of the members who blocked them: no reply to their posts, no mention. */
export async function assertMayAddress(db: Executor, writerId: number, opts: { replyToAuthorId?: number; body: string }) {
  if (opts.replyToAuthorId !== undefined && (await blockersAmong(db, writerId, [opts.replyToAuthorId])).size > 0) {
    throw new AppError(403, 'cannot_reply_to_post', 'You cannot reply to this post. You can still reply to the thread.')
  }
  const refused = await blockersByHandleKey(db, writerId, mentionedKeys(opts.body))
  if (refused.length > 0) {
    throw new AppError(422, 'cannot_mention', `You cannot mention ${refused.map((h) => `@${h}`).join(', ')} in a post. Please remove the mention.`, {
      body: 'mentions someone who cannot be mentioned',
    })
  }
}

/**
 * Blocking: the blocker's side of it. Their view folds the blocked member's posts, the blocked
 * member cannot reply to their posts or mention them, and nothing the blocked member does
 * notifies them. Nobody is told of a block, and it changes nothing for moderators.
 */
export function createBlockService(deps: ServiceDeps) {
  const { db, clock } = deps

  async function target(handle: string) {
    const user = await findUserByHandleKey(db, handleKey(handle))
    if (!user) throw notFound('That member')
    return user
  }

  return {
    async list(ctx: Ctx) {
      const actor = requireActor(ctx.actor)
      const rows = await listBlocked(db, actor.id, MAX_BLOCKS)
      return rows.map((r) => ({ handle: r.handle, since: iso(r.created_at)! }))
    },

    /** Handles this reader blocked, for folding their posts (none for a guest). */
    async blockedHandles(ctx: Ctx): Promise<string[]> {
      if (!ctx.actor) return []
      return (await listBlocked(db, ctx.actor.id, MAX_BLOCKS)).map((r) => r.handle).sort()
    },

    async block(ctx: Ctx, handle: string) {
      const actor = requireActor(ctx.actor)
      const user = await target(handle)
      if (user.id === actor.id) throw new AppError(400, 'cannot_block_self', 'You cannot block yourself.')
      if ((await listBlocked(db, actor.id, MAX_BLOCKS)).length >= MAX_BLOCKS)
        throw new AppError(409, 'too_many_blocks', `You can block up to ${MAX_BLOCKS} members. Unblock someone first.`)
      await insertBlock(db, actor.id, user.id, clock.now())
      return { handle: user.handle, blocked: true }
    },

    async unblock(ctx: Ctx, handle: string) {
      const actor = requireActor(ctx.actor)
      const user = await target(handle)
      await deleteBlock(db, actor.id, user.id)
      return { handle: user.handle, blocked: false }
    },
  }
}

export type BlockService = ReturnType<typeof createBlockService>

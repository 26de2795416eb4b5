import { listCommunities, listMembershipsOfUser } from '../db/communities.ts'
import { findProfileUser, profileMemberships, recentVisiblePosts } from '../db/profiles.ts'
import { notFound } from '../errors.ts'
import { iso } from '../time.ts'
import { canRead } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { authorBadge, type AuthorBadge } from './post-views.ts'

export const RECENT_POSTS = 10

export interface ProfileView {
  handle: string
  joinedAt: string
  /** Site-wide: an admin's badge (paused while suspended, as on posts). */
  badge?: 'admin'
  communities: { slug: string; name: string; badge?: AuthorBadge }[]
  recentPosts: { id: number; threadId: number; threadTitle: string; community: { slug: string; name: string }; createdAt: string }[]
  visibility: string
  isOwn: boolean
}

/**
 * A member's page: handle, joined date, badges, communities and recent posts, each only where the
 * reader may read the community. The member chooses who sees it (everyone, members, no one; they
 * always see their own). Posts are listed by thread title, never quoted: a post's content warnings
 * and the reader's preferences for them belong to the thread page. A hidden profile, a deleted account and an unknown handle give the same 404.
 */
export function createProfileService(deps: ServiceDeps) {
  const { db, clock } = deps
  return {
    async get(ctx: Ctx, handle: string): Promise<ProfileView> {
      const reader = ctx.actor
      const missing = () => notFound('That profile')
      if (handle.length > 30) throw missing()
      const user = await findProfileUser(db, handle.toLowerCase())
      if (!user || user.deleted_at !== null) throw missing()
      const isOwn = reader?.id === user.id
      const allowed = isOwn || user.profile_visibility === 'everyone' || (user.profile_visibility === 'members' && reader !== undefined)
      if (!allowed) throw missing()
      const now = clock.now()
      const readerCommunities = reader ? new Set((await listMembershipsOfUser(db, reader.id)).map((m) => m.slug)) : new Set<string>()
      const theirs = (await profileMemberships(db, user.id)).filter((c) => canRead(c, reader, readerCommunities.has(c.slug)))
      // Recent posts also from communities they have left, where the reader can read them.
      const readable = (await listCommunities(db)).filter((c) => canRead(c, reader, readerCommunities.has(c.slug))).map((c) => c.id)
      const posts = await recentVisiblePosts(db, user.id, readable, RECENT_POSTS)
      const staff = { author_is_admin: user.is_admin, author_suspended_until: user.suspended_until }
      return {
        handle: user.handle,
        joinedAt: iso(user.created_at),
        ...(authorBadge(staff, now) === 'admin' ? { badge: 'admin' as const } : {}),
        communities: theirs.map((c) => {
          const badge = authorBadge({ author_role: c.role, author_suspended_until: user.suspended_until }, now)
          return { slug: c.slug, name: c.name, ...(badge ? { badge } : {}) }
        }),
        recentPosts: posts.map((p) => ({
          id: p.id,
          threadId: p.thread_id,
          threadTitle: p.title,
          community: { slug: p.slug, name: p.name },
          createdAt: iso(p.created_at),
        })),
        visibility: user.profile_visibility,
        isOwn,
      }
    },
  }
}

export type ProfileService = ReturnType<typeof createProfileService>

import type { ThreadRow } from '../db/schema.ts'
import { iso } from '../time.ts'
import { parseWarnings, type WarningCategory } from './community-settings.ts'
import type { Actor } from './context.ts'

/** What a post's author is in its community, shown beside their handle; members have none. */
export type AuthorBadge = 'admin' | 'lead' | 'moderator' | 'peer_supporter'

/**
 * A badge from the author's roles, never from their name (handles that pass for staff are refused
 * at registration). Staff powers pause during a suspension, and so does the badge.
 */
export function authorBadge(
  a: { author_role?: string | null; author_is_admin?: number | null; author_suspended_until?: number | null },
  now: number,
): AuthorBadge | undefined {
  if (a.author_suspended_until != null && a.author_suspended_until > now) return undefined
  if (a.author_is_admin === 1) return 'admin'
  switch (a.author_role) {
    case 'lead':
    case 'moderator':
    case 'peer_supporter':
      return a.author_role
    default:
      return undefined
  }
}

export interface PostView {
  id: number
  threadId: number
  author: { handle: string; badge?: AuthorBadge } | null
  body: string
  html: string
  revision: number
  createdAt: string
  editedAt: string | null
  contentWarnings: WarningCategory[]
  status: string
  scanStatus: string
  isOwn: boolean
  /** The reader blocked its author: the words are withheld (never for a moderator of the community). */
  blockedAuthor?: true
}

type PostLike = {
  id: number
  thread_id: number
  author_id: number
  author_handle: string
  body: string
  html: string
  revision: number
  content_warnings: string
  status: string
  scan_status: string
  created_at: number
  edited_at: number | null
  /** Read with the post when it is shown with a badge (a thread page). */
  author_badge?: AuthorBadge
}

/**
 * What a viewer may see of a post. Deleted posts keep their place but lose their words and author.
 * Hidden and removed posts show their words, author and warnings only to their author and to
 * moderators: to everyone else a place-holder (who wrote a hidden post, and what its warnings
 * say it is about, is part of what was hidden).
 */
export function postToView(p: PostLike, viewer: Actor | undefined, viewerModerates: boolean): PostView {
  const isOwn = viewer?.id === p.author_id
  const base = {
    id: p.id,
    threadId: p.thread_id,
    revision: p.revision,
    createdAt: iso(p.created_at)!,
    editedAt: iso(p.edited_at),
    status: p.status,
    scanStatus: p.scan_status,
    isOwn,
  }
  const concealed = p.status === 'deleted' || ((p.status === 'hidden' || p.status === 'removed') && !isOwn && !viewerModerates)
  if (concealed) return { ...base, author: null, body: '', html: '', contentWarnings: [] }
  const author = p.author_badge ? { handle: p.author_handle, badge: p.author_badge } : { handle: p.author_handle }
  return { ...base, author, body: p.body, html: p.html, contentWarnings: parseWarnings(p.content_warnings) }
}

/**
 * A page of posts as a reader who blocked these handles sees them: each of those members' posts
 * marked and its words withheld, as the thread page folds them. A moderator of the community sees
 * every post whole (a block never hides a crisis from them), and so does the writer of their own.
 */
export function foldBlocked(posts: PostView[], blocked: ReadonlySet<string>, viewerModerates: boolean): PostView[] {
  if (viewerModerates || blocked.size === 0) return posts
  return posts.map((p) => (p.author && !p.isOwn && blocked.has(p.author.handle) ? { ...p, body: '', html: '', blockedAuthor: true as const } : p))
}

/** A deleted thread's title is not shown. */
export const shownTitle = (t: { status: string; title: string }) => (t.status === 'deleted' ? '[deleted]' : t.title)

export const threadToJson = (t: Omit<ThreadRow, 'version'> & { author_handle?: string }, communitySlug: string) => ({
  id: t.id,
  community: communitySlug,
  title: shownTitle(t),
  author: t.status === 'deleted' || t.author_handle === undefined ? null : { handle: t.author_handle },
  replyCount: t.reply_count,
  locked: t.locked === 1,
  status: t.status,
  createdAt: iso(t.created_at)!,
  lastActivityAt: iso(t.last_activity_at)!,
})
export type ThreadView = ReturnType<typeof threadToJson>

import type { ThreadRow } from '../db/schema.ts'
import { iso } from '../time.ts'
import { parseWarnings, type WarningCategory } from './community-settings.ts'
import type { Actor } from './context.ts'

export interface PostView {
  id: number
  threadId: number
  author: { handle: string } | null
  body: string
  html: string
  revision: number
  createdAt: string
  editedAt: string | null
  contentWarnings: WarningCategory[]
  status: string
  scanStatus: string
  isOwn: boolean
}

type PostLike = {
  id: number; thread_id: number; author_id: number; author_handle: string; body: string; html: string; revision: number
  content_warnings: string; status: string; scan_status: string; created_at: number; edited_at: number | null
}

/**
 * What a viewer may see of a post. Deleted posts keep their place but lose their words and author;
 * hidden and removed posts show their words only to their author and to moderators.
 */
export function postToView(p: PostLike, viewer: Actor | undefined, viewerModerates: boolean): PostView {
  const isOwn = viewer?.id === p.author_id
  const base = {
    id: p.id, threadId: p.thread_id, revision: p.revision, createdAt: iso(p.created_at)!, editedAt: iso(p.edited_at),
    status: p.status, scanStatus: p.scan_status, isOwn,
  }
  if (p.status === 'deleted') return { ...base, author: null, body: '', html: '', contentWarnings: [] }
  const concealed = (p.status === 'hidden' || p.status === 'removed') && !isOwn && !viewerModerates
  return {
    ...base,
    author: { handle: p.author_handle },
    body: concealed ? '' : p.body,
    html: concealed ? '' : p.html,
    contentWarnings: parseWarnings(p.content_warnings),
  }
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

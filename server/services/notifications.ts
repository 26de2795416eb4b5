import { countUnread, insertNotifications, listNotificationsPage, markRead, postAuthorHandles, signedCheckInSenders } from '../db/notifications.ts'
import { blockersAmong } from '../db/blocks.ts'
import { findCommunityById } from '../db/communities.ts'
import { notifyFollowers, quietAmong } from '../db/watch.ts'
import { queueMemberMail } from '../mail/member-mail.ts'
import type { Executor } from '../db/schema.ts'
import { requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { decodeCursor, encodeCursor, hasInts } from './cursor.ts'
import { THREAD_WITHHELD } from './visibility.ts'
import { iso } from '../time.ts'

const isCursor = (v: unknown) => hasInts(v, 'before')

export type NotificationKind =
  | 'reply_to_thread'
  | 'reply_to_post'
  | 'reply_in_followed_thread'
  | 'crisis_resources'
  | 'moderator_message'
  | 'moderation_outcome'
  | 'alert'
  | 'debrief_requested'

export async function notify(db: Executor, userIds: number[], kind: NotificationKind, data: Record<string, unknown>, at: number) {
  await insertNotifications(
    db,
    [...new Set(userIds)].map((user_id) => ({ user_id, kind, data: JSON.stringify(data), created_at: at })),
  )
  // A moderator's check-in to a member (not the staff's notice of an answer): by e-mail too, if they opted in.
  if (kind === 'moderator_message' && typeof data.checkInId === 'number')
    await queueMemberMail(db, userIds, { topic: 'check_ins', checkInId: data.checkInId }, at)
}

/**
 * Tells the author of the post a reply answers, and the thread's author, that someone replied;
 * never the replier. While the thread is withheld (held, hidden or removed) only its author can
 * read it, so only they hear of it: the notification carries the thread's title.
 * A held reply reaches nobody until a moderator approves it; the approval calls this then.
 */
export async function notifyReply(
  db: Executor,
  r: {
    postId: number
    replierId: number
    replierHandle: string
    replyToAuthorId?: number
    thread: { id: number; title: string; author_id: number; status: string; community_id: number }
    community: string
    at: number
  },
) {
  const kinds = new Map<number, NotificationKind>()
  if (r.replyToAuthorId !== undefined && r.replyToAuthorId !== r.replierId) kinds.set(r.replyToAuthorId, 'reply_to_post')
  if (r.thread.author_id !== r.replierId && !kinds.has(r.thread.author_id)) kinds.set(r.thread.author_id, 'reply_to_thread')
  if (THREAD_WITHHELD.has(r.thread.status)) for (const id of kinds.keys()) if (id !== r.thread.author_id) kinds.delete(id)
  // Nobody hears from a member they blocked, nor of a thread or community they muted.
  for (const id of await blockersAmong(db, r.replierId, [...kinds.keys()])) kinds.delete(id)
  for (const id of await quietAmong(db, r.thread.id, r.thread.community_id, [...kinds.keys()])) kinds.delete(id)
  const data = JSON.stringify({ threadId: r.thread.id, postId: r.postId, threadTitle: r.thread.title, fromHandle: r.replierHandle, community: r.community })
  await insertNotifications(
    db,
    [...kinds].map(([user_id, kind]) => ({ user_id, kind, created_at: r.at, data })),
  )
  await queueMemberMail(db, [...kinds.keys()], { topic: 'replies', postId: r.postId, threadId: r.thread.id }, r.at)
  // Followers hear of every reply, once; only while everyone may read the thread.
  if (!THREAD_WITHHELD.has(r.thread.status)) {
    const community = await findCommunityById(db, r.thread.community_id)
    await notifyFollowers(db, {
      threadId: r.thread.id,
      communityId: r.thread.community_id,
      replierId: r.replierId,
      exceptIds: [...kinds.keys()],
      membersOnly: community?.visibility === 'members',
      kind: 'reply_in_followed_thread',
      data,
      at: r.at,
    })
  }
}

export function createNotificationService(deps: ServiceDeps) {
  const { db, clock } = deps
  return {
    async list(ctx: Ctx, opts: { limit: number; cursor?: string }) {
      const actor = requireActor(ctx.actor)
      const cursor = decodeCursor(opts.cursor, isCursor)
      const rows = await listNotificationsPage(db, actor.id, opts.limit, cursor?.before)
      const page = rows.slice(0, opts.limit).map((n) => ({ ...n, data: JSON.parse(n.data) as Record<string, unknown> }))
      // A replier who has since deleted their account reads as "a former member" at once, before
      // the background erasure has rewritten the stored notice: one lookup for the whole page.
      const postIds = page.filter((n) => typeof n.data.fromHandle === 'string' && typeof n.data.postId === 'number').map((n) => n.data.postId as number)
      const handles = new Map((await postAuthorHandles(db, [...new Set(postIds)])).map((r) => [r.id, r.handle]))
      const checkIns = page.filter((n) => typeof n.data.from === 'string' && typeof n.data.checkInId === 'number').map((n) => n.data.checkInId as number)
      const senders = new Map((await signedCheckInSenders(db, [...new Set(checkIns)])).map((r) => [r.id, r.handle]))
      const current = (d: Record<string, unknown>) =>
        handles.has(d.postId as number)
          ? { ...d, fromHandle: handles.get(d.postId as number) }
          : senders.has(d.checkInId as number)
            ? { ...d, from: senders.get(d.checkInId as number) }
            : d
      return {
        notifications: page.map((n) => ({
          id: n.id,
          kind: n.kind,
          data: current(n.data),
          createdAt: iso(n.created_at),
          read: n.read_at !== null,
        })),
        unread: await countUnread(db, actor.id),
        nextCursor: rows.length > opts.limit ? encodeCursor({ before: page.at(-1)!.id }) : null,
      }
    },
    async markRead(ctx: Ctx, ids?: number[]) {
      const actor = requireActor(ctx.actor)
      return { marked: await markRead(db, actor.id, ids, clock.now()) }
    },
  }
}

export type NotificationService = ReturnType<typeof createNotificationService>

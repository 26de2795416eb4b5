import { countUnread, insertNotifications, listNotificationsPage, markRead } from '../db/notifications.ts'
import type { Executor } from '../db/schema.ts'
import { requireActor } from './authz.ts'
import type { Ctx, ServiceDeps } from './context.ts'
import { decodeCursor, encodeCursor, isInt } from './cursor.ts'

const isCursor = (v: any): v is { before: number } => v !== null && typeof v === 'object' && isInt(v.before)

export type NotificationKind = 'reply_to_thread' | 'reply_to_post' | 'crisis_resources' | 'moderator_message' | 'moderation_outcome' | 'alert'

export async function notify(db: Executor, userIds: number[], kind: NotificationKind, data: Record<string, unknown>, at: number) {
  await insertNotifications(db, [...new Set(userIds)].map((user_id) => ({ user_id, kind, data: JSON.stringify(data), created_at: at })))
}

export function createNotificationService(deps: ServiceDeps) {
  const { db, clock } = deps
  return {
    async list(ctx: Ctx, opts: { limit: number; cursor?: string }) {
      const actor = requireActor(ctx.actor)
      const cursor = decodeCursor(opts.cursor, isCursor)
      const rows = await listNotificationsPage(db, actor.id, opts.limit, cursor?.before)
      const page = rows.slice(0, opts.limit)
      return {
        notifications: page.map((n) => ({
          id: n.id, kind: n.kind, data: JSON.parse(n.data) as Record<string, unknown>, createdAt: new Date(n.created_at).toISOString(), read: n.read_at !== null,
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

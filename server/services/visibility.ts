/**
 * Thread statuses that withhold a whole thread from everyone but its author and the moderators:
 * held for review, or hidden or removed with its first post. Such a thread is left out of lists
 * and is "not found" to everyone else, title and author included (the title may be the very
 * thing that was hidden). Defined beside the queries that filter on it (db/threads.ts).
 */
import { THREAD_WITHHELD } from '../db/threads.ts'

export { THREAD_WITHHELD }

/** A thread this viewer may not see: withheld, and they are neither its author nor a moderator. */
export function withheldFrom(thread: { status: string; author_id: number }, viewerId: number | undefined, moderates: boolean): boolean {
  return THREAD_WITHHELD.has(thread.status) && thread.author_id !== viewerId && !moderates
}

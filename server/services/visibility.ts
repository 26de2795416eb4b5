/**
 * Thread statuses that withhold a whole thread from everyone but its author and the moderators:
 * held for review, or hidden or removed with its first post. Such a thread is left out of lists
 * and is "not found" to everyone else, title and author included (the title may be the very
 * thing that was hidden). Defined beside the queries that filter on it (db/threads.ts).
 */
export { THREAD_WITHHELD } from '../db/threads.ts'

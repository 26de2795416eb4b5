import { sql } from 'kysely'
import { prepared } from './connection.ts'
import { jsonValues } from './dialect.ts'
import { scanText } from './safety.ts'
import type { Executor, Visibility } from './schema.ts'
import type { WatchedWord } from '../../workers/pipeline/types.ts'

export function listGuidelineVersions(db: Executor, communityId: number) {
  return db
    .selectFrom('guidelines_version')
    .leftJoin('user', 'user.id', 'guidelines_version.created_by')
    .select(['guidelines_version.version', 'guidelines_version.markdown', 'guidelines_version.html', 'guidelines_version.created_at'])
    .where('community_id', '=', communityId)
    .orderBy('version', 'desc')
    .execute()
}

/** Tells every member (but the author) that the guidelines changed, in one statement. */
export async function notifyMembersOfGuidelines(db: Executor, communityId: number, exceptUserId: number, data: string, at: number) {
  await sql`insert into notification (user_id, kind, data, created_at)
    select user_id, 'guidelines_updated', ${data}, ${at} from membership where community_id = ${communityId} and user_id != ${exceptUserId}`.execute(db)
}

/**
 * Rules keep their ids (reports and removals cite them). A rule sent with its id keeps it, at its
 * new position; one without is new; a current rule not sent is retired. A list with no ids at all
 * (an older client) is matched by position, as before. Returns false when an id is not one of the
 * community's current rules.
 */
export async function replaceRules(db: Executor, communityId: number, rules: { id?: number; title: string; body: string }[]) {
  const existing = await db
    .selectFrom('community_rule')
    .selectAll()
    .where('community_id', '=', communityId)
    .where('retired', '=', 0)
    .orderBy('position')
    .execute()
  const byPosition = rules.every((r) => r.id === undefined)
  const current = new Set(existing.map((r) => r.id))
  if (rules.some((r) => r.id !== undefined && !current.has(r.id))) return false
  const kept = new Set<number>()
  for (const [i, r] of rules.entries()) {
    const id = byPosition ? existing[i]?.id : r.id
    if (id !== undefined) {
      kept.add(id)
      await db
        .updateTable('community_rule')
        .set({ title: r.title, body: r.body, position: i + 1 })
        .where('id', '=', id)
        .execute()
    } else {
      await db
        .insertInto('community_rule')
        .values({ community_id: communityId, position: i + 1, title: r.title, body: r.body })
        .execute()
    }
  }
  const retire = existing.filter((r) => !kept.has(r.id)).map((r) => r.id)
  if (retire.length) await db.updateTable('community_rule').set({ retired: 1 }).where('id', 'in', retire).execute()
  return true
}

export async function updateCommunitySettings(db: Executor, communityId: number, settings: string, visibility: Visibility) {
  await db.updateTable('community').set({ settings, visibility }).where('id', '=', communityId).execute()
}

const WATCHED_WORDS = prepared((db, p: { communityIds: string }) =>
  db.selectFrom('watched_word').selectAll().where('community_id', 'in', jsonValues(db, p.communityIds)).orderBy('id'),
)

/** A community's watched words, in the order the lead added them (every post is checked against them). */
export function listWatchedWordRows(db: Executor, communityId: number) {
  return WATCHED_WORDS.all(db, { communityIds: JSON.stringify([communityId]) })
}

export async function insertWatchedWord(
  db: Executor,
  row: {
    community_id: number
    phrase: string
    whole_word: number
    regex: number
    action: string
    category: string | null
    message: string | null
    created_by: number
    created_at: number
  },
) {
  return db.insertInto('watched_word').values(row).returningAll().executeTakeFirstOrThrow()
}

export function findWatchedWord(db: Executor, communityId: number, id: number) {
  return db.selectFrom('watched_word').selectAll().where('community_id', '=', communityId).where('id', '=', id).executeTakeFirst()
}

export async function deleteWatchedWord(db: Executor, id: number) {
  await db.deleteFrom('watched_word').where('id', '=', id).execute()
}

export const rowToWatchedWord = (r: {
  id: number
  phrase: string
  whole_word: number
  regex: number
  action: string
  category: string | null
  message: string | null
}): WatchedWord => ({
  id: r.id,
  phrase: r.phrase,
  wholeWord: r.whole_word === 1,
  regex: r.regex === 1,
  action: r.action as WatchedWord['action'],
  ...(r.category ? { category: r.category as WatchedWord['category'] } : {}),
  ...(r.message ? { message: r.message } : {}),
})

/** Watched words for many communities in one query (the relay builds a batch of scan jobs). */
export async function watchedWordsByCommunity(db: Executor, communityIds: number[]) {
  const out = new Map<number, WatchedWord[]>()
  if (communityIds.length === 0) return out
  const rows = await WATCHED_WORDS.all(db, { communityIds: JSON.stringify(communityIds) })
  for (const r of rows) {
    const list = out.get(r.community_id) ?? []
    list.push(rowToWatchedWord(r))
    out.set(r.community_id, list)
  }
  return out
}

/** The community's latest visible posts, each as the scan reads it (safety.ts scanText): a thread's first post with its title. */
export function recentPublishedPosts(db: Executor, communityId: number, limit: number) {
  return db
    .selectFrom('post')
    .leftJoin('thread', (j) => j.onRef('thread.id', '=', 'post.thread_id').onRef('thread.first_post_id', '=', 'post.id'))
    .select(['post.id', 'post.thread_id', 'post.created_at', scanText(db, 'post.body').as('text')])
    .where('post.community_id', '=', communityId)
    .where('post.status', '=', 'visible')
    .orderBy('post.id', 'desc')
    .limit(limit)
    .execute()
}

export async function countAuthorPostsInCommunity(db: Executor, communityId: number, authorId: number) {
  const r = await db
    .selectFrom('post')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_id', '=', authorId)
    .where('community_id', '=', communityId)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export function listStaff(db: Executor, communityId: number) {
  return db
    .selectFrom('membership')
    .innerJoin('user', 'user.id', 'membership.user_id')
    .select(['user.handle', 'membership.role'])
    .where('membership.community_id', '=', communityId)
    .where('membership.role', '!=', 'member')
    .orderBy('user.handle')
    .execute()
}

import type { Executor } from './schema.ts'

const POST_COLUMNS = [
  'post.id', 'post.thread_id', 'post.community_id', 'post.author_id', 'post.reply_to_id', 'post.body', 'post.html',
  'post.revision', 'post.author_warnings', 'post.content_warnings', 'post.status', 'post.scan_status',
  'post.created_at', 'post.edited_at', 'post.deleted_at',
] as const

export async function insertPost(
  db: Executor,
  row: {
    thread_id: number; community_id: number; author_id: number; reply_to_id: number | null; body: string; html: string
    author_warnings: string; content_warnings: string; status: string; created_at: number
  },
) {
  const post = await db.insertInto('post').values(row).returningAll().executeTakeFirstOrThrow()
  await db.insertInto('post_revision').values({ post_id: post.id, revision: 1, body: row.body, html: row.html, created_at: row.created_at }).execute()
  return post
}

export function findPostById(db: Executor, id: number) {
  return db.selectFrom('post').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findPostWithAuthor(db: Executor, id: number) {
  return db
    .selectFrom('post')
    .innerJoin('user', 'user.id', 'post.author_id')
    .select([...POST_COLUMNS, 'user.handle as author_handle'])
    .where('post.id', '=', id)
    .executeTakeFirst()
}

/** What a thread page shows of each post: every column read costs on the hottest page, so only these. */
const PAGE_COLUMNS = [
  'post.id', 'post.thread_id', 'post.author_id', 'post.body', 'post.html', 'post.revision', 'post.content_warnings',
  'post.status', 'post.scan_status', 'post.created_at', 'post.edited_at',
] as const

/** A thread's posts in order, keyset-paginated on id. Held posts only for their author or moderators. */
export function listPostsPage(
  db: Executor,
  opts: { threadId: number; limit: number; afterId?: number; viewerId?: number; includeHeld: boolean },
) {
  let q = db
    .selectFrom('post')
    .innerJoin('user', 'user.id', 'post.author_id')
    .select([...PAGE_COLUMNS, 'user.handle as author_handle'])
    .where('post.thread_id', '=', opts.threadId)
  if (opts.afterId !== undefined) q = q.where('post.id', '>', opts.afterId)
  if (!opts.includeHeld) {
    q = q.where((eb) => {
      const shown = eb('post.status', '!=', 'held')
      return opts.viewerId === undefined ? shown : eb.or([shown, eb('post.author_id', '=', opts.viewerId)])
    })
  }
  return q.orderBy('post.id', 'asc').limit(opts.limit + 1).execute()
}

export async function updatePostBody(
  db: Executor,
  post: { id: number; revision: number },
  body: string,
  html: string,
  contentWarnings: string,
  at: number,
) {
  const revision = post.revision + 1
  // The revision guard makes two concurrent edits of one post fail loudly instead of losing one.
  const res = await db
    .updateTable('post')
    .set({ body, html, revision, edited_at: at, scan_status: 'pending', content_warnings: contentWarnings })
    .where('id', '=', post.id)
    .where('revision', '=', post.revision)
    .executeTakeFirst()
  if (res.numUpdatedRows === 0n) return undefined
  await db.insertInto('post_revision').values({ post_id: post.id, revision, body, html, created_at: at }).execute()
  return revision
}

export async function markPostDeleted(db: Executor, postId: number, at: number) {
  await db.updateTable('post').set({ status: 'deleted', deleted_at: at }).where('id', '=', postId).execute()
}

export async function setPostStatus(db: Executor, postId: number, status: string) {
  await db.updateTable('post').set({ status }).where('id', '=', postId).execute()
}

export function listRevisions(db: Executor, postId: number) {
  return db.selectFrom('post_revision').selectAll().where('post_id', '=', postId).orderBy('revision', 'asc').execute()
}

import { prepared } from './connection.ts'
import type { Executor, PostStatus } from './schema.ts'

const POST_COLUMNS = [
  'post.id',
  'post.thread_id',
  'post.community_id',
  'post.author_id',
  'post.reply_to_id',
  'post.body',
  'post.html',
  'post.revision',
  'post.author_warnings',
  'post.content_warnings',
  'post.status',
  'post.scan_status',
  'post.created_at',
  'post.edited_at',
  'post.deleted_at',
] as const

interface NewPost {
  thread_id: number
  community_id: number
  author_id: number
  reply_to_id: number | null
  body: string
  html: string
  author_warnings: string
  content_warnings: string
  status: PostStatus
  created_at: number
}

const INSERT_POST = prepared((db, p: NewPost) =>
  db
    .insertInto('post')
    .values({
      thread_id: p.thread_id,
      community_id: p.community_id,
      author_id: p.author_id,
      reply_to_id: p.reply_to_id,
      body: p.body,
      html: p.html,
      author_warnings: p.author_warnings,
      content_warnings: p.content_warnings,
      status: p.status,
      created_at: p.created_at,
    })
    .returningAll(),
)
const INSERT_FIRST_REVISION = prepared((db, p: { post_id: number; body: string; html: string; created_at: number }) =>
  db.insertInto('post_revision').values({ post_id: p.post_id, revision: 1, body: p.body, html: p.html, created_at: p.created_at }),
)

export async function insertPost(db: Executor, row: NewPost) {
  const post = (await INSERT_POST.first(db, row))!
  await INSERT_FIRST_REVISION.run(db, { post_id: post.id, body: row.body, html: row.html, created_at: row.created_at })
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
  'post.id',
  'post.thread_id',
  'post.author_id',
  'post.body',
  'post.html',
  'post.revision',
  'post.content_warnings',
  'post.status',
  'post.scan_status',
  'post.created_at',
  'post.edited_at',
] as const

/** A thread's posts in order, keyset-paginated on id. Held posts only for their author or moderators. */
export function listPostsPage(db: Executor, opts: { threadId: number; limit: number; afterId?: number; viewerId?: number; includeHeld: boolean }) {
  let q = db
    .selectFrom('post')
    .innerJoin('user', 'user.id', 'post.author_id')
    // The author's role in the community, for their badge: one lookup by primary key per row, in this statement.
    .leftJoin('membership as author_membership', (j) =>
      j.onRef('author_membership.community_id', '=', 'post.community_id').onRef('author_membership.user_id', '=', 'post.author_id'),
    )
    .select([
      ...PAGE_COLUMNS,
      'user.handle as author_handle',
      'author_membership.role as author_role',
      'user.is_admin as author_is_admin',
      'user.suspended_until as author_suspended_until',
    ])
    .where('post.thread_id', '=', opts.threadId)
  if (opts.afterId !== undefined) q = q.where('post.id', '>', opts.afterId)
  if (!opts.includeHeld) {
    q = q.where((eb) => {
      const shown = eb('post.status', '!=', 'held')
      return opts.viewerId === undefined ? shown : eb.or([shown, eb('post.author_id', '=', opts.viewerId)])
    })
  }
  return q
    .orderBy('post.id', 'asc')
    .limit(opts.limit + 1)
    .execute()
}

export async function updatePostBody(db: Executor, post: { id: number; revision: number }, body: string, html: string, contentWarnings: string, at: number) {
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

export async function setPostStatus(db: Executor, postId: number, status: PostStatus) {
  await db.updateTable('post').set({ status }).where('id', '=', postId).execute()
}

export function listRevisions(db: Executor, postId: number) {
  return db.selectFrom('post_revision').selectAll().where('post_id', '=', postId).orderBy('revision', 'asc').execute()
}

/** The warnings readers see on the post (the author's, the scan's and the moderators'), as JSON. */
export async function setPostWarnings(db: Executor, postId: number, warningsJson: string) {
  await db.updateTable('post').set({ content_warnings: warningsJson }).where('id', '=', postId).execute()
}

/** The warnings the author chose, kept apart so a later scan adds to them rather than replacing them. */
export async function setAuthorWarnings(db: Executor, postId: number, warningsJson: string) {
  await db.updateTable('post').set({ author_warnings: warningsJson }).where('id', '=', postId).execute()
}

import type { Request } from 'express'
import { AppError } from '../../server/errors.ts'
import { idParam } from '../../server/http/schemas/common.ts'
import { encodeCursor } from '../../server/services/cursor.ts'
import type { Services } from '../../server/services/index.ts'

/** A thread and its community as page furniture, read through the forum service so every permission check applies. */
export async function threadContext(services: Services, req: Request, threadId: number) {
  const t = await services.forum.getThread(req.ctx, threadId, { limit: 1 })
  return { thread: t.thread, community: { slug: t.community.slug, name: t.community.name } }
}

/** The post a member wants to act on, with its thread, read through the forum service so every permission check applies. */
export async function loadPost(services: Services, req: Request) {
  return loadPostIn(services, req, idParam.parse(req.params.threadId), idParam.parse(req.params.postId))
}

/** The same, for a post named elsewhere than the path (a reply's ?quote=). */
export async function loadPostIn(services: Services, req: Request, threadId: number, postId: number) {
  const t = await services.forum.getThread(req.ctx, threadId, { limit: 1, cursor: encodeCursor({ after: postId - 1 }) })
  const post = t.posts[0]
  if (!post || post.id !== postId) throw new AppError(404, 'not_found', 'That post was not found. It may have been removed, or the link may be wrong.')
  const first = (await services.forum.getThread(req.ctx, threadId, { limit: 1 })).posts[0]?.id
  return { threadId, postId, post, thread: t.thread, community: { slug: t.community.slug, name: t.community.name }, isFirst: post.id === first }
}

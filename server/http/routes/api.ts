import { Router } from 'express'
import type { Config } from '../../config.ts'
import type { Services } from '../../services/index.ts'
import type { RateLimits } from '../middleware/rate-limit.ts'
import { loginInput, registerInput } from '../schemas/auth.ts'
import { idParam, pageQuery } from '../schemas/common.ts'
import { editPostInput, markReadInput, membershipInput, newThreadInput, replyInput } from '../schemas/forum.ts'
import { clearSessionCookie, setSessionCookie } from '../session-cookie.ts'
import { buildOpenApiDocument } from '../openapi.ts'
import { AppError } from '../../errors.ts'
import type { ListRepresentation, PageRepresentation } from '../../services/thread-pages.ts'
import { gzipJson, sendGzipped } from '../gzip.ts'
import { foldBlocked } from '../../services/post-views.ts'

/** A thread page's JSON body, gzipped once and shared through the page cache. */
const THREAD_JSON: PageRepresentation<Buffer> = {
  key: 'json',
  build(page) {
    const gz = gzipJson({ thread: page.thread, posts: page.posts, nextCursor: page.nextCursor })
    return { value: gz, bytes: gz.length }
  },
}

/**
 * The same for a reader who blocked these members: their posts marked and their words withheld,
 * kept per list of blocked handles (bounded by MAX_BLOCKS) like the thread page's HTML.
 */
function threadJsonFor(blocked: string[]): PageRepresentation<Buffer> {
  if (blocked.length === 0) return THREAD_JSON
  const set = new Set(blocked)
  return {
    key: `json|${blocked.join(',')}`,
    build(page) {
      return THREAD_JSON.build({ ...page, posts: foldBlocked(page.posts, set, page.moderates) })
    },
  }
}

/** A page of a community's threads as JSON, the same way. */
const THREAD_LIST_JSON: ListRepresentation<Buffer> = {
  key: 'list-json',
  build(list) {
    const gz = gzipJson({ community: list.community, threads: list.threads, nextCursor: list.nextCursor })
    return { value: gz, bytes: gz.length }
  },
}

/** The JSON API under /api/v1: thin handlers, parse → one service call → JSON. */
export function apiRouter(services: Services, config: Config, limits: RateLimits): Router {
  const r = Router()
  const { auth, communities, forum, notifications } = services

  r.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApiDocument())
  })

  r.post('/auth/register', limits.register, async (req, res) => {
    const input = registerInput.parse(req.body ?? {})
    const session = await auth.register(input, req.get('user-agent'))
    setSessionCookie(res, config, session.token)
    res.status(201).json({ user: session.user, csrfToken: session.csrfToken })
  })

  r.post('/auth/login', limits.login, async (req, res) => {
    const input = loginInput.parse(req.body ?? {})
    const session = await auth.login(input, req.get('user-agent'))
    setSessionCookie(res, config, session.token)
    res.json({ user: session.user, csrfToken: session.csrfToken })
  })

  r.post('/auth/logout', async (req, res) => {
    if (req.sessionToken) await auth.logout(req.sessionToken)
    clearSessionCookie(res, config)
    res.status(204).end()
  })

  r.get('/me', async (req, res) => {
    const memberships = await communities.membershipsOf(req.ctx)
    const a = req.ctx.actor!
    res.json({
      user: { id: a.id, handle: a.handle, isAdmin: a.isAdmin, createdAt: new Date(a.createdAt).toISOString() },
      memberships,
      csrfToken: req.sessionCsrf,
      // Crisis lines waiting for this member after a crisis verdict on their post (null when none).
      crisisSupport: await services.crisisSupport.pending(req.ctx),
    })
  })

  r.delete('/me/crisis-support', async (req, res) => {
    if (!req.ctx.actor) throw new AppError(401, 'not_signed_in', 'Sign in to do this.')
    await services.crisisSupport.take(req.ctx)
    res.status(204).end()
  })

  r.get('/communities', async (req, res) => {
    res.json({ communities: await communities.list(req.ctx) })
  })

  r.get('/communities/:slug', async (req, res) => {
    res.json(await communities.get(req.ctx, String(req.params.slug)))
  })

  r.post('/communities/:slug/membership', async (req, res) => {
    const input = membershipInput.parse(req.body ?? {})
    const result = await communities.join(req.ctx, String(req.params.slug), input.acceptedGuidelinesVersion)
    res.status(result.created ? 201 : 200).json({ membership: result.membership })
  })

  r.get('/communities/:slug/threads', async (req, res) => {
    const page = pageQuery.parse(req.query)
    const result = await forum.threadListAs(req.ctx, String(req.params.slug), page, THREAD_LIST_JSON)
    sendGzipped(req, res, 'application/json; charset=utf-8', result.value)
  })

  r.post('/communities/:slug/threads', limits.posting, async (req, res) => {
    const input = newThreadInput.parse(req.body ?? {})
    const result = await forum.createThread(req.ctx, String(req.params.slug), input)
    res.status(201).location(`/api/v1/threads/${result.thread.id}`).json(result)
  })

  r.get('/threads/:id', async (req, res) => {
    const id = idParam.parse(req.params.id)
    const page = pageQuery.parse(req.query)
    const result = await forum.threadPageAs(req.ctx, id, page, threadJsonFor(await services.blocks.blockedHandles(req.ctx)))
    sendGzipped(req, res, 'application/json; charset=utf-8', result.value)
  })

  r.post('/threads/:id/posts', limits.posting, async (req, res) => {
    const id = idParam.parse(req.params.id)
    const input = replyInput.parse(req.body ?? {})
    const post = await forum.createReply(req.ctx, id, input)
    res.status(201).json({ post })
  })

  r.patch('/posts/:id', limits.posting, async (req, res) => {
    const id = idParam.parse(req.params.id)
    const input = editPostInput.parse(req.body ?? {})
    res.json({ post: await forum.editPost(req.ctx, id, input) })
  })

  r.delete('/posts/:id', async (req, res) => {
    const id = idParam.parse(req.params.id)
    await forum.deletePost(req.ctx, id)
    res.status(204).end()
  })

  r.get('/posts/:id/revisions', async (req, res) => {
    const id = idParam.parse(req.params.id)
    res.json({ revisions: await forum.revisions(req.ctx, id) })
  })

  r.get('/notifications', async (req, res) => {
    const page = pageQuery.parse(req.query)
    res.json(await notifications.list(req.ctx, page))
  })

  r.post('/notifications/read', async (req, res) => {
    const input = markReadInput.parse(req.body ?? {})
    res.json(await notifications.markRead(req.ctx, input.ids))
  })

  return r
}

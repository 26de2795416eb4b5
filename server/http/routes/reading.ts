import { Router } from 'express'
import type { Services } from '../../services/index.ts'
import type { RateLimits } from '../middleware/rate-limit.ts'
import { openapi, registerPaths } from '../openapi.ts'
import { idParam } from '../schemas/common.ts'
import { timeZoneInput } from '../../services/preferences.ts'
import { communityMuteInput, readStateInput, watchInput } from '../schemas/reading.ts'

/** Reading under /api/v1 (issue #19): a post's page, what is new since the last visit, "this helped me", follow and mute. */
export function readingRouter(services: Services) {
  return (limits: RateLimits): Router => {
    const r = Router()
    const reading = services.reading

    r.get('/threads/:id/posts/:postId/page', async (req, res) => {
      const page = await reading.pageOf(req.ctx, idParam.parse(req.params.id), idParam.parse(req.params.postId))
      res.json({ cursor: page.cursor ?? null })
    })
    r.get('/threads/:id/read-state', async (req, res) => {
      const id = idParam.parse(req.params.id)
      // The same check every read of the thread makes, before saying anything about it.
      await services.forum.loadThreadForReading(req.ctx, id)
      const n = await reading.newSinceLastVisit(req.ctx, id)
      res.json({ newPosts: n?.count ?? 0, atLeast: n?.capped ?? false, firstNewPostId: n?.firstId ?? null })
    })
    r.put('/threads/:id/read-state', async (req, res) => {
      const id = idParam.parse(req.params.id)
      const input = readStateInput.parse(req.body ?? {})
      await reading.markReadUpTo(req.ctx, id, input.lastReadPostId)
      res.status(204).end()
    })
    r.get('/posts/:id/helpful', async (req, res) => {
      const s = await reading.helpfulState(req.ctx, undefined, idParam.parse(req.params.id))
      res.json({ canMark: s.canMark, marked: s.marked, ...(s.count !== undefined ? { count: s.count } : {}) })
    })
    r.put('/posts/:id/helpful', limits.posting, async (req, res) => {
      res.json(await reading.setHelpful(req.ctx, undefined, idParam.parse(req.params.id), true))
    })
    r.delete('/posts/:id/helpful', limits.posting, async (req, res) => {
      res.json(await reading.setHelpful(req.ctx, undefined, idParam.parse(req.params.id), false))
    })
    r.get('/threads/:id/watch', async (req, res) => {
      const id = idParam.parse(req.params.id)
      await services.forum.loadThreadForReading(req.ctx, id)
      res.json({ level: await services.watch.threadLevel(req.ctx, id) })
    })
    r.put('/threads/:id/watch', async (req, res) => {
      const id = idParam.parse(req.params.id)
      res.json(await services.watch.setThreadLevel(req.ctx, id, watchInput.parse(req.body ?? {}).level))
    })
    r.get('/communities/:slug/mute', async (req, res) => {
      res.json({ muted: await services.watch.communityMuted(req.ctx, String(req.params.slug)) })
    })
    r.put('/communities/:slug/mute', async (req, res) => {
      res.json(await services.watch.setCommunityMuted(req.ctx, String(req.params.slug), communityMuteInput.parse(req.body ?? {}).muted))
    })
    r.put('/me/time-zone', async (req, res) => {
      const input = timeZoneInput.parse(req.body ?? {})
      res.json(await services.preferences.setTimeZone(req.ctx, input.timeZone))
    })
    return r
  }
}

const { body: b, ok, csrf } = openapi
const id = openapi.path('id', 'integer')

registerPaths({
  '/threads/{id}/posts/{postId}/page': {
    get: {
      summary: 'The cursor of the thread page that holds a post (null: the first page), for GET /threads/{id}?cursor=',
      parameters: [id, openapi.path('postId', 'integer')],
      responses: { 200: ok('{cursor}'), 404: ok('No such post in a thread you can read') },
    },
  },
  '/threads/{id}/read-state': {
    get: {
      summary: 'Posts by others since your last visit: {newPosts, atLeast (counted up to 100), firstNewPostId}',
      parameters: [id],
      responses: { 200: ok(), 401: ok('Signed out'), 404: ok('Not found') },
    },
    put: {
      summary: 'You have read up to this post (your place only moves forward)',
      security: csrf,
      parameters: [id],
      requestBody: b(readStateInput),
      responses: { 204: { description: 'Saved' }, 400: ok('Invalid'), 404: ok('Not found') },
    },
  },
  '/threads/{id}/watch': {
    get: {
      summary: "What of this thread notifies you: {level: 'follow' | 'normal' | 'mute'}",
      parameters: [id],
      responses: { 200: ok(), 404: ok('Not found') },
    },
    put: {
      summary: "'follow': every reply notifies you; 'normal': replies to you and your threads; 'mute': nothing, not even replies to you",
      security: csrf,
      parameters: [id],
      requestBody: b(watchInput),
      responses: { 200: ok('{level}'), 400: ok('Invalid'), 404: ok('Not found') },
    },
  },
  '/communities/{slug}/mute': {
    get: { summary: "Whether you muted this community's reply notifications: {muted}", parameters: [openapi.path('slug')], responses: { 200: ok() } },
    put: {
      summary: "Mute (or unmute) a community's reply notifications; crisis lines and moderators' messages still reach you",
      security: csrf,
      parameters: [openapi.path('slug')],
      requestBody: b(communityMuteInput),
      responses: { 200: ok('{muted}'), 400: ok('Invalid'), 404: ok('Not found') },
    },
  },
  '/me/time-zone': {
    put: {
      summary: 'The IANA time zone the pages show your times in (UTC until chosen)',
      security: csrf,
      requestBody: b(timeZoneInput),
      responses: { 200: ok('{timeZone}'), 400: ok('Not a time zone') },
    },
  },
  '/posts/{id}/helpful': {
    get: {
      summary: '"This helped me": {canMark, marked}, and on your own post {count} (only the writer sees it)',
      parameters: [id],
      responses: { 200: ok(), 401: ok('Signed out'), 404: ok('Not found') },
    },
    put: {
      summary: 'Mark a reply as having helped you (not your own, not a first post)',
      security: csrf,
      parameters: [id],
      responses: { 200: ok('{marked: true}'), 403: ok('cannot_mark_helpful'), 404: ok('Not found') },
    },
    delete: {
      summary: 'Take your mark back',
      security: csrf,
      parameters: [id],
      responses: { 200: ok('{marked: false}'), 403: ok('cannot_mark_helpful'), 404: ok('Not found') },
    },
  },
})

import { openapi, registerPaths } from '../openapi.ts'
import { Router } from 'express'
import type { Services } from '../../services/index.ts'
import type { RateLimits } from '../middleware/rate-limit.ts'
import { idParam } from '../schemas/common.ts'
import { auditQuery, bulkInput, checkInReplyInput, queueQuery, reportInput, resolveInput, suspendInput } from '../schemas/moderation.ts'

/** Reports, the review queue, actions, audit log and suspensions under /api/v1. */
export function moderationRouter(services: Services) {
  return (limits: RateLimits): Router => {
    const r = Router()
    const mod = services.moderation

    r.post('/posts/:id/reports', limits.posting, async (req, res) => {
      const id = idParam.parse(req.params.id)
      res.status(201).json(await mod.report(req.ctx, id, reportInput.parse(req.body ?? {})))
    })
    r.get('/moderation/queue', async (req, res) => {
      res.json(await mod.queue(req.ctx, queueQuery.parse(req.query)))
    })
    r.get('/moderation/items/:id', async (req, res) => {
      res.json(await mod.item(req.ctx, idParam.parse(req.params.id)))
    })
    r.post('/moderation/items/:id/claim', async (req, res) => {
      res.json(await mod.claim(req.ctx, idParam.parse(req.params.id)))
    })
    r.post('/moderation/items/:id/release', async (req, res) => {
      res.json(await mod.release(req.ctx, idParam.parse(req.params.id)))
    })
    r.post('/moderation/items/:id/resolve', async (req, res) => {
      res.json(await mod.resolve(req.ctx, idParam.parse(req.params.id), resolveInput.parse(req.body ?? {})))
    })
    r.post('/moderation/bulk', async (req, res) => {
      res.json(await mod.bulk(req.ctx, bulkInput.parse(req.body ?? {})))
    })
    r.get('/moderation/audit', async (req, res) => {
      res.json(await mod.audit(req.ctx, auditQuery.parse(req.query)))
    })
    r.get('/check-ins/:id', async (req, res) => {
      res.json(await mod.conversation(req.ctx, idParam.parse(req.params.id)))
    })
    r.post('/check-ins/:id/replies', limits.posting, async (req, res) => {
      res.status(201).json(await mod.replyToCheckIn(req.ctx, idParam.parse(req.params.id), checkInReplyInput.parse(req.body ?? {}).body))
    })
    r.post('/admin/users/:handle/suspension', async (req, res) => {
      res.json(await mod.suspend(req.ctx, String(req.params.handle), suspendInput.parse(req.body ?? {})))
    })
    return r
  }
}

const { body: b, ok, csrf, query: q } = openapi
const id = openapi.path('id', 'integer')

registerPaths({
  '/posts/{id}/reports': {
    post: {
      summary: 'Report a post (one report per member per post)',
      security: csrf,
      parameters: [id],
      requestBody: b(reportInput),
      responses: { 201: ok('Reported'), 400: ok('Invalid'), 403: ok('Forbidden'), 404: ok('Not found'), 409: ok('Already reported') },
    },
  },
  '/moderation/queue': {
    get: {
      summary: 'Open review items of the communities you moderate, highest priority first, with counts',
      parameters: q('community', 'reason', 'cursor', 'limit'),
      responses: { 200: ok(), 403: ok('Not a moderator') },
    },
  },
  '/moderation/items/{id}': {
    get: {
      summary: 'One review item with signals, reports and the check-in conversation',
      parameters: [id],
      responses: { 200: ok(), 403: ok('Not a moderator of its community') },
    },
  },
  '/moderation/items/{id}/claim': {
    post: {
      summary: 'Claim an item (expires after 15 minutes untouched)',
      security: csrf,
      parameters: [id],
      responses: { 200: ok(), 409: ok('Another moderator holds the claim') },
    },
  },
  '/moderation/items/{id}/release': {
    post: { summary: 'Release your claim', security: csrf, parameters: [id], responses: { 200: ok(), 409: ok('Not your claim') } },
  },
  '/moderation/items/{id}/resolve': {
    post: {
      summary: 'Act on an item: approve, hide, remove (ruleId), warn (warnings), lock, silence (until), check_in (message, sign?), escalate',
      security: csrf,
      parameters: [id],
      requestBody: b(resolveInput),
      responses: { 200: ok(), 400: ok('Invalid'), 409: ok('Claimed by another or already resolved') },
    },
  },
  '/moderation/bulk': {
    post: { summary: 'Approve or remove many spam items', security: csrf, requestBody: b(bulkInput), responses: { 200: ok('Per-item results') } },
  },
  '/moderation/audit': {
    get: {
      summary: 'The append-only audit log, newest first',
      parameters: q('community', 'action', 'cursor', 'limit'),
      responses: { 200: ok(), 403: ok('Not a moderator') },
    },
  },
  '/check-ins/{id}': {
    get: { summary: "A member's check-in conversation with the moderators", parameters: [id], responses: { 200: ok(), 404: ok('Not yours or not found') } },
  },
  '/check-ins/{id}/replies': {
    post: { summary: "Reply to a moderator's check-in", security: csrf, parameters: [id], requestBody: b(checkInReplyInput), responses: { 201: ok('Sent') } },
  },
  '/admin/users/{handle}/suspension': {
    post: {
      summary: 'Suspend an account site-wide until a time (null lifts it); admins only',
      security: csrf,
      parameters: [openapi.path('handle')],
      requestBody: b(suspendInput),
      responses: { 200: ok(), 403: ok('Not an admin') },
    },
  },
})

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
    r.post('/check-ins/:id/replies', limits.posting, async (req, res) => {
      res.status(201).json(await mod.replyToCheckIn(req.ctx, idParam.parse(req.params.id), checkInReplyInput.parse(req.body ?? {}).body))
    })
    r.post('/admin/users/:handle/suspension', async (req, res) => {
      res.json(await mod.suspend(req.ctx, String(req.params.handle), suspendInput.parse(req.body ?? {})))
    })
    return r
  }
}

import type { Router } from 'express'
import { healthPage } from '../views/leads/health.ts'
import { requireSignIn, type WebKit } from './kit.ts'

/** The community health dashboard, for its moderators and leads. */
export function mountHealthPages(r: Router, { services, pageCtx, send }: WebKit) {
  // the health dashboard: moderators and leads
  r.get('/c/:slug/health', requireSignIn, async (req, res) => {
    const data = await services.health.health(req.ctx, String(req.params.slug))
    const { community } = await services.communities.get(req.ctx, String(req.params.slug))
    const pc = await pageCtx(req, res)
    const isLead = (pc.leads ?? []).some((x) => x.slug === community.slug)
    send(res, 200, healthPage(pc, { slug: community.slug, name: community.name }, data, isLead))
  })
}

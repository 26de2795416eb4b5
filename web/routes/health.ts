import type { Router } from 'express'
import { html } from '../html.ts'
import { healthPage } from '../views/leads/health.ts'
import { connectionSection, supportersSection, wellbeingSection } from '../views/leads/outcomes.ts'
import { requireSignIn, type WebKit } from './kit.ts'

/** The community health dashboard, for its moderators and leads. */
export function mountHealthPages(r: Router, { services, pageCtx, send }: WebKit) {
  // the health dashboard: moderators and leads; the check-in figures for leads only (issue #20)
  r.get('/c/:slug/health', requireSignIn, async (req, res) => {
    const slug = String(req.params.slug)
    const data = await services.health.health(req.ctx, slug)
    const { community } = await services.communities.get(req.ctx, slug)
    const pc = await pageCtx(req, res)
    const isLead = (pc.leads ?? []).some((x) => x.slug === community.slug)
    const c = { slug: community.slug, name: community.name }
    const [connection, load, wellbeing] = await Promise.all([
      services.connection.measures(req.ctx, slug),
      services.supporters.load(req.ctx, slug),
      isLead ? services.outcomeAggregates.forCommunity(req.ctx, slug) : undefined,
    ])
    const extra = html`${connectionSection(connection)}
${wellbeing ? wellbeingSection(wellbeing) : ''}
${pc.actor?.isAdmin ? html`<p><a href="/admin/outcomes.csv" download>Download every community's check-in figures (CSV)</a></p>` : ''}
${supportersSection(pc, c, load)}`
    send(res, 200, healthPage(pc, c, data, isLead, extra))
  })
}

import type { Router } from 'express'
import type { WebKit } from './kit.ts'
import { aboutPage, crisisPage, homePage, type HomeCommunity } from '../views/pages.ts'

/** The home page and the pages outside any one community. */
export function mountSitePages(r: Router, { services, pageCtx, send }: WebKit) {
  r.get('/', async (req, res) => {
    const communities = await services.communities.list(req.ctx)
    const latest = await services.forum.latestThreads(communities.filter((c) => c.canRead).map((c) => c.slug))
    const withLatest: HomeCommunity[] = communities.map((c) => (c.canRead ? { ...c, latest: latest.get(c.slug) } : c))
    send(res, 200, homePage(await pageCtx(req, res), withLatest))
  })

  // Pages outside any one community: every community's crisis lines, each once.
  r.get('/about', async (req, res) => send(res, 200, aboutPage(await pageCtx(req, res), await services.communities.allCrisisResources())))
  r.get('/crisis', async (req, res) => send(res, 200, crisisPage(await pageCtx(req, res), await services.communities.allCrisisResources())))
}

import type { RequestHandler, Router } from 'express'
import type { WebKit } from './kit.ts'
import { aboutPage, crisisPage, homePage, type HomeCommunity } from '../views/pages.ts'

/**
 * Crawlers keep out of members' and staff's own pages. Threads and communities are not disallowed
 * here on purpose: a crawler must fetch them to read their noindex (a disallowed address can
 * still be listed from links), and the ones a lead opened to search engines must be fetchable.
 */
const ROBOTS_TXT = `User-agent: *
Disallow: /api/
Disallow: /u/
Disallow: /settings
Disallow: /notifications
Disallow: /mod/
Disallow: /lead
Disallow: /login
Disallow: /register
Disallow: /forgot-password
Disallow: /reset/
Disallow: /unsubscribe/
Disallow: /verify-email/
`

/** The home page and the pages outside any one community. */
export function mountSitePages(r: Router, { services, pageCtx, send }: WebKit) {
  // What Alongside is and where to find help may be found by search engines; posts by default may not.
  const indexable: RequestHandler = (_req, res, next) => {
    res.locals.indexable = true
    next()
  }
  r.get(['/', '/about', '/crisis'], indexable)
  r.get('/robots.txt', (_req, res) => {
    res.type('text/plain').set('Cache-Control', 'public, max-age=3600').send(ROBOTS_TXT)
  })
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

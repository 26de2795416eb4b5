import type { Router } from 'express'
import { AppError } from '../../server/errors.ts'
import { pageQuery } from '../../server/http/schemas/common.ts'
import { formError, requireSignIn, str, type WebKit } from './kit.ts'
import { communityPage, joinPage } from '../views/forum.ts'
import { crisisPage } from '../views/pages.ts'

/** A community's front page, its crisis lines, and joining it. */
export function mountCommunityPages(r: Router, { services, pageCtx, send, setFlash }: WebKit) {
  r.get('/c/:slug', async (req, res) => {
    const slug = String(req.params.slug)
    const { community, membership } = await services.communities.get(req.ctx, slug)
    res.locals.indexable = community.searchIndexing
    const page = pageQuery.parse({ cursor: req.query.cursor })
    let threads = null
    let nextCursor: string | null = null
    let newCounts = new Map<number, number>()
    if (community.canRead) {
      const result = await services.forum.listThreads(req.ctx, slug, { limit: 20, cursor: page.cursor })
      threads = result.threads
      nextCursor = result.nextCursor
      newCounts = await services.reading.newCounts(
        req.ctx,
        threads.map((t) => t.id),
      )
    }
    const muted = req.ctx.actor && community.canRead ? await services.watch.communityMuted(req.ctx, slug) : undefined
    send(res, 200, communityPage(await pageCtx(req, res), community, membership, threads, nextCursor, !page.cursor, newCounts, muted))
  })

  r.post('/c/:slug/mute', requireSignIn, async (req, res) => {
    const slug = String(req.params.slug)
    const muted = str(req.body?.muted) === 'yes'
    await services.watch.setCommunityMuted(req.ctx, slug, muted)
    setFlash(res, muted ? 'community_muted' : 'community_unmuted')
    res.redirect(303, `/c/${encodeURIComponent(slug)}`)
  })

  r.get('/c/:slug/crisis', async (req, res) => {
    const { community } = await services.communities.get(req.ctx, String(req.params.slug))
    send(res, 200, crisisPage(await pageCtx(req, res), community.crisisResources, { slug: community.slug, name: community.name }))
  })

  // The rules a member accepts on joining are the ones reports and removals cite.
  const rulesFor = (slug: string) => services.leads.rulesToAccept(slug)
  r.get('/c/:slug/join', requireSignIn, async (req, res) => {
    const { community, membership } = await services.communities.get(req.ctx, String(req.params.slug))
    if (membership && !membership.needsToAcceptGuidelines) return res.redirect(303, `/c/${community.slug}`)
    send(res, 200, joinPage(await pageCtx(req, res), community, undefined, !!membership, await rulesFor(community.slug)))
  })
  r.post('/c/:slug/join', requireSignIn, async (req, res) => {
    const { community } = await services.communities.get(req.ctx, String(req.params.slug))
    try {
      if (str(req.body?.accept) !== 'yes') {
        throw new AppError(400, 'invalid_input', 'Please confirm you have read the guidelines.', {
          accept: 'Tick the box to confirm you have read the guidelines.',
        })
      }
      await services.communities.join(req.ctx, community.slug, Number(str(req.body?.acceptedGuidelinesVersion)))
      setFlash(res, 'joined')
      res.redirect(303, `/c/${community.slug}`)
    } catch (e) {
      const f = formError(e)
      // A version mismatch means the guidelines changed while reading: show the new ones.
      const fresh = (await services.communities.get(req.ctx, community.slug)).community
      const again = !!(await services.communities.get(req.ctx, community.slug)).membership
      send(res, f.status, joinPage(await pageCtx(req, res), fresh, f.err, again, await rulesFor(community.slug)))
    }
  })
}

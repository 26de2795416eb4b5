import type { Router } from 'express'
import { searchQuery } from '../../server/http/schemas/search.ts'
import { searchPage, type SearchForm } from '../views/search.ts'
import { formError, soft, str, type WebKit } from './kit.ts'

/** GET /search: the results page behind the header's search box (a plain GET form). */
export function mountSearchPages(r: Router, { services, limits, pageCtx, send }: WebKit) {
  r.get('/search', soft(limits.search), async (req, res) => {
    const form: SearchForm = {
      // Echoed into the form as typed (escaped by the view), cut to what the box accepts.
      q: str(req.query.q).slice(0, 200),
      community: str(req.query.community).slice(0, 64) || undefined,
      author: str(req.query.author).slice(0, 64) || undefined,
      thread: /^\d{1,15}$/.test(str(req.query.thread)) ? Number(str(req.query.thread)) : undefined,
      from: str(req.query.from).slice(0, 10) || undefined,
      to: str(req.query.to).slice(0, 10) || undefined,
    }
    const communities = (await services.communities.list(req.ctx)).filter((c) => c.canRead).map((c) => ({ slug: c.slug, name: c.name }))
    // An empty box is the search page itself, not an error.
    if (req.query.q === undefined || str(req.query.q) === '') {
      send(res, 200, searchPage(await pageCtx(req, res), { form, communities }))
      return
    }
    try {
      if (res.locals.limited) throw res.locals.limited
      const input = searchQuery.parse(req.query)
      const page = await services.search.search(req.ctx, input)
      send(res, 200, searchPage(await pageCtx(req, res), { form, communities, page, later: input.cursor !== undefined }))
    } catch (e) {
      const f = formError(e)
      send(res, f.status, searchPage(await pageCtx(req, res), { form, communities, err: f.err }))
    }
  })
}

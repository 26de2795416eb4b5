import type { Router } from 'express'
import { profilePage } from '../views/profile.ts'
import { searchIndexingInput } from '../../server/http/schemas/account.ts'
import { requireSignIn, str, type WebKit } from './kit.ts'

/** Members' profile pages, at /u/<handle> (who may see one is the member's choice: services/profiles.ts), and a lead's search-engine switch. */
export function mountProfilePages(r: Router, { services, pageCtx, send, setFlash }: WebKit) {
  r.get('/u/:handle', async (req, res) => {
    const profile = await services.profiles.get(req.ctx, String(req.params.handle))
    send(res, 200, profilePage(await pageCtx(req, res), profile))
  })

  // A lead's switch for search engines (the form is on the lead overview, /c/<slug>/lead).
  r.post('/c/:slug/lead/search-indexing', requireSignIn, async (req, res) => {
    const slug = String(req.params.slug)
    await services.searchIndexing.set(req.ctx, slug, searchIndexingInput.parse({ indexable: str(req.body?.indexable) === 'true' }).indexable)
    setFlash(res, 'lead_search_indexing')
    res.redirect(303, `/c/${slug}/lead`)
  })
}

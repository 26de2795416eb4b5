import type { Router } from 'express'
import { staffSearchQuery } from '../../server/http/schemas/search.ts'
import { encodeCursor } from '../../server/services/cursor.ts'
import { qs } from '../views/moderation-shared.ts'
import { staffSearchPage, type StaffAuditResult, type StaffSearchForm } from '../views/moderation-search.ts'
import { formError, requireSignIn, soft, str, type WebKit } from './kit.ts'

/** The audit log page that starts at this entry (its cursor is "before this id"), in the entry's community. */
const auditContext = (e: StaffAuditResult) => `/mod/audit${qs({ community: e.community ?? undefined, cursor: encodeCursor({ before: e.id + 1 }) })}`

/** GET /mod/search: moderators, leads and admins search reports and audit entries (a plain GET form, issue 21). */
export function mountStaffSearchPages(r: Router, { services, limits, pageCtx, send }: WebKit) {
  r.get('/mod/search', requireSignIn, soft(limits.search), async (req, res) => {
    // The communities in the reader's scope; anyone who moderates none gets the 403 page here.
    const communities = await services.staffSearch.communities(req.ctx)
    const form: StaffSearchForm = {
      // Echoed into the form as typed (escaped by the view), cut to what the box accepts.
      q: str(req.query.q).slice(0, 100),
      kind: str(req.query.kind) === 'audit' ? 'audit' : 'reports',
      community: str(req.query.community).slice(0, 64) || undefined,
      // Not in the form: kept only when a link asked for smaller pages.
      limit: /^\d{1,2}$/.test(str(req.query.limit)) ? str(req.query.limit) : undefined,
    }
    const later = str(req.query.cursor) !== ''
    // An empty box is the search page itself, not an error.
    if (str(req.query.q) === '') {
      send(res, 200, staffSearchPage(await pageCtx(req, res), { form, communities, auditContext }))
      return
    }
    try {
      if (res.locals.limited) throw res.locals.limited
      const results = await services.staffSearch.search(req.ctx, staffSearchQuery.parse(req.query))
      send(res, 200, staffSearchPage(await pageCtx(req, res), { form, communities, results, later, auditContext }))
    } catch (e) {
      const f = formError(e)
      send(res, f.status, staffSearchPage(await pageCtx(req, res), { form, communities, err: f.err, auditContext }))
    }
  })
}

import { Router } from 'express'
import type { Config } from '../server/config.ts'
import type { HtmlErrorRenderer } from '../server/http/middleware/error-handler.ts'
import type { RateLimits } from '../server/http/middleware/rate-limit.ts'
import type { Services } from '../server/services/index.ts'
import { mountAccountPages } from './routes/accounts.ts'
import { mountAccountDataPages } from './routes/account.ts'
import { mountProfilePages } from './routes/profiles.ts'
import { mountBlockPages } from './routes/blocks.ts'
import { withReaderZone } from './zone.ts'
import { mountCommunityPages } from './routes/communities.ts'
import { mountHealthPages } from './routes/health.ts'
import { createPageFrame, readFlash, type WebKit } from './routes/kit.ts'
import { mountLeadPages } from './routes/leads.ts'
import { mountMemberPages } from './routes/me.ts'
import { mountMemberSafetyPages } from './routes/member-safety.ts'
import { mountModerationPages } from './routes/moderation.ts'
import { mountPostPages } from './routes/posts.ts'
import { mountSearchPages } from './routes/search.ts'
import { mountStaffSearchPages } from './routes/staff-search.ts'
import { mountSitePages } from './routes/site.ts'
import { mountMailPages } from './routes/mail.ts'
import { mountThreadPages } from './routes/threads.ts'
import { mountOutcomePages } from './routes/outcomes.ts'

/** The server-rendered member pages, mounted at /: one file per area under web/routes. */
export function createWeb(services: Services, config: Config): { router: (limits: RateLimits) => Router; renderError: HtmlErrorRenderer } {
  const frame = createPageFrame(services, config)

  function router(limits: RateLimits): Router {
    const kit: WebKit = { services, config, limits, pageCtx: frame.pageCtx, send: frame.send, setFlash: frame.setFlash }
    const r = Router()
    r.use(readFlash)
    r.use(withReaderZone)
    for (const mount of [
      mountSitePages,
      mountAccountPages,
      mountCommunityPages,
      mountPostPages,
      mountThreadPages,
      mountMemberSafetyPages,
      mountMemberPages,
      mountAccountDataPages,
      mountProfilePages,
      mountBlockPages,
      mountModerationPages,
      mountLeadPages,
      mountHealthPages,
      mountMailPages,
      mountOutcomePages,
      mountSearchPages,
      mountStaffSearchPages,
    ]) {
      mount(r, kit)
    }
    return r
  }

  return { router, renderError: frame.renderError }
}

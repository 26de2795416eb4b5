import { Router } from 'express'
import type { Config } from '../server/config.ts'
import type { HtmlErrorRenderer } from '../server/http/middleware/error-handler.ts'
import type { RateLimits } from '../server/http/middleware/rate-limit.ts'
import type { Services } from '../server/services/index.ts'

/** The server-rendered member pages, mounted at /. */
export function createWeb(services: Services, config: Config): { router: (limits: RateLimits) => Router; renderError: HtmlErrorRenderer } {
  void services
  void config
  return {
    router: () => Router(),
    renderError: (_req, res, err) => {
      res.status(err.status).type('text/plain').send(err.message)
    },
  }
}

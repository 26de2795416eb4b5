import type { Router } from 'express'
import { profilePage } from '../views/profile.ts'
import type { WebKit } from './kit.ts'

/** Members' profile pages, at /u/<handle>: who may see one is the member's choice (services/profiles.ts). */
export function mountProfilePages(r: Router, { services, pageCtx, send }: WebKit) {
  r.get('/u/:handle', async (req, res) => {
    const profile = await services.profiles.get(req.ctx, String(req.params.handle))
    send(res, 200, profilePage(await pageCtx(req, res), profile))
  })
}

import type { Router } from 'express'
import { deleteAccountInput } from '../../server/http/schemas/account.ts'
import { sendDataExport } from '../../server/http/routes/account.ts'
import { clearSessionCookie } from '../../server/http/session-cookie.ts'
import { accountPage } from '../views/account.ts'
import { formError, requireSignIn, soft, str, type WebKit } from './kit.ts'

/** A member's account and data: download it, delete it. Plain forms: everything works with JavaScript off. */
export function mountAccountDataPages(r: Router, { services, config, limits, pageCtx, send, setFlash }: WebKit) {
  r.get('/settings/account', requireSignIn, async (req, res) => {
    send(res, 200, accountPage(await pageCtx(req, res), {}))
  })

  // A POST with the form token, not a link: another site cannot start downloads (and use up the limit) for the member.
  r.post('/settings/account/export', requireSignIn, soft(limits.dataExport), async (req, res) => {
    try {
      if (res.locals.limited) throw res.locals.limited
      await sendDataExport(services, req.ctx, res)
    } catch (e) {
      const f = formError(e)
      send(res, f.status, accountPage(await pageCtx(req, res), {}, f.err))
    }
  })

  r.post('/settings/account/delete', requireSignIn, soft(limits.login), async (req, res) => {
    const mode = str(req.body?.mode)
    try {
      if (res.locals.limited) throw res.locals.limited
      await services.accountDeletion.deleteAccount(req.ctx, deleteAccountInput.parse({ password: str(req.body?.password), mode: mode || undefined }))
      clearSessionCookie(res, config)
      setFlash(res, 'account_deleted')
      res.redirect(303, '/')
    } catch (e) {
      const f = formError(e)
      send(res, f.status, accountPage(await pageCtx(req, res), { mode }, f.err))
    }
  })
}

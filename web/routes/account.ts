import type { Router } from 'express'
import type { Request } from 'express'
import { sha256 } from '../../server/auth/tokens.ts'
import { accountSettingsInput, deleteAccountInput, sessionIdParam } from '../../server/http/schemas/account.ts'
import { sendDataExport } from '../../server/http/routes/account.ts'
import { clearSessionCookie } from '../../server/http/session-cookie.ts'
import { accountPage } from '../views/account.ts'
import { formError, requireSignIn, soft, str, type WebKit } from './kit.ts'

/** A member's account and data: download it, delete it. Plain forms: everything works with JavaScript off. */
export function mountAccountDataPages(r: Router, { services, config, limits, pageCtx, send, setFlash }: WebKit) {
  const current = (req: Request) => (req.sessionToken ? sha256(req.sessionToken) : undefined)
  const view = async (req: Request, mode?: string) => ({
    sessions: await services.sessions.list(req.ctx, current(req)),
    settings: await services.sessions.settings(req.ctx),
    mode,
  })

  r.get('/settings/account', requireSignIn, async (req, res) => {
    send(res, 200, accountPage(await pageCtx(req, res), await view(req)))
  })

  r.post('/settings/account/sessions/sign-out-others', requireSignIn, async (req, res) => {
    await services.sessions.signOutOthers(req.ctx, current(req))
    setFlash(res, 'signed_out_others')
    res.redirect(303, '/settings/account')
  })
  r.post('/settings/account/sessions/:id/sign-out', requireSignIn, async (req, res) => {
    const { current: wasCurrent } = await services.sessions.signOut(req.ctx, current(req), sessionIdParam.parse(req.params.id))
    if (wasCurrent) {
      clearSessionCookie(res, config)
      setFlash(res, 'logged_out')
      return res.redirect(303, '/')
    }
    setFlash(res, 'signed_out_session')
    res.redirect(303, '/settings/account')
  })
  r.post('/settings/account/settings', requireSignIn, async (req, res) => {
    const idle = str(req.body?.idleTimeoutMinutes)
    try {
      await services.sessions.updateSettings(
        req.ctx,
        accountSettingsInput.parse({
          idleTimeoutMinutes: idle === '' ? null : /^\d+$/.test(idle) ? Number(idle) : idle,
          profileVisibility: str(req.body?.profileVisibility) || undefined,
        }),
      )
      setFlash(res, 'account_settings_saved')
      res.redirect(303, '/settings/account')
    } catch (e) {
      const f = formError(e)
      send(res, f.status, accountPage(await pageCtx(req, res), await view(req), f.err))
    }
  })

  // A POST with the form token, not a link: another site cannot start downloads (and use up the limit) for the member.
  r.post('/settings/account/export', requireSignIn, soft(limits.dataExport), async (req, res) => {
    try {
      if (res.locals.limited) throw res.locals.limited
      await sendDataExport(services, req.ctx, res)
    } catch (e) {
      const f = formError(e)
      send(res, f.status, accountPage(await pageCtx(req, res), await view(req), f.err))
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
      send(res, f.status, accountPage(await pageCtx(req, res), await view(req, mode), f.err))
    }
  })
}

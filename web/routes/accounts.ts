import type { Router } from 'express'
import { loginInput, registerInput } from '../../server/http/schemas/auth.ts'
import { isTimeZone } from '../../server/services/preferences.ts'
import { clearSessionCookie, setSessionCookie } from '../../server/http/session-cookie.ts'
import { formError, safeNext, soft, str, type WebKit } from './kit.ts'
import { loginPage, registerPage } from '../views/pages.ts'

/** Signing in, registering and signing out. */
export function mountAccountPages(r: Router, { services, config, limits, pageCtx, send, setFlash }: WebKit) {
  r.get('/login', async (req, res) => {
    if (req.ctx.actor) return res.redirect(303, safeNext(req.query.next) || '/')
    send(res, 200, loginPage(await pageCtx(req, res), { next: safeNext(req.query.next) }))
  })
  r.post('/login', soft(limits.login), async (req, res) => {
    const values = { handle: str(req.body?.handle), next: safeNext(req.body?.next) }
    try {
      if (res.locals.limited) throw res.locals.limited
      const session = await services.auth.login(loginInput.parse({ handle: values.handle, password: str(req.body?.password) }), req.get('user-agent'))
      setSessionCookie(res, config, session.token)
      setFlash(res, 'logged_in')
      res.redirect(303, values.next || '/')
    } catch (e) {
      const f = formError(e)
      send(res, f.status, loginPage(await pageCtx(req, res), values, f.err))
    }
  })

  r.get('/register', async (req, res) => {
    if (req.ctx.actor) return res.redirect(303, '/')
    send(res, 200, registerPage(await pageCtx(req, res), { next: safeNext(req.query.next) }))
  })
  r.post('/register', soft(limits.register), async (req, res) => {
    const values = { handle: str(req.body?.handle), email: str(req.body?.email), next: safeNext(req.body?.next) }
    try {
      if (res.locals.limited) throw res.locals.limited
      const session = await services.auth.register(
        registerInput.parse({ handle: values.handle, email: values.email, password: str(req.body?.password) }),
        req.get('user-agent'),
      )
      setSessionCookie(res, config, session.token)
      // The browser's zone, when zone.js could read it (JavaScript off: UTC until chosen in settings).
      const zone = str(req.body?.timeZone)
      if (isTimeZone(zone)) {
        const who = await services.auth.resolveSession(session.token)
        if (who) await services.preferences.setTimeZone({ ...req.ctx, actor: who.actor }, zone)
      }
      setFlash(res, 'registered')
      res.redirect(303, values.next || '/')
    } catch (e) {
      const f = formError(e)
      send(res, f.status, registerPage(await pageCtx(req, res), values, f.err))
    }
  })

  r.post('/logout', async (req, res) => {
    if (req.sessionToken) await services.auth.logout(req.sessionToken)
    clearSessionCookie(res, config)
    setFlash(res, 'logged_out')
    res.redirect(303, '/')
  })
}

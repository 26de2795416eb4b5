import type { Router } from 'express'
import { pageQuery } from '../../server/http/schemas/common.ts'
import { WARNING_CATEGORIES } from '../../server/services/community-settings.ts'
import type { ReadingPrefs } from '../../server/services/preferences.ts'
import { settingsPage } from '../views/pages.ts'
import { notificationsPage } from '../views/notifications.ts'
import { formError, requireSignIn, str, type WebKit } from './kit.ts'

/** A member's own pages: reading preferences and notifications. */
export function mountMemberPages(r: Router, { services, pageCtx, send, setFlash }: WebKit) {
  r.get('/settings', requireSignIn, async (req, res) => {
    send(res, 200, settingsPage(await pageCtx(req, res), services.preferences.get(req.ctx)))
  })
  r.post('/settings', requireSignIn, async (req, res) => {
    const chosen: Record<string, string> = {}
    for (const c of WARNING_CATEGORIES) if (typeof req.body?.[c] === 'string') chosen[c] = req.body[c]
    try {
      await services.preferences.set(req.ctx, chosen as Partial<ReadingPrefs>)
      setFlash(res, 'prefs_saved')
      res.redirect(303, '/settings')
    } catch (e) {
      const f = formError(e)
      send(res, f.status, settingsPage(await pageCtx(req, res), services.preferences.get(req.ctx), f.err))
    }
  })

  r.post('/settings/time-zone', requireSignIn, async (req, res) => {
    try {
      await services.preferences.setTimeZone(req.ctx, str(req.body?.timeZone))
      setFlash(res, 'zone_saved')
      res.redirect(303, '/settings')
    } catch (e) {
      const f = formError(e)
      send(res, f.status, settingsPage(await pageCtx(req, res), services.preferences.get(req.ctx), f.err))
    }
  })

  r.get('/notifications', requireSignIn, async (req, res) => {
    const page = pageQuery.parse({ cursor: req.query.cursor, limit: 30 })
    const result = await services.notifications.list(req.ctx, page)
    // Seen is read: the ones on this page are marked read now, and still shown as new this once.
    const unseen = result.notifications.filter((n) => !n.read).map((n) => n.id)
    if (unseen.length > 0) await services.notifications.markRead(req.ctx, unseen)
    send(res, 200, notificationsPage(await pageCtx(req, res), result.notifications, result.nextCursor, !page.cursor))
  })
}

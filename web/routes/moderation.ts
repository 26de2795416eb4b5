import type { Router } from 'express'
import { AppError } from '../../server/errors.ts'
import { idParam } from '../../server/http/schemas/common.ts'
import { RESOLVE_ACTIONS, type ResolveAction, type SafetyFeedbackInput } from '../../server/services/moderation.ts'
import { breakNotice } from '../views/leads/outcomes.ts'
import { itemPage, queuePage } from '../views/moderation.ts'
import { auditPage } from '../views/moderation-audit.ts'
import { formError, knownWarnings, list, optInt, requireSignIn, str, type FlashCode, type WebKit } from './kit.ts'

/** The moderators' pages: the queue, the audit log, and one review item with its actions. */
export function mountModerationPages(r: Router, { services, pageCtx, send, setFlash }: WebKit) {
  const optStr = (v: unknown) => str(v).trim() || undefined
  r.get('/mod/queue', requireSignIn, async (req, res) => {
    const filters = { community: optStr(req.query.community), reason: optStr(req.query.reason) }
    const cursor = optStr(req.query.cursor)
    const result = await services.moderation.queue(req.ctx, { ...filters, cursor, limit: 20 })
    const communities = await services.moderatorPages.moderatedCommunities(req.ctx)
    send(res, 200, queuePage(await pageCtx(req, res), { ...result, filters, communities, isFirst: !cursor }))
  })

  r.get('/mod/audit', requireSignIn, async (req, res) => {
    const filters = { community: optStr(req.query.community), action: optStr(req.query.action) }
    const cursor = optStr(req.query.cursor)
    const result = await services.moderation.audit(req.ctx, { ...filters, cursor, limit: 50 })
    const communities = await services.moderatorPages.moderatedCommunities(req.ctx)
    send(res, 200, auditPage(await pageCtx(req, res), { ...result, filters, communities, isFirst: !cursor }))
  })

  r.get('/mod/items/:id', requireSignIn, async (req, res) => {
    const d = await services.moderatorPages.itemContext(req.ctx, idParam.parse(req.params.id))
    const pc = await pageCtx(req, res)
    // After the community's limit of urgent items in a shift: a break and a debrief offered (issue #20).
    const pause = await services.supporters.breakSuggestion(req.ctx, d.communityId)
    send(res, 200, itemPage(pc, pause ? { ...d, notice: breakNotice(pc, pause) } : d))
  })

  /** The item page's "was the flag right?" answer; none when the moderator left it unanswered. */
  const feedbackFrom = (v: Record<string, string>): SafetyFeedbackInput | undefined => {
    if (v.fb_right !== 'yes' && v.fb_right !== 'no') return undefined
    if (v.fb_right === 'yes') return { right: true }
    const crisis = v.fb_crisis === 'none' || v.fb_crisis === 'concern' || v.fb_crisis === 'urgent' ? v.fb_crisis : undefined
    return { right: false, ...(crisis ? { crisis } : {}), spam: v.fb_spam === 'yes', contact: v.fb_contact === 'yes' }
  }

  /** A datetime-local value has no zone: the form says UTC, so read it as UTC. */
  const asUtc = (v: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v) ? `${v}Z` : v)
  const ITEM_ACTIONS = new Set<string>(['claim', 'release', ...RESOLVE_ACTIONS])
  r.post('/mod/items/:id/:action', requireSignIn, async (req, res) => {
    const id = idParam.parse(req.params.id)
    const action = String(req.params.action)
    if (!ITEM_ACTIONS.has(action)) throw new AppError(404, 'not_found', 'That moderation action does not exist.')
    const b = (req.body ?? {}) as Record<string, unknown>
    const values: Record<string, string> = {
      ruleId: str(b.ruleId),
      until: str(b.until),
      message: str(b.message),
      sign: str(b.sign),
      note: str(b.note),
      fb_right: str(b.fb_right),
      fb_crisis: str(b.fb_crisis),
      fb_spam: str(b.fb_spam),
      fb_contact: str(b.fb_contact),
    }
    // The warnings a moderator ticked come back ticked if the action is refused.
    if (action === 'warn') values.warnings = knownWarnings(list(b.warnings)).join(',')
    try {
      if (action === 'claim') await services.moderation.claim(req.ctx, id)
      else if (action === 'release') await services.moderation.release(req.ctx, id)
      else {
        const ruleId = optInt(values.ruleId)
        await services.moderation.resolve(req.ctx, id, {
          action: action as ResolveAction,
          ruleId,
          note: values.note.trim() || undefined,
          warnings: action === 'warn' ? knownWarnings(list(b.warnings)) : undefined,
          until: action === 'silence' ? asUtc(values.until) : undefined,
          message: action === 'check_in' ? values.message : undefined,
          sign: values.sign === 'yes',
          // The version the page showed: acting on an item that has changed since is refused.
          version: optInt(b.version),
          feedback: feedbackFrom(values),
        })
      }
      setFlash(res, `mod_${action}` as FlashCode)
      res.redirect(303, `/mod/items/${id}`)
    } catch (e) {
      const f = formError(e)
      const d = await services.moderatorPages.itemContext(req.ctx, id)
      send(res, f.status, itemPage(await pageCtx(req, res), d, f.err, values))
    }
  })
}

import type { Request, RequestHandler, Response } from 'express'
import type { Config } from '../../server/config.ts'
import { csrfTokenFor, typedByThisVisitor } from '../../server/http/middleware/csrf.ts'
import { toAppError, type HtmlErrorRenderer } from '../../server/http/middleware/error-handler.ts'
import type { RateLimits } from '../../server/http/middleware/rate-limit.ts'
import { WARNING_CATEGORIES, type WarningCategory } from '../../server/services/community-settings.ts'
import type { Services } from '../../server/services/index.ts'
import type { FormError, PageCtx } from '../views/layout.ts'
import { errorPage } from '../views/pages.ts'

export const FLASH_COOKIE = 'alongside_flash'
/** Confirmations for the polite status region. Only these fixed strings are ever shown: nothing from the URL or cookie is echoed. */
export const FLASH = {
  registered: 'Welcome to Alongside. Your account is ready.',
  logged_in: 'You are logged in.',
  logged_out: 'You are logged out. Take care.',
  joined: 'You joined the community. Welcome.',
  thread_posted: 'Your thread is posted.',
  reply_posted: 'Your reply is posted.',
  posted_checkin: 'Your post is up, and a moderator will check in with you.',
  edited: 'Your changes are saved.',
  helpful_marked: 'Thank you. The writer will see that this helped someone, never who.',
  helpful_unmarked: 'Your mark is taken back.',
  blocked: 'Blocked. They are not told.',
  unblocked: 'Unblocked.',
  watch_follow: 'You are following this thread: every reply will notify you.',
  watch_normal: 'This thread notifies you as usual again.',
  watch_mute: 'You muted this thread. Nothing in it will notify you.',
  community_muted: 'Replies in this community will not notify you.',
  community_unmuted: 'Replies in this community notify you as usual again.',
  deleted: 'Your post was deleted.',
  prefs_saved: 'Your reading preferences are saved.',
  zone_saved: 'Your time zone is saved. Times are shown in it from now on.',
  mod_claim: 'You claimed this item. It is yours for 15 minutes after your last action.',
  mod_release: 'You released this item. Another moderator can take it.',
  mod_approve: 'Approved: the post stays up and the item is closed.',
  mod_hide: 'The post is hidden and the item is closed.',
  mod_remove: 'The post is removed and the author is told which rule.',
  mod_warn: 'The content warnings are saved and the item is closed.',
  mod_lock: 'The thread is locked and the item is closed.',
  mod_silence: 'The author is silenced and the item is closed.',
  mod_check_in: 'Your check-in message is sent. The item stays open.',
  mod_escalate: 'Escalated: the community leads and admins are alerted.',
  lead_guidelines: 'The new guidelines are published. Members will be asked to accept them before they next post.',
  lead_rules: 'The rules are saved.',
  lead_settings: 'The safety settings are saved. They apply from the next post.',
  lead_word_added: 'The watched word is saved. It applies from the next post.',
  lead_word_removed: 'The watched word is deleted.',
  lead_crisis: 'The crisis resources are saved.',
  lead_appointed: 'The appointment is saved.',
  lead_role_removed: 'The role is removed. They are a member again.',
  reported: 'Thank you. Your report is with the moderators; you will hear what they decide.',
  check_in_reply: 'Your reply is sent to the moderators.',
  password_reset: 'Your new password is saved and every device was signed out. Log in with it now.',
  password_changed: 'Your new password is saved. Your other devices were signed out.',
  email_link_sent: 'We sent a link to the address. Open it to confirm.',
  mail_prefs_saved: 'Your mail preferences are saved.',
  duty_saved: 'Your duty settings are saved.',
  outcome_enrolled: 'Check-ins are on. Your first one is ready whenever you are.',
  outcome_saved: 'Thank you. Your check-in is saved, and only you can see it.',
  outcome_saved_asked: 'Thank you. Your check-in is saved, and a moderator will check in with you. They see that you asked, not your answers.',
  outcome_saved_no_post:
    'Your check-in is saved. A moderator check-in starts from one of your ' +
    'posts, and you have none in this community yet: start a thread and ' +
    'tick “ask a moderator to check in with me”, or use the crisis lines below.',
  outcome_skipped: 'Skipped. The next check-in comes after your usual interval.',
  outcome_paused: 'Check-ins are paused. Nothing is due until you resume.',
  outcome_resumed: 'Check-ins are resumed.',
  outcome_settings: 'Your check-in settings are saved.',
  outcome_deleted: 'That check-in is deleted.',
  outcome_withdrawn: 'You have withdrawn. Every answer you gave is deleted, and check-ins are off.',
  debrief_sent: 'Your note is with the community leads. Thank you for the work you do: take the break you need.',
  signed_out_others: 'You are signed out everywhere else.',
  signed_out_session: 'That device is signed out.',
  account_settings_saved: 'Your settings are saved.',
  lead_search_indexing: 'The search engine setting is saved.',
  account_deleted: 'Your account is deleted. Thank you for being here; take care.',
} as const satisfies Record<string, string>
export type FlashCode = keyof typeof FLASH
const isFlashCode = (v: string): v is FlashCode => Object.hasOwn(FLASH, v)

/** Form errors re-render the form with everything typed kept; anything else goes to the error page. */
const FORM_STATUSES = new Set([400, 401, 403, 409, 413, 422, 429])

export const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '')
/** A form field holding a whole number (a hidden id, version or revision), else undefined. */
export const optInt = (v: unknown) => (/^\d+$/.test(str(v)) ? Number(str(v)) : undefined)
export const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [])
export const knownWarnings = (v: string[]) => v.filter((w): w is WarningCategory => (WARNING_CATEGORIES as readonly string[]).includes(w))
export const safeNext = (v: unknown) => {
  const s = str(v)
  return s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\') ? s : ''
}
/** A post's own address: it answers with the thread page that holds the post, scrolled to it. */
export const postUrl = (threadId: number, postId: number) => `/t/${threadId}/p/${postId}`

export function formError(err: unknown): { status: number; err: FormError } {
  const e = toAppError(err)
  if (!e || !FORM_STATUSES.has(e.status)) throw err
  // A lead's block message is written for the member: show it as it is, not only the field it points at.
  return { status: e.status, err: { message: e.message, fields: e.fields, ...(e.code === 'blocked_by_community' ? { note: e.message } : {}) } }
}

/**
 * A rate limit that lets the handler re-render the form (keeping the member's text) instead of
 * failing the request. Previews count too: each one is a render someone else's request waits on.
 */
export const soft =
  (limiter: RequestHandler): RequestHandler =>
  (req, res, next) => {
    return limiter(req, res, (err?: unknown) => {
      if (err) res.locals.limited = err
      next()
    })
  }

/** Pages for members only: a guest is sent to sign in, and brought back here after. */
export const requireSignIn: RequestHandler = (req, res, next) => {
  if (req.ctx.actor) return next()
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`)
}

const POST_ADDRESS = /^\/t\/\d+\/p\/\d+$/

/** Reads the one-shot confirmation cookie a redirect left for the page after it. */
export const readFlash: RequestHandler = (req, res, next) => {
  const code: unknown = req.cookies?.[FLASH_COOKIE]
  // A post's address only redirects to its page: the confirmation is for that page.
  if (req.method === 'GET' && POST_ADDRESS.test(req.path)) return next()
  if (typeof code === 'string') {
    if (req.method === 'GET') res.clearCookie(FLASH_COOKIE, { path: '/' })
    if (isFlashCode(code)) res.locals.flash = FLASH[code]
  }
  next()
}

/** What every page route needs: the services, the limits, and the page frame (header, flash, sending). */
export interface WebKit {
  services: Services
  config: Config
  limits: RateLimits
  pageCtx(req: Request, res: Response): Promise<PageCtx>
  send(res: Response, status: number, body: string): void
  setFlash(res: Response, code: FlashCode): void
}

export function createPageFrame(services: Services, config: Config) {
  async function pageCtx(req: Request, res: Response): Promise<PageCtx> {
    const header = await services.pageHeader.forPage(req.ctx ?? { requestId: '' })
    // Cleared by send() once this page has gone out: a page that fails after this line keeps them waiting.
    res.locals.crisisShown = header.crisisSupport?.postId
    return {
      actor: req.ctx?.actor,
      csrf: csrfTokenFor(req),
      unread: header.unread,
      path: req.path,
      status: res.locals.flash as string | undefined,
      moderates: header.moderates,
      crisisSupport: header.crisisSupport,
      leads: header.leads,
      checkInDue: header.checkInDue,
      indexable: res.locals.indexable === true,
    }
  }

  function send(res: Response, status: number, body: string) {
    if (res.locals.indexable !== true) res.set('X-Robots-Tag', 'noindex')
    res.status(status).set('Cache-Control', 'no-store').type('html').send(body)
    // The crisis lines in this page's header have now been shown (a HEAD request shows nothing).
    const postId = res.locals.crisisShown as number | undefined
    if (postId !== undefined && res.req.method !== 'HEAD') {
      res.locals.crisisShown = undefined
      services.crisisSupport.shown(res.req.ctx, postId).catch(() => {
        // Left waiting: the member sees the lines once more, the safe way round.
      })
    }
  }

  function setFlash(res: Response, code: FlashCode) {
    res.cookie(FLASH_COOKIE, code, { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/', maxAge: 60_000 })
  }

  const renderError: HtmlErrorRenderer = (req, res, err) => {
    void (async () => {
      // The same header as every page, but an error never uses up waiting crisis lines; if even
      // the header cannot be read, the error page still renders with a plain one.
      const header = await services.pageHeader
        .forPage(req.ctx ?? { requestId: '' }, { crisisLines: false })
        .catch(() => ({ unread: 0, moderates: false, leads: [] }))
      const pc: PageCtx = {
        actor: req.ctx?.actor,
        csrf: csrfTokenFor(req),
        unread: header.unread,
        path: req.path,
        moderates: header.moderates,
        leads: header.leads,
      }
      // A form that failed before reaching its page (an expired token, say) still gives the member
      // their words back; never words another site's form sent (typedByThisVisitor).
      const typed: { label: string; text: string }[] = []
      if (req.method === 'POST' && req.body && typeof req.body === 'object' && typedByThisVisitor(req)) {
        const b = req.body as Record<string, unknown>
        if (str(b.title).trim()) typed.push({ label: 'Title', text: str(b.title) })
        if (str(b.body).trim()) typed.push({ label: 'Your text', text: str(b.body) })
      }
      const loginNext = err.status === 401 && req.method === 'GET' ? req.originalUrl : err.status === 401 ? '/' : undefined
      // The page that failed may have read the waiting crisis lines: this one does not show them.
      res.locals.crisisShown = undefined
      send(res, err.status, errorPage(pc, err.status, err.message, { loginNext, typed }))
    })().catch(() => {
      if (!res.headersSent) res.status(err.status).type('text/plain').send(err.message)
    })
  }

  return { pageCtx, send, setFlash, renderError }
}

import crypto from 'node:crypto'
import { ZodError } from 'zod'
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import type { Config } from '../server/config.ts'
import { AppError } from '../server/errors.ts'
import { csrfTokenFor, typedByThisVisitor } from '../server/http/middleware/csrf.ts'
import { toAppError, type HtmlErrorRenderer } from '../server/http/middleware/error-handler.ts'
import type { RateLimits } from '../server/http/middleware/rate-limit.ts'
import { loginInput, registerInput } from '../server/http/schemas/auth.ts'
import { idParam, pageQuery } from '../server/http/schemas/common.ts'
import { editPostInput, newThreadInput, replyInput } from '../server/http/schemas/forum.ts'
import { crisisResourcesInput, guidelinesInput, roleInput, rulesInput, settingsPatch, watchedWordInput } from '../server/http/schemas/leads.ts'
import { checkInReplyInput, reportInput } from '../server/http/schemas/moderation.ts'
import { clearSessionCookie, setSessionCookie } from '../server/http/session-cookie.ts'
import type { CrisisResource } from '../server/services/communities.ts'
import { WARNING_CATEGORIES, type WarningCategory } from '../server/services/community-settings.ts'
import { encodeCursor } from '../server/services/cursor.ts'
import type { Services } from '../server/services/index.ts'
import { html, raw, type SafeHtml } from './html.ts'
import { deflatePiece, sendStitched } from '../server/http/gzip.ts'
import type { ReadingPrefs } from '../server/services/preferences.ts'
import { composePage, communityPage, deletePage, historyPage, joinPage, threadPage, threadPosts, type ComposerOpts } from './views/forum.ts'
import type { FormError, PageCtx } from './views/layout.ts'
import { auditPage, itemPage, queuePage } from './views/moderation.ts'
import {
  crisisResourcesPage, guidelinesEditPage, guidelinesHistoryPage, healthPage, leadHomePage, leadIndexPage, leadSettingsPage, rulesPage, staffPage, wordsPage,
  type DryRunView, type ResourceRow, type RuleRow, type WordValues,
} from './views/leads.ts'
import { RESOLVE_ACTIONS, type ResolveAction } from '../server/services/moderation.ts'
import {
  aboutPage, checkInPage, crisisPage, errorPage, homePage, loginPage, notificationsPage, registerPage, reportPage, settingsPage, type HomeCommunity,
} from './views/pages.ts'

const FLASH_COOKIE = 'alongside_flash'
// Where a thread page's cached posts go: an HTML comment with a random name, in a page whose own
// text is all escaped, so nothing a member writes can put it anywhere else.
const POSTS_MARK = `<!--posts-${crypto.randomUUID()}-->`
/** Confirmations for the polite status region. Only these fixed strings are ever shown: nothing from the URL or cookie is echoed. */
const FLASH: Record<string, string> = {
  registered: 'Welcome to Alongside. Your account is ready.',
  logged_in: 'You are logged in.',
  logged_out: 'You are logged out. Take care.',
  joined: 'You joined the community. Welcome.',
  thread_posted: 'Your thread is posted.',
  reply_posted: 'Your reply is posted.',
  posted_checkin: 'Your post is up, and a moderator will check in with you.',
  edited: 'Your changes are saved.',
  deleted: 'Your post was deleted.',
  prefs_saved: 'Your reading preferences are saved.',
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
}

/** Form errors re-render the form with everything typed kept; anything else goes to the error page. */
const FORM_STATUSES = new Set([400, 401, 403, 409, 413, 422, 429])

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '')
/** A form field holding a whole number (a hidden id, version or revision), else undefined. */
const optInt = (v: unknown) => (/^\d+$/.test(str(v)) ? Number(str(v)) : undefined)
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [])
const knownWarnings = (v: string[]) => v.filter((w): w is WarningCategory => (WARNING_CATEGORIES as readonly string[]).includes(w))
const safeNext = (v: unknown) => {
  const s = str(v)
  return s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\') ? s : ''
}
const postUrl = (threadId: number, postId: number) => `/t/${threadId}?cursor=${encodeCursor({ after: postId - 1 })}#post-${postId}`

function formError(err: unknown): { status: number; err: FormError } {
  const e = toAppError(err)
  if (!e || !FORM_STATUSES.has(e.status)) throw err
  // A lead's block message is written for the member: show it as it is, not only the field it points at.
  return { status: e.status, err: { message: e.message, fields: e.fields, ...(e.code === 'blocked_by_community' ? { note: e.message } : {}) } }
}

/**
 * A rate limit that lets the handler re-render the form (keeping the member's text) instead of
 * failing the request. Previews count too: each one is a render someone else's request waits on.
 */
const soft = (limiter: RequestHandler): RequestHandler => (req, res, next) => {
  return limiter(req, res, (err?: unknown) => {
    if (err) res.locals.limited = err
    next()
  })
}


/** The server-rendered member pages, mounted at /. */
export function createWeb(services: Services, config: Config): { router: (limits: RateLimits) => Router; renderError: HtmlErrorRenderer } {
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
    }
  }

  function send(res: Response, status: number, body: string) {
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

  function setFlash(res: Response, code: keyof typeof FLASH) {
    res.cookie(FLASH_COOKIE, code, { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/', maxAge: 60_000 })
  }

  function needSignIn(req: Request, res: Response): boolean {
    if (req.ctx.actor) return false
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`)
    return true
  }

  /** The post a member wants to act on, with its thread, read through the forum service so every permission check applies. */
  async function loadPost(req: Request) {
    const threadId = idParam.parse(req.params.threadId)
    const postId = idParam.parse(req.params.postId)
    const t = await services.forum.getThread(req.ctx, threadId, { limit: 1, cursor: encodeCursor({ after: postId - 1 }) })
    const post = t.posts[0]
    if (!post || post.id !== postId) throw new AppError(404, 'not_found', 'That post was not found. It may have been removed, or the link may be wrong.')
    return { threadId, postId, post, thread: t.thread, community: { slug: t.community.slug, name: t.community.name }, isFirst: post.id === (await firstPostId(req, threadId)) }
  }

  async function firstPostId(req: Request, threadId: number) {
    return (await services.forum.getThread(req.ctx, threadId, { limit: 1 })).posts[0]?.id
  }

  function router(limits: RateLimits): Router {
    const r = Router()

    r.use((req, res, next: NextFunction) => {
      const code = req.cookies?.[FLASH_COOKIE]
      if (typeof code === 'string') {
        if (req.method === 'GET') res.clearCookie(FLASH_COOKIE, { path: '/' })
        if (FLASH[code]) res.locals.flash = FLASH[code]
      }
      next()
    })

    // ---------- site ----------
    r.get('/', async (req, res) => {
      const communities = await services.communities.list(req.ctx)
      const latest = await services.forum.latestThreads(communities.filter((c) => c.canRead).map((c) => c.slug))
      const withLatest: HomeCommunity[] = communities.map((c) => (c.canRead ? { ...c, latest: latest.get(c.slug) } : c))
      send(res, 200, homePage(await pageCtx(req, res), withLatest))
    })

    // Pages outside any one community: every community's crisis lines, each once.
    r.get('/about', async (req, res) => send(res, 200, aboutPage(await pageCtx(req, res), await services.communities.allCrisisResources())))
    r.get('/crisis', async (req, res) => send(res, 200, crisisPage(await pageCtx(req, res), await services.communities.allCrisisResources())))

    // ---------- accounts ----------
    r.get('/login', async (req, res) => {
      if (req.ctx.actor) return res.redirect(303, safeNext(req.query.next) || '/')
      send(res, 200, loginPage(await pageCtx(req, res), { next: safeNext(req.query.next) }))
    })
    r.post('/login', soft(limits.login), async (req, res) => {
      const values = { handle: str(req.body?.handle), next: safeNext(req.body?.next) }
      try {
        if (res.locals.limited) throw res.locals.limited
        const session = await services.auth.login(loginInput.parse({ handle: values.handle, password: str(req.body?.password) }))
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
        const session = await services.auth.register(registerInput.parse({ handle: values.handle, email: values.email, password: str(req.body?.password) }))
        setSessionCookie(res, config, session.token)
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

    // ---------- communities ----------
    r.get('/c/:slug', async (req, res) => {
      const slug = String(req.params.slug)
      const { community, membership } = await services.communities.get(req.ctx, slug)
      const page = pageQuery.parse({ cursor: req.query.cursor })
      let threads = null
      let nextCursor: string | null = null
      if (community.canRead) {
        const result = await services.forum.listThreads(req.ctx, slug, { limit: 20, cursor: page.cursor })
        threads = result.threads
        nextCursor = result.nextCursor
      }
      send(res, 200, communityPage(await pageCtx(req, res), community, membership, threads, nextCursor, !page.cursor))
    })

    r.get('/c/:slug/crisis', async (req, res) => {
      const { community } = await services.communities.get(req.ctx, String(req.params.slug))
      send(res, 200, crisisPage(await pageCtx(req, res), community.crisisResources, { slug: community.slug, name: community.name }))
    })

    r.get('/c/:slug/join', async (req, res) => {
      if (needSignIn(req, res)) return
      const { community, membership } = await services.communities.get(req.ctx, String(req.params.slug))
      if (membership && !membership.needsToAcceptGuidelines) return res.redirect(303, `/c/${community.slug}`)
      send(res, 200, joinPage(await pageCtx(req, res), community, undefined, !!membership))
    })
    r.post('/c/:slug/join', async (req, res) => {
      if (needSignIn(req, res)) return
      const { community } = await services.communities.get(req.ctx, String(req.params.slug))
      try {
        if (str(req.body?.accept) !== 'yes') {
          throw new AppError(400, 'invalid_input', 'Please confirm you have read the guidelines.', { accept: 'Tick the box to confirm you have read the guidelines.' })
        }
        await services.communities.join(req.ctx, community.slug, Number(str(req.body?.acceptedGuidelinesVersion)))
        setFlash(res, 'joined')
        res.redirect(303, `/c/${community.slug}`)
      } catch (e) {
        const f = formError(e)
        // A version mismatch means the guidelines changed while reading: show the new ones.
        const fresh = (await services.communities.get(req.ctx, community.slug)).community
        const again = !!(await services.communities.get(req.ctx, community.slug)).membership
        send(res, f.status, joinPage(await pageCtx(req, res), fresh, f.err, again))
      }
    })

    // ---------- composing: new thread, reply, edit ----------
    interface ComposeTarget {
      community: { slug: string; name: string }
      page: { title: string; heading: string; crumbs: { href?: string; label: string }[] }
      action: string
      kind: ComposerOpts['kind']
      extra?: SafeHtml
      /** An edit: the revision the form was opened on, which every re-render carries back... */
      baseRevision?: number
      /** ...until an edit conflict: then the revision saved now, so saving again is a choice. */
      revisionNow?: number
    }

    /**
     * One flow for every form that writes a post: preview, the gentle crisis check, then the write.
     * Whatever goes wrong, the page comes back with everything the member typed.
     */
    async function compose(req: Request, res: Response, target: ComposeTarget, write: (draft: { title: string; body: string; warnings: string[]; askForCheckIn: boolean }) => Promise<string>) {
      const action = str(req.body?.action) || 'post'
      const draft = { title: str(req.body?.title), body: str(req.body?.body), warnings: list(req.body?.contentWarnings), askForCheckIn: action === 'post_checkin' }
      const render = async (status: number, extra: { err?: FormError; preview?: string; check?: CrisisResource[]; conflict?: boolean }) =>
        send(res, status, composePage(await pageCtx(req, res), {
          ...target.page,
          community: target.community,
          extra: target.extra,
          composer: {
            action: target.action, kind: target.kind, values: { title: draft.title, body: draft.body }, warnings: knownWarnings(draft.warnings), err: extra.err,
            baseRevision: extra.conflict ? target.revisionNow : target.baseRevision,
          },
          preview: extra.preview,
          check: extra.check,
        }))
      try {
        if (res.locals.limited) throw res.locals.limited
        if (action === 'preview' || action === 'post') {
          // Validate first so the preview shows the same errors a post would.
          if (target.kind === 'thread') newThreadInput.parse({ title: draft.title, body: draft.body, contentWarnings: draft.warnings })
          else replyInput.parse({ body: draft.body, contentWarnings: draft.warnings })
          if (target.kind !== 'edit') {
            const check = await services.precheck.check(target.community.slug, target.kind === 'thread' ? `${draft.title}\n\n${draft.body}` : draft.body)
            if (check.crisis !== 'none') return render(200, { check: check.resources, preview: action === 'preview' ? await services.forum.preview(req.ctx, draft.body) : undefined })
          }
          if (action === 'preview') return render(200, { preview: await services.forum.preview(req.ctx, draft.body) })
        }
        const to = await write(draft)
        res.redirect(303, to)
      } catch (e) {
        const f = formError(e)
        await render(f.status, { err: f.err, conflict: toAppError(e)?.code === 'edit_conflict' })
      }
    }

    r.get('/c/:slug/new', async (req, res) => {
      if (needSignIn(req, res)) return
      const { community, membership } = await services.communities.get(req.ctx, String(req.params.slug))
      if (!membership || membership.needsToAcceptGuidelines) return res.redirect(303, `/c/${community.slug}/join`)
      send(res, 200, composePage(await pageCtx(req, res), {
        ...newThreadPage(community),
        community: { slug: community.slug, name: community.name },
        composer: { action: `/c/${community.slug}/new`, kind: 'thread', values: {}, warnings: [] },
      }))
    })
    const newThreadPage = (c: { slug: string; name: string }) => ({
      title: `New thread in ${c.name}`,
      heading: 'Start a thread',
      crumbs: [{ href: `/c/${c.slug}`, label: c.name }, { label: 'New thread' }],
    })
    r.post('/c/:slug/new', soft(limits.posting), async (req, res) => {
      if (needSignIn(req, res)) return
      const { community } = await services.communities.get(req.ctx, String(req.params.slug))
      const c = { slug: community.slug, name: community.name }
      await compose(req, res, { community: c, page: newThreadPage(c), action: `/c/${c.slug}/new`, kind: 'thread' }, async (d) => {
        const input = newThreadInput.parse({ title: d.title, body: d.body, contentWarnings: d.warnings })
        // askForCheckIn is read by the forum service (the moderation work); passed only when the member asked.
        const result = await services.forum.createThread(req.ctx, c.slug, { ...input, ...(d.askForCheckIn ? { askForCheckIn: true } : {}) } as typeof input)
        setFlash(res, d.askForCheckIn ? 'posted_checkin' : 'thread_posted')
        return `/t/${result.thread.id}`
      })
    })

    // ---------- threads and posts ----------
    async function threadContext(req: Request, threadId: number) {
      const t = await services.forum.getThread(req.ctx, threadId, { limit: 1 })
      return { thread: t.thread, community: { slug: t.community.slug, name: t.community.name } }
    }

    r.get('/t/:threadId', async (req, res) => {
      const threadId = idParam.parse(req.params.threadId)
      const page = pageQuery.parse({ cursor: req.query.cursor })
      const prefs: ReadingPrefs = services.preferences.get(req.ctx)
      const canAct = !!req.ctx.actor
      // The posts are rendered and compressed once per reader kind (page cache); the page around
      // them (header, CSRF token, reply form) is this member's own, compressed on each request.
      const t = await services.forum.threadPageAs(req.ctx, threadId, { limit: 20, cursor: page.cursor }, {
        key: `html|${canAct ? 1 : 0}|${JSON.stringify(prefs)}`,
        build(p) {
          const piece = deflatePiece(threadPosts(p.posts, prefs, { threadId: p.thread.id, canAct }))
          return { value: piece, bytes: piece.deflated.length }
        },
      })
      const membership = t.membership
      const body = threadPage(await pageCtx(req, res), {
        thread: t.thread, community: { slug: t.community.slug, name: t.community.name }, posts: raw(POSTS_MARK), nextCursor: t.nextCursor,
        isFirst: !page.cursor, canReply: !!membership, membership,
      })
      const at = body.indexOf(POSTS_MARK)
      res.status(200).set('Cache-Control', 'no-store')
      sendStitched(req, res, 'text/html; charset=utf-8', [body.slice(0, at), t.value, body.slice(at + POSTS_MARK.length)])
    })

    const replyPage = (t: { id: number; title: string }, c: { slug: string; name: string }) => ({
      title: `Reply to ${t.title}`,
      heading: `Reply to “${t.title}”`,
      crumbs: [{ href: `/c/${c.slug}`, label: c.name }, { href: `/t/${t.id}`, label: t.title }, { label: 'Reply' }],
    })
    r.get('/t/:threadId/reply', async (req, res) => {
      if (needSignIn(req, res)) return
      const { thread, community } = await threadContext(req, idParam.parse(req.params.threadId))
      send(res, 200, composePage(await pageCtx(req, res), {
        ...replyPage(thread, community), community, composer: { action: `/t/${thread.id}/reply`, kind: 'reply', values: {}, warnings: [] },
      }))
    })
    r.post('/t/:threadId/reply', soft(limits.posting), async (req, res) => {
      if (needSignIn(req, res)) return
      const { thread, community } = await threadContext(req, idParam.parse(req.params.threadId))
      await compose(req, res, { community, page: replyPage(thread, community), action: `/t/${thread.id}/reply`, kind: 'reply' }, async (d) => {
        const input = replyInput.parse({ body: d.body, contentWarnings: d.warnings })
        const post = await services.forum.createReply(req.ctx, thread.id, { ...input, ...(d.askForCheckIn ? { askForCheckIn: true } : {}) } as typeof input)
        setFlash(res, d.askForCheckIn ? 'posted_checkin' : 'reply_posted')
        return postUrl(thread.id, post.id)
      })
    })

    r.get('/t/:threadId/p/:postId', (req, res) => {
      const threadId = idParam.parse(req.params.threadId)
      const postId = idParam.parse(req.params.postId)
      res.redirect(302, postUrl(threadId, postId))
    })

    const editPage = (p: { threadId: number; postId: number; thread: { title: string }; community: { slug: string; name: string } }) => ({
      title: 'Edit your post',
      heading: 'Edit your post',
      crumbs: [{ href: `/c/${p.community.slug}`, label: p.community.name }, { href: `/t/${p.threadId}`, label: p.thread.title }, { label: 'Edit' }],
    })
    const historyLink = (threadId: number, postId: number, revision: number) =>
      revision > 1 ? html`<p><a href="/t/${threadId}/p/${postId}/history">See earlier versions of this post</a></p>` : undefined

    r.get('/t/:threadId/p/:postId/edit', async (req, res) => {
      if (needSignIn(req, res)) return
      const p = await loadPost(req)
      if (!p.post.isOwn) throw new AppError(403, 'not_the_author', 'You can only edit your own posts.')
      send(res, 200, composePage(await pageCtx(req, res), {
        ...editPage(p), community: p.community, extra: historyLink(p.threadId, p.postId, p.post.revision),
        composer: { action: `/t/${p.threadId}/p/${p.postId}/edit`, kind: 'edit', values: { body: p.post.body }, warnings: p.post.contentWarnings, baseRevision: p.post.revision },
      }))
    })
    r.post('/t/:threadId/p/:postId/edit', soft(limits.posting), async (req, res) => {
      if (needSignIn(req, res)) return
      const p = await loadPost(req)
      // The revision this form was opened on rides along through previews and errors: only an edit
      // conflict moves it on (a form from before the field existed starts from the saved revision).
      const baseRevision = optInt(req.body?.baseRevision) ?? p.post.revision
      await compose(req, res, {
        community: p.community, page: editPage(p), action: `/t/${p.threadId}/p/${p.postId}/edit`, kind: 'edit',
        extra: historyLink(p.threadId, p.postId, p.post.revision), baseRevision, revisionNow: p.post.revision,
      }, async (d) => {
        const input = editPostInput.parse({ body: d.body, contentWarnings: d.warnings, baseRevision })
        await services.forum.editPost(req.ctx, p.postId, input)
        setFlash(res, 'edited')
        return postUrl(p.threadId, p.postId)
      })
    })

    r.get('/t/:threadId/p/:postId/history', async (req, res) => {
      if (needSignIn(req, res)) return
      const p = await loadPost(req)
      const revisions = await services.forum.revisions(req.ctx, p.postId)
      send(res, 200, historyPage(await pageCtx(req, res), { threadId: p.threadId, postId: p.postId, threadTitle: p.thread.title, community: p.community, revisions }))
    })

    r.get('/t/:threadId/p/:postId/delete', async (req, res) => {
      if (needSignIn(req, res)) return
      const p = await loadPost(req)
      if (!p.post.isOwn) throw new AppError(403, 'not_the_author', 'You can only delete your own posts.')
      send(res, 200, deletePage(await pageCtx(req, res), { threadId: p.threadId, postId: p.postId, threadTitle: p.thread.title, community: p.community, isFirst: !!p.isFirst }))
    })
    r.post('/t/:threadId/p/:postId/delete', async (req, res) => {
      if (needSignIn(req, res)) return
      const threadId = idParam.parse(req.params.threadId)
      await services.forum.deletePost(req.ctx, idParam.parse(req.params.postId))
      setFlash(res, 'deleted')
      res.redirect(303, `/t/${threadId}`)
    })

    async function reportContext(req: Request) {
      const { thread, community } = await threadContext(req, idParam.parse(req.params.threadId))
      const rules = await services.leads.rules(req.ctx, community.slug)
      return { threadId: thread.id, postId: idParam.parse(req.params.postId), community, rules }
    }
    r.get('/t/:threadId/p/:postId/report', async (req, res) => {
      if (needSignIn(req, res)) return
      send(res, 200, reportPage(await pageCtx(req, res), await reportContext(req)))
    })
    // The same limit as the API's report route: one account must not be able to report every post it sees.
    r.post('/t/:threadId/p/:postId/report', soft(limits.posting), async (req, res) => {
      if (needSignIn(req, res)) return
      const o = await reportContext(req)
      const values = { reason: str(req.body?.reason), ruleId: str(req.body?.ruleId), note: str(req.body?.note) }
      try {
        if (res.locals.limited) throw res.locals.limited
        const input = reportInput.parse({
          reason: values.reason || undefined,
          ...(values.ruleId && values.reason === 'guideline' ? { ruleId: values.ruleId } : {}),
          ...(values.note.trim() ? { note: values.note } : {}),
        })
        await services.moderation.report(req.ctx, o.postId, input, { threadId: o.threadId })
        setFlash(res, 'reported')
        res.redirect(303, `/t/${o.threadId}`)
      } catch (e) {
        const f = formError(e)
        send(res, f.status, reportPage(await pageCtx(req, res), { ...o, values, err: f.err }))
      }
    })

    r.get('/check-ins/:id', async (req, res) => {
      if (needSignIn(req, res)) return
      send(res, 200, checkInPage(await pageCtx(req, res), await services.moderation.conversation(req.ctx, idParam.parse(req.params.id))))
    })
    r.post('/check-ins/:id', soft(limits.posting), async (req, res) => {
      if (needSignIn(req, res)) return
      const id = idParam.parse(req.params.id)
      const values = { body: str(req.body?.body) }
      try {
        if (res.locals.limited) throw res.locals.limited
        await services.moderation.replyToCheckIn(req.ctx, id, checkInReplyInput.parse(values).body)
        setFlash(res, 'check_in_reply')
        res.redirect(303, `/check-ins/${id}`)
      } catch (e) {
        const f = formError(e)
        send(res, f.status, checkInPage(await pageCtx(req, res), await services.moderation.conversation(req.ctx, id), { values, err: f.err }))
      }
    })

    // ---------- settings and notifications ----------
    r.get('/settings', async (req, res) => {
      if (needSignIn(req, res)) return
      send(res, 200, settingsPage(await pageCtx(req, res), services.preferences.get(req.ctx)))
    })
    r.post('/settings', async (req, res) => {
      if (needSignIn(req, res)) return
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

    r.get('/notifications', async (req, res) => {
      if (needSignIn(req, res)) return
      const page = pageQuery.parse({ cursor: req.query.cursor, limit: 30 })
      const result = await services.notifications.list(req.ctx, page)
      // Seen is read: the ones on this page are marked read now, and still shown as new this once.
      const unseen = result.notifications.filter((n) => !n.read).map((n) => n.id)
      if (unseen.length > 0) await services.notifications.markRead(req.ctx, unseen)
      send(res, 200, notificationsPage(await pageCtx(req, res), result.notifications, result.nextCursor, !page.cursor))
    })

    // ---------- moderation ----------
    const optStr = (v: unknown) => str(v).trim() || undefined
    r.get('/mod/queue', async (req, res) => {
      if (needSignIn(req, res)) return
      const filters = { community: optStr(req.query.community), reason: optStr(req.query.reason) }
      const cursor = optStr(req.query.cursor)
      const result = await services.moderation.queue(req.ctx, { ...filters, cursor, limit: 20 })
      const communities = await services.rules.moderatedCommunities(req.ctx)
      send(res, 200, queuePage(await pageCtx(req, res), { ...result, filters, communities, isFirst: !cursor }))
    })

    r.get('/mod/audit', async (req, res) => {
      if (needSignIn(req, res)) return
      const filters = { community: optStr(req.query.community), action: optStr(req.query.action) }
      const cursor = optStr(req.query.cursor)
      const result = await services.moderation.audit(req.ctx, { ...filters, cursor, limit: 50 })
      const communities = await services.rules.moderatedCommunities(req.ctx)
      send(res, 200, auditPage(await pageCtx(req, res), { ...result, filters, communities, isFirst: !cursor }))
    })

    r.get('/mod/items/:id', async (req, res) => {
      if (needSignIn(req, res)) return
      const d = await services.rules.itemContext(req.ctx, idParam.parse(req.params.id))
      send(res, 200, itemPage(await pageCtx(req, res), d))
    })

    /** A datetime-local value has no zone: the form says UTC, so read it as UTC. */
    const asUtc = (v: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v) ? `${v}Z` : v)
    const ITEM_ACTIONS = new Set<string>(['claim', 'release', ...RESOLVE_ACTIONS])
    r.post('/mod/items/:id/:action', async (req, res) => {
      if (needSignIn(req, res)) return
      const id = idParam.parse(req.params.id)
      const action = String(req.params.action)
      if (!ITEM_ACTIONS.has(action)) throw new AppError(404, 'not_found', 'That moderation action does not exist.')
      const b = (req.body ?? {}) as Record<string, unknown>
      const values: Record<string, string> = { ruleId: str(b.ruleId), until: str(b.until), message: str(b.message), sign: str(b.sign), note: str(b.note) }
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
          })
        }
        setFlash(res, `mod_${action}` as keyof typeof FLASH)
        res.redirect(303, `/mod/items/${id}`)
      } catch (e) {
        const f = formError(e)
        const d = await services.rules.itemContext(req.ctx, id)
        send(res, f.status, itemPage(await pageCtx(req, res), d, f.err, values))
      }
    })

    mountLeadPages(r, limits)
    return r
  }

  // ---------- community leads: settings pages and the health dashboard ----------
  function mountLeadPages(r: Router, limits: RateLimits) {
    const slugOf = (req: Request) => String(req.params.slug)
    const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>
    /** Checks the member leads this community (a 403 page otherwise) and returns it. */
    const lead = (req: Request) => services.leads.assertLead(req.ctx, slugOf(req))
    const rowCount = (b: Record<string, unknown>) => Math.min(60, Math.max(0, Number.parseInt(str(b.rows), 10) || 0))
    /** A zod failure on a list of rows, with each field named after the row it came from on the page ("title_2"). */
    const rowError = (err: unknown, kept: number[]) => {
      if (!(err instanceof ZodError)) return err
      const fields: Record<string, string> = {}
      for (const issue of err.issues) {
        const [row, field] = issue.path
        const key = typeof row === 'number' && typeof field === 'string' ? `${field}_${kept[row]}` : '_'
        fields[key] ??= issue.message
      }
      return new AppError(400, 'invalid_input', `Please check what you entered. ${Object.values(fields).join('; ')}`, fields)
    }
    const blankRule = (): RuleRow => ({ title: '', body: '' })
    const blankResource = (): ResourceRow => ({ name: '', contact: '', url: '', region: '', hours: '' })

    r.get('/lead', async (req, res) => {
      if (needSignIn(req, res)) return
      const pc = await pageCtx(req, res)
      send(res, 200, leadIndexPage(pc, pc.leads ?? []))
    })

    r.get('/c/:slug/guidelines/history', async (req, res) => {
      const { community } = await services.communities.get(req.ctx, slugOf(req))
      const versions = await services.leads.guidelineVersions(req.ctx, community.slug)
      send(res, 200, guidelinesHistoryPage(await pageCtx(req, res), { slug: community.slug, name: community.name }, versions))
    })

    r.get('/c/:slug/lead', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      const [settings, rules, words, resources, staff, versions] = await Promise.all([
        services.leads.settings(req.ctx, c.slug), services.leads.rules(req.ctx, c.slug), services.leads.watchedWords(req.ctx, c.slug),
        services.leads.crisisResources(req.ctx, c.slug), services.leads.staff(req.ctx, c.slug), services.leads.guidelineVersions(req.ctx, c.slug),
      ])
      send(res, 200, leadHomePage(await pageCtx(req, res), {
        community: c, guidelinesVersion: versions.current, rules: rules.length, words: words.length, resources: resources.length, staff: staff.length, visibility: settings.visibility,
      }))
    })

    // guidelines
    const currentGuidelines = async (req: Request, slug: string) => {
      const v = await services.leads.guidelineVersions(req.ctx, slug)
      return { version: v.current, markdown: v.versions.find((x) => x.version === v.current)?.markdown ?? '' }
    }
    r.get('/c/:slug/lead/guidelines', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      send(res, 200, guidelinesEditPage(await pageCtx(req, res), c, await currentGuidelines(req, c.slug)))
    })
    r.post('/c/:slug/lead/guidelines', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      const markdown = str(body(req).markdown)
      try {
        await services.leads.publishGuidelines(req.ctx, c.slug, guidelinesInput.parse({ markdown }).markdown)
        setFlash(res, 'lead_guidelines')
        res.redirect(303, `/c/${c.slug}/lead/guidelines`)
      } catch (e) {
        const f = formError(e)
        const cur = await currentGuidelines(req, c.slug)
        send(res, f.status, guidelinesEditPage(await pageCtx(req, res), c, { version: cur.version, markdown }, f.err))
      }
    })

    // rules
    r.get('/c/:slug/lead/rules', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      const rules = await services.leads.rules(req.ctx, c.slug)
      send(res, 200, rulesPage(await pageCtx(req, res), c, [...rules.map((x) => ({ id: x.id, title: x.title, body: x.body })), blankRule(), blankRule(), blankRule()]))
    })
    r.post('/c/:slug/lead/rules', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      const b = body(req)
      // Each kept rule carries its id, so removing one from the middle leaves the others' ids (and what past removals cite) alone.
      const rows: RuleRow[] = Array.from({ length: rowCount(b) }, (_, i) => ({ id: optInt(b[`id_${i}`]), title: str(b[`title_${i}`]), body: str(b[`body_${i}`]), remove: str(b[`remove_${i}`]) === 'yes' }))
      const kept = rows.map((x, i) => ({ x, i })).filter(({ x }) => !x.remove && (x.title.trim() || x.body.trim()))
      try {
        let input
        try {
          input = rulesInput.parse(kept.map(({ x }) => ({ ...(x.id !== undefined ? { id: x.id } : {}), title: x.title, body: x.body })))
        } catch (e) {
          throw rowError(e, kept.map((k) => k.i))
        }
        await services.leads.setRules(req.ctx, c.slug, input)
        setFlash(res, 'lead_rules')
        res.redirect(303, `/c/${c.slug}/lead/rules`)
      } catch (e) {
        const f = formError(e)
        send(res, f.status, rulesPage(await pageCtx(req, res), c, rows, f.err))
      }
    })

    // safety settings
    const NUMBER_NAMES = ['spamHoldThreshold', 'newMemberHoldPosts', 'newMemberHoldDays', 'linksMinAccountDays', 'reportHideThreshold', 'crisisEscalationMinutes'] as const
    r.get('/c/:slug/lead/settings', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      const s = await services.leads.settings(req.ctx, c.slug)
      send(res, 200, leadSettingsPage(await pageCtx(req, res), c, {
        warningCategories: s.warningCategories, visibility: s.visibility, numbers: Object.fromEntries(NUMBER_NAMES.map((n) => [n, String(s[n])])),
      }))
    })
    r.post('/c/:slug/lead/settings', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      const b = body(req)
      const values = {
        warningCategories: knownWarnings(list(b.warningCategories)),
        visibility: str(b.visibility),
        numbers: Object.fromEntries(NUMBER_NAMES.map((n) => [n, str(b[n]).trim()])),
      }
      try {
        const fields: Record<string, string> = {}
        const numbers: Record<string, number> = {}
        for (const n of NUMBER_NAMES) {
          const v = values.numbers[n]!
          if (v === '' || !Number.isFinite(Number(v))) fields[n] = 'must be a number'
          else numbers[n] = Number(v)
        }
        const parsed = settingsPatch.safeParse({ ...numbers, warningCategories: values.warningCategories, visibility: values.visibility })
        if (!parsed.success) for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? '_')] ??= issue.message
        if (!parsed.success || Object.keys(fields).length) throw new AppError(400, 'invalid_input', 'Please check the settings.', fields)
        const patch = parsed.data
        await services.leads.updateSettings(req.ctx, c.slug, patch)
        setFlash(res, 'lead_settings')
        res.redirect(303, `/c/${c.slug}/lead/settings`)
      } catch (e) {
        const f = formError(e)
        send(res, f.status, leadSettingsPage(await pageCtx(req, res), c, values, f.err))
      }
    })

    // watched words
    const defaultWord = (): WordValues => ({ phrase: '', wholeWord: true, regex: false, action: 'flag', category: '', message: '' })
    const renderWords = async (req: Request, res: Response, c: { slug: string; name: string }, status: number, values: WordValues, extra: { dry?: DryRunView; err?: FormError } = {}) => {
      const words = await services.leads.watchedWords(req.ctx, c.slug)
      send(res, status, wordsPage(await pageCtx(req, res), c, { words, values, dry: extra.dry }, extra.err))
    }
    r.get('/c/:slug/lead/words', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      await renderWords(req, res, c, 200, defaultWord())
    })
    // Checking a word reads up to 1,000 recent posts: limited like posting (the API's routes are too).
    r.post('/c/:slug/lead/words', soft(limits.posting), async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      const b = body(req)
      const values: WordValues = {
        phrase: str(b.phrase), wholeWord: str(b.wholeWord) === 'yes', regex: str(b.regex) === 'yes',
        action: str(b.action), category: str(b.category), message: str(b.message),
      }
      try {
        if (res.locals.limited) throw res.locals.limited
        const input = watchedWordInput.parse({
          phrase: values.phrase, wholeWord: values.wholeWord, regex: values.regex, action: values.action,
          ...(values.action === 'warn' && values.category ? { category: values.category } : {}),
          ...(values.action === 'block' && values.message.trim() ? { message: values.message } : {}),
        })
        if (str(b.do) === 'check') {
          const dry = await services.leads.dryRun(req.ctx, c.slug, input)
          return await renderWords(req, res, c, 200, values, { dry })
        }
        await services.leads.addWatchedWord(req.ctx, c.slug, input)
        setFlash(res, 'lead_word_added')
        res.redirect(303, `/c/${c.slug}/lead/words`)
      } catch (e) {
        const f = formError(e)
        await renderWords(req, res, c, f.status, values, { err: f.err })
      }
    })
    r.post('/c/:slug/lead/words/:id/delete', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      await services.leads.removeWatchedWord(req.ctx, c.slug, idParam.parse(req.params.id))
      setFlash(res, 'lead_word_removed')
      res.redirect(303, `/c/${c.slug}/lead/words`)
    })

    // crisis resources
    r.get('/c/:slug/lead/crisis', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      const current = await services.leads.crisisResources(req.ctx, c.slug)
      const rows: ResourceRow[] = current.map((x) => ({ name: x.name, contact: x.contact, url: x.url ?? '', region: x.region, hours: x.hours ?? '' }))
      send(res, 200, crisisResourcesPage(await pageCtx(req, res), c, [...rows, blankResource(), blankResource()]))
    })
    r.post('/c/:slug/lead/crisis', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      const b = body(req)
      const rows: ResourceRow[] = Array.from({ length: rowCount(b) }, (_, i) => ({
        name: str(b[`name_${i}`]), contact: str(b[`contact_${i}`]), url: str(b[`url_${i}`]).trim(), region: str(b[`region_${i}`]), hours: str(b[`hours_${i}`]),
        remove: str(b[`remove_${i}`]) === 'yes',
      }))
      const kept = rows.map((x, i) => ({ x, i })).filter(({ x }) => !x.remove && [x.name, x.contact, x.url, x.region, x.hours].some((v) => v.trim()))
      try {
        let input
        try {
          input = crisisResourcesInput.parse(kept.map(({ x }) => ({ name: x.name, contact: x.contact, url: x.url || null, region: x.region, hours: x.hours.trim() || null })))
        } catch (e) {
          throw rowError(e, kept.map((k) => k.i))
        }
        await services.leads.setCrisisResources(req.ctx, c.slug, input)
        setFlash(res, 'lead_crisis')
        res.redirect(303, `/c/${c.slug}/lead/crisis`)
      } catch (e) {
        const f = formError(e)
        send(res, f.status, crisisResourcesPage(await pageCtx(req, res), c, rows, f.err))
      }
    })

    // appointments
    const renderStaff = async (req: Request, res: Response, c: { slug: string; name: string }, status: number, values = { handle: '', role: '' }, err?: FormError) => {
      const staff = await services.leads.staff(req.ctx, c.slug)
      send(res, status, staffPage(await pageCtx(req, res), c, { staff, isAdmin: !!req.ctx.actor?.isAdmin, values }, err))
    }
    r.get('/c/:slug/lead/staff', async (req, res) => {
      if (needSignIn(req, res)) return
      await renderStaff(req, res, await lead(req), 200)
    })
    r.post('/c/:slug/lead/staff', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      const values = { handle: str(body(req).handle).trim(), role: str(body(req).role) }
      try {
        if (!values.handle) throw new AppError(400, 'invalid_input', 'Please enter a handle.', { handle: 'is required' })
        await services.leads.setRole(req.ctx, c.slug, values.handle, roleInput.parse({ role: values.role }).role)
        setFlash(res, values.role === 'member' ? 'lead_role_removed' : 'lead_appointed')
        res.redirect(303, `/c/${c.slug}/lead/staff`)
      } catch (e) {
        const f = formError(e)
        await renderStaff(req, res, c, f.status, values, f.err)
      }
    })
    r.post('/c/:slug/lead/staff/remove', async (req, res) => {
      if (needSignIn(req, res)) return
      const c = await lead(req)
      const handle = str(body(req).handle)
      try {
        await services.leads.setRole(req.ctx, c.slug, handle, 'member')
        setFlash(res, 'lead_role_removed')
        res.redirect(303, `/c/${c.slug}/lead/staff`)
      } catch (e) {
        const f = formError(e)
        await renderStaff(req, res, c, f.status, undefined, f.err)
      }
    })

    // the health dashboard: moderators and leads
    r.get('/c/:slug/health', async (req, res) => {
      if (needSignIn(req, res)) return
      const data = await services.health.health(req.ctx, slugOf(req))
      const { community } = await services.communities.get(req.ctx, slugOf(req))
      const pc = await pageCtx(req, res)
      const isLead = (pc.leads ?? []).some((x) => x.slug === community.slug)
      send(res, 200, healthPage(pc, { slug: community.slug, name: community.name }, data, isLead))
    })
  }

  const renderError: HtmlErrorRenderer = (req, res, err) => {
    void (async () => {
      // The same header as every page, but an error never uses up waiting crisis lines; if even
      // the header cannot be read, the error page still renders with a plain one.
      const header = await services.pageHeader
        .forPage(req.ctx ?? { requestId: '' }, { crisisLines: false })
        .catch(() => ({ unread: 0, moderates: false, leads: [] }))
      const pc: PageCtx = { actor: req.ctx?.actor, csrf: csrfTokenFor(req), unread: header.unread, path: req.path, moderates: header.moderates, leads: header.leads }
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

  return { router, renderError }
}

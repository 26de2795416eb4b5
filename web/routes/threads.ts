import crypto from 'node:crypto'
import type { Router } from 'express'
import { idParam, pageQuery } from '../../server/http/schemas/common.ts'
import { deflatePiece, sendStitched } from '../../server/http/gzip.ts'
import type { ReadingPrefs } from '../../server/services/preferences.ts'
import { THREAD_PAGE_SIZE } from '../../server/services/reading.ts'
import { raw } from '../html.ts'
import { requireSignIn, str, type WebKit } from './kit.ts'
import { watchInput } from '../../server/http/schemas/reading.ts'
import { threadPage, threadPosts } from '../views/forum.ts'
import { zoneKey } from '../zone.ts'

// Where a thread page's cached posts go: an HTML comment with a random name, in a page whose own
// text is all escaped, so nothing a member writes can put it anywhere else.
const POSTS_MARK = `<!--posts-${crypto.randomUUID()}-->`

/** Reading a thread: the page around a cached, pre-compressed run of posts. */
export function mountThreadPages(r: Router, { services, pageCtx, setFlash }: WebKit) {
  r.get('/t/:threadId', async (req, res) => {
    const threadId = idParam.parse(req.params.threadId)
    const page = pageQuery.parse({ cursor: req.query.cursor })
    // One post the reader asked to see although their preferences hide it (/t/:id/p/:postId?show=1).
    const reveal = req.query.show === undefined ? undefined : idParam.parse(req.query.show)
    const prefs: ReadingPrefs = services.preferences.get(req.ctx)
    const canAct = !!req.ctx.actor
    // Members the reader blocked: part of the cache key, so readers who blocked the same few share pages.
    const blocked = await services.blocks.blockedHandles(req.ctx)
    // Read before this visit moves the member's place on.
    const { newSince, lastReadPostId } = await services.reading.readState(req.ctx, threadId)
    // The posts are rendered and compressed once per reader kind (page cache); the page around
    // them (header, CSRF token, reply form) is this member's own, compressed on each request.
    const t = await services.forum.threadPageAs(
      req.ctx,
      threadId,
      { limit: THREAD_PAGE_SIZE, cursor: page.cursor },
      {
        key: `html|${canAct ? 1 : 0}|${reveal ?? ''}|${zoneKey()}|${blocked.join(',')}|${JSON.stringify(prefs)}`,
        async build(p) {
          // Only a page with the reader's own posts has counts to show, and such a page is never shared.
          const helpful = await services.reading.ownHelpfulCounts(req.ctx, p.posts)
          const firstPostId = page.cursor ? undefined : p.posts[0]?.id
          const piece = deflatePiece(
            threadPosts(p.posts, prefs, {
              threadId: p.thread.id,
              canAct,
              firstPostId,
              reveal,
              helpful,
              // A moderator sees every post open, blocked or not: a block never hides a crisis from them.
              blocked: p.moderates || blocked.length === 0 ? undefined : new Set(blocked),
            }),
          )
          return { value: { piece, lastId: p.posts.at(-1)?.id }, bytes: piece.deflated.length + 16 }
        },
      },
    )
    // Written only when the member's place moves on: reading a page again costs no write.
    if (t.value.lastId !== undefined && (lastReadPostId ?? 0) < t.value.lastId) await services.reading.markRead(req.ctx, threadId, t.value.lastId)
    const membership = t.membership
    // Posts stay out of search engines unless a lead opened this public community to them.
    res.locals.indexable = t.community.searchIndexing
    const body = threadPage(await pageCtx(req, res), {
      thread: t.thread,
      community: { slug: t.community.slug, name: t.community.name },
      posts: raw(POSTS_MARK),
      nextCursor: t.nextCursor,
      isFirst: !page.cursor,
      canReply: !!membership,
      membership,
      newSince,
      watch: req.ctx.actor ? await services.watch.threadLevel(req.ctx, threadId) : undefined,
      categories: membership ? await services.communities.warningCategories(t.community.slug) : undefined,
    })
    const at = body.indexOf(POSTS_MARK)
    res.status(200).set('Cache-Control', 'no-store')
    if (!t.community.searchIndexing) res.set('X-Robots-Tag', 'noindex')
    sendStitched(req, res, 'text/html; charset=utf-8', [body.slice(0, at), t.value.piece, body.slice(at + POSTS_MARK.length)])
  })

  r.post('/t/:threadId/watch', requireSignIn, async (req, res) => {
    const threadId = idParam.parse(req.params.threadId)
    const { level } = watchInput.parse({ level: str(req.body?.level) })
    await services.watch.setThreadLevel(req.ctx, threadId, level)
    setFlash(res, `watch_${level}`)
    res.redirect(303, `/t/${threadId}`)
  })
}

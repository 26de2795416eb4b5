import crypto from 'node:crypto'
import type { Router } from 'express'
import { idParam, pageQuery } from '../../server/http/schemas/common.ts'
import { deflatePiece, sendStitched } from '../../server/http/gzip.ts'
import type { ReadingPrefs } from '../../server/services/preferences.ts'
import { raw } from '../html.ts'
import type { WebKit } from './kit.ts'
import { threadPage, threadPosts } from '../views/forum.ts'

// Where a thread page's cached posts go: an HTML comment with a random name, in a page whose own
// text is all escaped, so nothing a member writes can put it anywhere else.
const POSTS_MARK = `<!--posts-${crypto.randomUUID()}-->`

/** Reading a thread: the page around a cached, pre-compressed run of posts. */
export function mountThreadPages(r: Router, { services, pageCtx }: WebKit) {
  r.get('/t/:threadId', async (req, res) => {
    const threadId = idParam.parse(req.params.threadId)
    const page = pageQuery.parse({ cursor: req.query.cursor })
    const prefs: ReadingPrefs = services.preferences.get(req.ctx)
    const canAct = !!req.ctx.actor
    // The posts are rendered and compressed once per reader kind (page cache); the page around
    // them (header, CSRF token, reply form) is this member's own, compressed on each request.
    const t = await services.forum.threadPageAs(
      req.ctx,
      threadId,
      { limit: 20, cursor: page.cursor },
      {
        key: `html|${canAct ? 1 : 0}|${JSON.stringify(prefs)}`,
        build(p) {
          const piece = deflatePiece(threadPosts(p.posts, prefs, { threadId: p.thread.id, canAct }))
          return { value: piece, bytes: piece.deflated.length }
        },
      },
    )
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
    })
    const at = body.indexOf(POSTS_MARK)
    res.status(200).set('Cache-Control', 'no-store')
    if (!t.community.searchIndexing) res.set('X-Robots-Tag', 'noindex')
    sendStitched(req, res, 'text/html; charset=utf-8', [body.slice(0, at), t.value, body.slice(at + POSTS_MARK.length)])
  })
}

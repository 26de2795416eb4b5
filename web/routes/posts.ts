import type { Router } from 'express'
import { AppError } from '../../server/errors.ts'
import { idParam } from '../../server/http/schemas/common.ts'
import { editPostInput, newThreadInput, replyInput } from '../../server/http/schemas/forum.ts'
import { html } from '../html.ts'
import { composePage, deletePage, historyPage } from '../views/compose.ts'
import { createComposer } from './compose.ts'
import { optInt, postUrl, requireSignIn, soft, str, type WebKit } from './kit.ts'
import { loadPost, loadPostIn, threadContext } from './post-context.ts'
import { quoteMarkdown } from '../../server/services/reading.ts'
import { helpfulPage } from '../views/reading.ts'

/** Writing: new threads, replies, edits (with their history) and deleting one's own posts. */
export function mountPostPages(r: Router, kit: WebKit) {
  const { services, limits, pageCtx, send, setFlash } = kit
  const compose = createComposer(kit)

  r.get('/c/:slug/new', requireSignIn, async (req, res) => {
    const { community, membership } = await services.communities.get(req.ctx, String(req.params.slug))
    if (!membership || membership.needsToAcceptGuidelines) return res.redirect(303, `/c/${community.slug}/join`)
    send(
      res,
      200,
      composePage(await pageCtx(req, res), {
        ...newThreadPage(community),
        community: { slug: community.slug, name: community.name },
        composer: {
          action: `/c/${community.slug}/new`,
          kind: 'thread',
          values: {},
          warnings: [],
          categories: await services.communities.warningCategories(community.slug),
        },
      }),
    )
  })
  const newThreadPage = (c: { slug: string; name: string }) => ({
    title: `New thread in ${c.name}`,
    heading: 'Start a thread',
    crumbs: [{ href: `/c/${c.slug}`, label: c.name }, { label: 'New thread' }],
  })
  r.post('/c/:slug/new', requireSignIn, soft(limits.posting), async (req, res) => {
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

  const replyPage = (t: { id: number; title: string }, c: { slug: string; name: string }) => ({
    title: `Reply to ${t.title}`,
    heading: `Reply to “${t.title}”`,
    crumbs: [{ href: `/c/${c.slug}`, label: c.name }, { href: `/t/${t.id}`, label: t.title }, { label: 'Reply' }],
  })
  r.get('/t/:threadId/reply', requireSignIn, async (req, res) => {
    const threadId = idParam.parse(req.params.threadId)
    const { thread, community } = await threadContext(services, req, threadId)
    // "Quote" on a post: the composer opens with the post quoted in Markdown, answering that post.
    const quoteId = req.query.quote === undefined ? undefined : idParam.parse(req.query.quote)
    const quoted = quoteId === undefined ? undefined : (await loadPostIn(services, req, threadId, quoteId)).post
    if (quoted && (quoted.status !== 'visible' || !quoted.author)) throw new AppError(404, 'not_found', 'That post cannot be quoted.')
    send(
      res,
      200,
      composePage(await pageCtx(req, res), {
        ...replyPage(thread, community),
        community,
        composer: {
          action: `/t/${thread.id}/reply`,
          kind: 'reply',
          values: quoted ? { body: quoteMarkdown(quoted.author?.handle, quoted.body) } : {},
          warnings: quoted?.contentWarnings ?? [],
          replyToId: quoted?.id,
          categories: await services.communities.warningCategories(community.slug),
        },
      }),
    )
  })
  r.post('/t/:threadId/reply', requireSignIn, soft(limits.posting), async (req, res) => {
    const { thread, community } = await threadContext(services, req, idParam.parse(req.params.threadId))
    const replyToId = optInt(req.body?.replyToId)
    const target = { community, page: replyPage(thread, community), action: `/t/${thread.id}/reply`, kind: 'reply' as const, replyToId }
    await compose(req, res, target, async (d) => {
      const input = replyInput.parse({ body: d.body, contentWarnings: d.warnings, replyToId })
      const post = await services.forum.createReply(req.ctx, thread.id, { ...input, ...(d.askForCheckIn ? { askForCheckIn: true } : {}) } as typeof input)
      setFlash(res, d.askForCheckIn ? 'posted_checkin' : 'reply_posted')
      return postUrl(thread.id, post.id)
    })
  })

  // A post's address (notifications, mail, after posting or editing): the thread page that holds
  // it, scrolled to it. ?show=1 opens it there once although the reader's preferences hide it.
  r.get('/t/:threadId/p/:postId', async (req, res) => {
    const threadId = idParam.parse(req.params.threadId)
    const postId = idParam.parse(req.params.postId)
    const { cursor } = await services.reading.pageOf(req.ctx, threadId, postId)
    const query = new URLSearchParams()
    if (cursor) query.set('cursor', cursor)
    if (req.query.show === '1') query.set('show', String(postId))
    const qs = query.toString()
    res.redirect(302, `/t/${threadId}${qs ? `?${qs}` : ''}#post-${postId}`)
  })

  // "This helped me": a page of its own, so it works without JavaScript and without a form in the
  // shared, cached thread page (whose posts carry nobody's token).
  r.get('/t/:threadId/p/:postId/helpful', requireSignIn, async (req, res) => {
    const p = await loadPost(services, req)
    const state = await services.reading.helpfulState(req.ctx, p.threadId, p.postId)
    send(res, 200, helpfulPage(await pageCtx(req, res), { ...p, state }))
  })
  r.post('/t/:threadId/p/:postId/helpful', requireSignIn, soft(limits.posting), async (req, res) => {
    const p = await loadPost(services, req)
    if (res.locals.limited) throw res.locals.limited
    const on = str(req.body?.helped) !== 'no'
    await services.reading.setHelpful(req.ctx, p.threadId, p.postId, on)
    setFlash(res, on ? 'helpful_marked' : 'helpful_unmarked')
    res.redirect(303, postUrl(p.threadId, p.postId))
  })

  const editPage = (p: { threadId: number; postId: number; thread: { title: string }; community: { slug: string; name: string } }) => ({
    title: 'Edit your post',
    heading: 'Edit your post',
    crumbs: [{ href: `/c/${p.community.slug}`, label: p.community.name }, { href: `/t/${p.threadId}`, label: p.thread.title }, { label: 'Edit' }],
  })
  const historyLink = (threadId: number, postId: number, revision: number) =>
    revision > 1 ? html`<p><a href="/t/${threadId}/p/${postId}/history">See earlier versions of this post</a></p>` : undefined

  r.get('/t/:threadId/p/:postId/edit', requireSignIn, async (req, res) => {
    const p = await loadPost(services, req)
    if (!p.post.isOwn) throw new AppError(403, 'not_the_author', 'You can only edit your own posts.')
    send(
      res,
      200,
      composePage(await pageCtx(req, res), {
        ...editPage(p),
        community: p.community,
        extra: historyLink(p.threadId, p.postId, p.post.revision),
        composer: {
          action: `/t/${p.threadId}/p/${p.postId}/edit`,
          kind: 'edit',
          values: { body: p.post.body },
          warnings: p.post.contentWarnings,
          baseRevision: p.post.revision,
          categories: await services.communities.warningCategories(p.community.slug),
        },
      }),
    )
  })
  r.post('/t/:threadId/p/:postId/edit', requireSignIn, soft(limits.posting), async (req, res) => {
    const p = await loadPost(services, req)
    // The revision this form was opened on rides along through previews and errors: only an edit
    // conflict moves it on (a form from before the field existed starts from the saved revision).
    const baseRevision = optInt(req.body?.baseRevision) ?? p.post.revision
    await compose(
      req,
      res,
      {
        community: p.community,
        page: editPage(p),
        action: `/t/${p.threadId}/p/${p.postId}/edit`,
        kind: 'edit',
        extra: historyLink(p.threadId, p.postId, p.post.revision),
        baseRevision,
        revisionNow: p.post.revision,
      },
      async (d) => {
        const input = editPostInput.parse({ body: d.body, contentWarnings: d.warnings, baseRevision })
        await services.forum.editPost(req.ctx, p.postId, input)
        setFlash(res, 'edited')
        return postUrl(p.threadId, p.postId)
      },
    )
  })

  r.get('/t/:threadId/p/:postId/history', requireSignIn, async (req, res) => {
    const p = await loadPost(services, req)
    const revisions = await services.forum.revisions(req.ctx, p.postId)
    send(
      res,
      200,
      historyPage(await pageCtx(req, res), { threadId: p.threadId, postId: p.postId, threadTitle: p.thread.title, community: p.community, revisions }),
    )
  })

  r.get('/t/:threadId/p/:postId/delete', requireSignIn, async (req, res) => {
    const p = await loadPost(services, req)
    if (!p.post.isOwn) throw new AppError(403, 'not_the_author', 'You can only delete your own posts.')
    send(
      res,
      200,
      deletePage(await pageCtx(req, res), {
        threadId: p.threadId,
        postId: p.postId,
        threadTitle: p.thread.title,
        community: p.community,
        isFirst: !!p.isFirst,
      }),
    )
  })
  r.post('/t/:threadId/p/:postId/delete', requireSignIn, async (req, res) => {
    const threadId = idParam.parse(req.params.threadId)
    await services.forum.deletePost(req.ctx, idParam.parse(req.params.postId))
    setFlash(res, 'deleted')
    res.redirect(303, `/t/${threadId}`)
  })
}

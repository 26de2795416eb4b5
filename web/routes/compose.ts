import type { Request, Response } from 'express'
import { toAppError } from '../../server/http/middleware/error-handler.ts'
import { newThreadInput, replyInput } from '../../server/http/schemas/forum.ts'
import type { CrisisResource } from '../../server/services/communities.ts'
import type { SafeHtml } from '../html.ts'
import { composePage, type ComposerOpts } from '../views/compose.ts'
import type { FormError } from '../views/layout.ts'
import { formError, knownWarnings, list, str, type WebKit } from './kit.ts'

export interface ComposeTarget {
  community: { slug: string; name: string }
  page: { title: string; heading: string; crumbs: { href?: string; label: string }[] }
  action: string
  kind: ComposerOpts['kind']
  extra?: SafeHtml
  /** An edit: the revision the form was opened on, which every re-render carries back... */
  baseRevision?: number
  /** ...until an edit conflict: then the revision saved now, so saving again is a choice. */
  revisionNow?: number
  /** A reply to one post (a quote's): carried through previews and errors. */
  replyToId?: number
}

export interface Draft {
  title: string
  body: string
  warnings: string[]
  askForCheckIn: boolean
}

export function createComposer({ services, pageCtx, send }: WebKit) {
  /**
   * One flow for every form that writes a post: preview, the gentle crisis check, then the write.
   * Whatever goes wrong, the page comes back with everything the member typed.
   */
  async function compose(req: Request, res: Response, target: ComposeTarget, write: (draft: Draft) => Promise<string>) {
    const action = str(req.body?.action) || 'post'
    const draft = {
      title: str(req.body?.title),
      body: str(req.body?.body),
      warnings: list(req.body?.contentWarnings),
      askForCheckIn: action === 'post_checkin',
    }
    const render = async (status: number, extra: { err?: FormError; preview?: string; check?: CrisisResource[]; conflict?: boolean }) => {
      const categories = await services.communities.warningCategories(target.community.slug)
      send(
        res,
        status,
        composePage(await pageCtx(req, res), {
          ...target.page,
          community: target.community,
          extra: target.extra,
          composer: {
            action: target.action,
            kind: target.kind,
            values: { title: draft.title, body: draft.body },
            warnings: knownWarnings(draft.warnings),
            err: extra.err,
            baseRevision: extra.conflict ? target.revisionNow : target.baseRevision,
            replyToId: target.replyToId,
            categories,
          },
          preview: extra.preview,
          check: extra.check,
        }),
      )
    }
    try {
      if (res.locals.limited) throw res.locals.limited
      if (action === 'preview' || action === 'post') {
        // Validate first so the preview shows the same errors a post would.
        if (target.kind === 'thread') newThreadInput.parse({ title: draft.title, body: draft.body, contentWarnings: draft.warnings })
        else replyInput.parse({ body: draft.body, contentWarnings: draft.warnings })
        if (target.kind !== 'edit') {
          const check = await services.precheck.check(target.community.slug, target.kind === 'thread' ? `${draft.title}\n\n${draft.body}` : draft.body)
          if (check.crisis !== 'none')
            return render(200, { check: check.resources, preview: action === 'preview' ? await services.forum.preview(req.ctx, draft.body) : undefined })
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
  return compose
}

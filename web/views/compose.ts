// The composer (new thread, reply, edit), its gentle check and preview, and the post history and delete pages.
import type { WarningCategory } from '../../server/services/community-settings.ts'
import type { CrisisResource } from '../../server/services/communities.ts'
import { html, raw, type SafeHtml } from '../html.ts'
import { crisisList, csrfField, errorSummary, layout, textArea, textField, time, warningBoxes, warningList, type FormError, type PageCtx } from './layout.ts'
import { breadcrumbs } from './layout.ts'
export interface ComposerOpts {
  action: string
  kind: 'thread' | 'reply' | 'edit'
  values: { title?: string; body?: string }
  warnings: WarningCategory[]
  err?: FormError
  /** An edit's form carries the revision it was opened on (forum.editPost refuses a stale one). */
  baseRevision?: number
  /** A reply that quotes a post answers that post. */
  replyToId?: number
  /** The warning categories the community has on (all when not given). */
  categories?: WarningCategory[]
}

/** The writing form. Preview and post are two submit buttons of one form, so it works with no JavaScript. */
export function composer(pc: PageCtx, o: ComposerOpts) {
  const submit = o.kind === 'thread' ? 'Post thread' : o.kind === 'reply' ? 'Post reply' : 'Save changes'
  return html`<form method="post" action="${o.action}" class="stack composer" novalidate>
${csrfField(pc)}
${o.baseRevision !== undefined ? html`<input type="hidden" name="baseRevision" value="${o.baseRevision}">` : ''}
${o.replyToId !== undefined ? html`<input type="hidden" name="replyToId" value="${o.replyToId}">` : ''}
${o.kind === 'thread' ? textField({ name: 'title', label: 'Title', value: o.values.title, err: o.err, required: true, maxlength: 200 }) : ''}
${textArea({
  name: 'body',
  label: o.kind === 'reply' ? 'Your reply' : o.kind === 'edit' ? 'Your post' : 'What would you like to say?',
  value: o.values.body,
  err: o.err,
  hint: 'You can use Markdown: *italic*, **bold**, lists and links.',
})}
${warningBoxes(o.warnings, o.err, o.categories)}
<div class="buttons">
<button type="submit" name="action" value="post">${submit}</button>
<button type="submit" name="action" value="preview" class="secondary">Preview</button>
</div>
</form>`
}

export const composerLabels = { title: 'Title', body: 'Text', contentWarnings: 'Content warnings' }

/** The gentle check: crisis resources and two ways forward. The draft rides along in hidden fields. */
export function gentleCheck(pc: PageCtx, action: string, resources: CrisisResource[], draft: { title?: string; body: string; warnings: WarningCategory[] }) {
  return html`<section class="gentle" aria-labelledby="gentle-h">
<h2 id="gentle-h">Before you post</h2>
<p>It sounds like things may be really hard right now. You are welcome to post this: nothing is blocked. If you would like to talk to someone now, these \
services are free, confidential and there for you:</p>
${crisisList(resources)}
<form method="post" action="${action}" class="buttons">
${csrfField(pc)}
${draft.title !== undefined ? html`<input type="hidden" name="title" value="${draft.title}">` : ''}
<input type="hidden" name="body" value="${draft.body}">
${draft.warnings.map((w) => html`<input type="hidden" name="contentWarnings" value="${w}">`)}
<button type="submit" name="action" value="post_checkin">Post and ask a moderator to check in with me</button>
<button type="submit" name="action" value="post_anyway" class="secondary">Post anyway</button>
</form>
<p class="meta">Or keep editing below. Nothing you wrote has been lost.</p>
</section>`
}

export function previewBlock(previewHtml: string, warnings: WarningCategory[]) {
  return html`<section class="preview" aria-labelledby="preview-h">
<h2 id="preview-h">Preview</h2>
${warnings.length ? html`<p class="cw-note">Readers will see: “Content warning: ${warningList(warnings)}. Show post”</p>` : ''}
<div class="post-body prose">${raw(previewHtml)}</div>
</section>`
}

export function composePage(
  pc: PageCtx,
  o: {
    title: string
    heading: string
    community: { slug: string; name: string }
    crumbs: { href?: string; label: string }[]
    composer: ComposerOpts
    preview?: string
    check?: CrisisResource[]
    extra?: SafeHtml
  },
) {
  const c = o.composer
  const main = html`${breadcrumbs(o.crumbs)}
<h1>${o.heading}</h1>
${errorSummary(c.err, composerLabels)}
${
  o.check
    ? gentleCheck(pc, c.action, o.check, {
        title: c.kind === 'thread' ? (c.values.title ?? '') : undefined,
        body: c.values.body ?? '',
        warnings: c.warnings,
      })
    : ''
}
${o.preview !== undefined ? previewBlock(o.preview, c.warnings) : ''}
${composer(pc, c)}
${o.extra ?? ''}`
  return layout(pc, { title: c.err ? `Error: ${o.title}` : o.title, community: o.community, main })
}

export function historyPage(
  pc: PageCtx,
  d: {
    threadId: number
    postId: number
    threadTitle: string
    community: { slug: string; name: string }
    revisions: { revision: number; html: string; createdAt: string }[]
  },
) {
  const main = html`${breadcrumbs([
    { href: `/c/${d.community.slug}`, label: d.community.name },
    {
      href: `/t\
/${d.threadId}`,
      label: d.threadTitle,
    },
    { label: 'History' },
  ])}
<h1>History of your post</h1>
<p class="lede">Only you and the moderators can see earlier versions.</p>
<ol class="revisions" reversed>
${[...d.revisions].reverse().map((r) => html`<li><h2>Version ${r.revision} · ${time(r.createdAt)}</h2><div class="post-body prose">${raw(r.html)}</div></li>`)}
</ol>
<p><a href="/t/${d.threadId}/p/${d.postId}">Back to the post</a></p>`
  return layout(pc, { title: 'History of your post', community: d.community, main })
}

export function deletePage(
  pc: PageCtx,
  d: { threadId: number; postId: number; threadTitle: string; community: { slug: string; name: string }; isFirst: boolean },
) {
  const main = html`${breadcrumbs([
    { href: `/c/${d.community.slug}`, label: d.community.name },
    {
      href: `/t\
/${d.threadId}`,
      label: d.threadTitle,
    },
    { label: 'Delete' },
  ])}
<h1>Delete your post?</h1>
<p class="lede">The words will be removed for \
everyone. ${d.isFirst ? 'This is the first post of the thread, so the whole thread will be marked deleted. ' : ''}This cannot be undone.</p>
<form method="post" action="/t/${d.threadId}/p/${d.postId}/delete" class="buttons">
${csrfField(pc)}
<button type="submit" class="danger">Delete my post</button>
<a href="/t/${d.threadId}/p/${d.postId}">Keep it</a>
</form>`
  return layout(pc, { title: 'Delete your post?', community: d.community, main })
}

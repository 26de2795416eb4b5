import type { PostView } from '../../server/services/post-views.ts'
import { html } from '../html.ts'
import { breadcrumbs } from './forum.ts'
import { csrfField, layout, type PageCtx } from './layout.ts'

/** "This helped me" on one reply: a gentle yes (or taking it back); nobody but the writer learns of it, as a count. */
export function helpfulPage(
  pc: PageCtx,
  d: {
    threadId: number
    postId: number
    post: PostView
    thread: { title: string }
    community: { slug: string; name: string }
    state: { canMark: boolean; why?: string; marked: boolean; count?: number }
  },
) {
  const who = d.post.author?.handle ?? 'this member'
  const back = `/t/${d.threadId}/p/${d.postId}`
  let body
  if (d.state.count !== undefined) {
    const n = d.state.count
    body = html`<p>${
      n === 0
        ? 'Nobody has marked this post yet.'
        : `${n === 1 ? 'One person' : `${n.toLocaleString('en-GB')} people`} said this helped \
them.`
    } Only you can see this, and never who.</p>`
  } else if (!d.state.canMark) body = html`<p class="callout">${d.state.why ?? 'This post cannot be marked.'}</p>`
  else if (d.state.marked) {
    body = html`<p>You said this reply by ${who} helped you.</p>
<form method="post" action="${back}/helpful" class="buttons">
${csrfField(pc)}
<input type="hidden" name="helped" value="no">
<button type="submit" class="secondary">Take my mark back</button>
</form>`
  } else {
    body = html`<p>Did this reply by ${who} help you? ${who} will see how many people said so, never who. Nobody else sees a count.</p>
<form method="post" action="${back}/helpful" class="buttons">
${csrfField(pc)}
<input type="hidden" name="helped" value="yes">
<button type="submit">This helped me</button>
</form>`
  }
  const main = html`${breadcrumbs([
    { href: `/c/${d.community.slug}`, label: d.community.name },
    {
      href: `/t\
/${d.threadId}`,
      label: d.thread.title,
    },
    { label: 'This helped me' },
  ])}
<h1>This helped me</h1>
${body}
<p><a href="${back}">Back to the reply</a></p>`
  return layout(pc, { title: 'This helped me', community: d.community, main })
}

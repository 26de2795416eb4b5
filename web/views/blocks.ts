import { html } from '../html.ts'
import { time, csrfField, layout, type PageCtx } from './layout.ts'

const WHAT_BLOCKING_DOES = html`<ul>
<li>Their posts fold behind “You blocked this member” for you; you can still open one.</li>
<li>They cannot reply to your posts or mention you, and nothing they write notifies you.</li>
<li>They are not told. Moderators still see everything they need to keep people safe.</li>
</ul>`

export function blockPage(pc: PageCtx, handle: string, blocked: boolean) {
  const main = html`<h1>${blocked ? `You blocked ${handle}` : `Block ${handle}?`}</h1>
${WHAT_BLOCKING_DOES}
<form method="post" action="/members/${handle}/${blocked ? 'unblock' : 'block'}" class="buttons">
${csrfField(pc)}
<button type="submit"${blocked ? html` class="secondary"` : ''}>${blocked ? `Unblock ${handle}` : `Block ${handle}`}</button>
<a href="/settings/blocks">Members you blocked</a>
</form>`
  return layout(pc, { title: blocked ? `You blocked ${handle}` : `Block ${handle}?`, main })
}

export function blocksPage(pc: PageCtx, blocked: { handle: string; since: string }[]) {
  const main = html`<h1>Members you blocked</h1>
${WHAT_BLOCKING_DOES}
${
  blocked.length === 0
    ? html`<p>You have not blocked anyone. You can block a member from the “Block” link on any of their posts.</p>`
    : html`<ul class="blocks">${blocked.map(
        (b) => html`<li><span>${b.handle}</span> <span class="meta">since ${time(b.since)}</span>
<form method="post" action="/members/${b.handle}/unblock" class="inline">${csrfField(pc)}<button type="submit" class="secondary">Unblock\
<span class="vh"> ${b.handle}</span></button></form></li>`,
      )}</ul>`
}`
  return layout(pc, { title: 'Members you blocked', section: 'settings', main })
}

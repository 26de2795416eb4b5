import { attr, html, raw } from '../../html.ts'
import { breadcrumbs } from '../forum.ts'
import { layout, time, type PageCtx } from '../layout.ts'
import { type Ref } from './shared.ts'

export function guidelinesHistoryPage(pc: PageCtx, c: Ref, d: { current: number; versions: { version: number; html: string; publishedAt: string }[] }) {
  const versions = [...d.versions].sort((a, b) => b.version - a.version)
  const main = html`${breadcrumbs([{ href: `/c/${c.slug}`, label: c.name }, { label: 'Guidelines history' }])}
<h1>Guidelines history</h1>
<p class="lede">Every version of the guidelines of ${c.name}, newest first. Version ${d.current} is current.</p>
${versions.map(
  (v) => html`<section class="revision card" aria-labelledby="v-${v.version}-h">
<h2 id="v-${v.version}-h">Version ${v.version}${v.version === d.current ? ' (current)' : ''}</h2>
<p class="meta">Published ${time(v.publishedAt)}</p>
<details class="guidelines"${attr('open', v.version === d.current)}><summary>Read version ${v.version}</summary><div class="prose">${raw(v.html)}</div>\
</details>
</section>`,
)}`
  return layout(pc, { title: `Guidelines history: ${c.name}`, community: c, main })
}

import { html } from '../../html.ts'
import { layout, type PageCtx } from '../layout.ts'
import { type Ref } from './shared.ts'

export function leadIndexPage(pc: PageCtx, communities: Ref[]) {
  const main = html`<h1>Communities you lead</h1>
${
  communities.length === 0
    ? html`<p>You do not lead any community.</p>`
    : html`<ul class="cards">${communities.map(
        (c) => html`<li class="card"><h2>${c.name}</h2>
<p><a href="/c/${c.slug}/lead">Lead settings<span class="vh"> for ${c.name}</span></a> · <a href="/c/${c.slug}/health">Health dashboard\
<span class="vh"> for ${c.name}</span></a></p></li>`,
      )}</ul>`
}`
  return layout(pc, { title: 'Communities you lead', section: 'lead', main })
}

import { html } from '../../html.ts'
import { csrfField, type FormError, type PageCtx } from '../layout.ts'
import { checkbox, input, leadLayout, summary, type Ref } from './shared.ts'

export interface ResourceRow {
  name: string
  contact: string
  url: string
  region: string
  hours: string
  remove?: boolean
}
const RESOURCE_FIELDS = [
  ['name', 'Name'],
  ['contact', 'Contact'],
  ['url', 'Web address'],
  ['region', 'Region'],
  ['hours', 'Hours'],
] as const

export function crisisResourcesPage(pc: PageCtx, c: Ref, rows: ResourceRow[], err?: FormError) {
  const labels: Record<string, string> = { _: 'Crisis resources' }
  rows.forEach((_, i) => RESOURCE_FIELDS.forEach(([k, l]) => (labels[`${k}_${i}`] = `Line ${i + 1} ${l.toLowerCase()}`)))
  const main = html`<h1>Crisis resources</h1>
<p class="lede">The lines shown to members of ${c.name} in crisis, always one click away. Keep at least one.</p>
${summary(err, labels)}
<form method="post" action="/c/${c.slug}/lead/crisis" class="stack wide-form">
${csrfField(pc)}
<p class="hint">To add a line, fill in a blank row. To remove one, tick its “Remove” box. Web address and hours are optional.</p>
${rows.map(
  (r, i) => html`<fieldset class="row-set">
<legend>Line ${i + 1}${r.name ? html`: ${r.name}` : ' (blank: fill in to add)'}</legend>
<div class="row-grid">
${RESOURCE_FIELDS.map(([k, l]) => input({ name: `${k}_${i}`, label: l, value: r[k], err, type: k === 'url' ? 'url' : 'text' }))}
</div>
${r.name || r.contact ? checkbox({ name: `remove_${i}`, label: `Remove line ${i + 1}`, checked: !!r.remove }) : ''}
</fieldset>`,
)}
<input type="hidden" name="rows" value="${rows.length}">
<div class="buttons"><button type="submit">Save crisis resources</button> <a href="/c/${c.slug}/crisis">See them as members do</a></div>
</form>`
  return leadLayout(pc, c, { title: `Crisis resources: ${c.name}`, section: '/crisis', main, err })
}

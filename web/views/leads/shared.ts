import { attr, html, type SafeHtml } from '../../html.ts'
import { breadcrumbs } from '../forum.ts'
import { layout, type FormError, type PageCtx } from '../layout.ts'
import { QUEUE_REASONS } from '../moderation-shared.ts'

/** Pieces every lead page shares: the section navigation, the frame, and form fields whose errors name their label. */

export type Ref = { slug: string; name: string }

export { ROLE_LABELS, VISIBILITY_LABELS, WORD_ACTIONS, type WordAction } from '../../../server/services/words.ts'
export const reasonWords = (r: string) => QUEUE_REASONS[r] ?? r.replace(/_/g, ' ')

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
export const shortDate = (iso: string) => dayFmt.format(new Date(iso))
/** Minutes as people say them: "45 min", "3.5 h", or a dash when there is nothing to measure. */
export function duration(min: number | null) {
  if (min === null) return '—'
  if (min < 90) return `${Math.round(min * 10) / 10} min`
  if (min < 48 * 60) return `${Math.round((min / 60) * 10) / 10} h`
  return `${Math.round((min / 1440) * 10) / 10} days`
}

const SECTIONS = [
  ['', 'Overview'],
  ['/guidelines', 'Guidelines'],
  ['/rules', 'Rules'],
  ['/settings', 'Safety settings'],
  ['/words', 'Watched words'],
  ['/crisis', 'Crisis resources'],
  ['/staff', 'Appointments'],
] as const
export type LeadSection = (typeof SECTIONS)[number][0]

export function leadNav(c: Ref, current: LeadSection | 'health') {
  const cur = (on: boolean) => (on ? html` aria-current="page"` : '')
  return html`<nav aria-label="Lead settings" class="subnav lead-nav"><ul>
${SECTIONS.map(([path, label]) => html`<li><a href="/c/${c.slug}/lead${path}"${cur(current === path)}>${label}</a></li>`)}
<li><a href="/c/${c.slug}/health"${cur(current === 'health')}>Health dashboard</a></li>
</ul></nav>`
}

export function leadLayout(pc: PageCtx, c: Ref, o: { title: string; section: LeadSection; main: SafeHtml; err?: FormError }) {
  const label = SECTIONS.find(([p]) => p === o.section)![1]
  const crumbs =
    o.section === ''
      ? [{ href: `/c/${c.slug}`, label: c.name }, { label: 'Lead settings' }]
      : [{ href: `/c/${c.slug}`, label: c.name }, { href: `/c/${c.slug}/lead`, label: 'Lead settings' }, { label }]
  const main = html`${breadcrumbs(crumbs)}${leadNav(c, o.section)}${o.main}`
  return layout(pc, { title: `${o.err ? 'Error: ' : ''}${o.title}`, section: 'lead', community: c, main })
}

/** Like the member pages' summary, but each line reads "Label: message" so whole-sentence messages (an unsafe pattern) stay readable. */
export function summary(err: FormError | undefined, labels: Record<string, string>) {
  if (!err) return ''
  const fields = Object.entries(err.fields ?? {}).filter(([k]) => labels[k] !== undefined)
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">There is a problem</h2>
<p>${fields.length > 0 ? 'Please check what you entered. Nothing has been saved, and nothing you typed has been lost.' : err.message}</p>
${fields.length > 0 ? html`<ul>${fields.map(([k, v]) => html`<li><a href="#f-${k}">${labels[k]}: ${v}</a></li>`)}</ul>` : ''}
</div>`
}

export const fieldErr = (err: FormError | undefined, name: string) => err?.fields?.[name]

interface InputOpts {
  name: string
  label: string
  value?: string
  type?: string
  hint?: string
  err?: FormError
  extra?: SafeHtml
  required?: boolean
  cls?: string
}

export function input(o: InputOpts) {
  const id = `f-${o.name}`
  const e = fieldErr(o.err, o.name)
  const described = [o.hint ? `${id}-hint` : '', e ? `${id}-error` : ''].filter(Boolean).join(' ')
  return html`<div class="field${e ? ' has-error' : ''}${o.cls ? ` ${o.cls}` : ''}">
<label for="${id}">${o.label}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
${e ? html`<p class="error" id="${id}-error"><span class="vh">Error: </span>${e}</p>` : ''}
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${
    described
      ? html` \
aria-describedby="${described}"`
      : ''
  }${attr('aria-invalid="true"', !!e)}${attr('required', !!o.required)}${o.extra ?? ''}>
</div>`
}

export function selectField(o: { name: string; label: string; options: [string, string][]; value?: string; hint?: string; err?: FormError; blank?: string }) {
  const id = `f-${o.name}`
  const e = fieldErr(o.err, o.name)
  const described = [o.hint ? `${id}-hint` : '', e ? `${id}-error` : ''].filter(Boolean).join(' ')
  return html`<div class="field${e ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
${e ? html`<p class="error" id="${id}-error"><span class="vh">Error: </span>${e}</p>` : ''}
<select id="${id}" name="${o.name}"${described ? html` aria-describedby="${described}"` : ''}${attr('aria-invalid="true"', !!e)}>
${o.blank !== undefined ? html`<option value="">${o.blank}</option>` : ''}
${o.options.map(([v, l]) => html`<option value="${v}"${attr('selected', v === o.value)}>${l}</option>`)}
</select>
</div>`
}

export function checkbox(o: { name: string; label: string; checked: boolean; value?: string; id?: string; hint?: string }) {
  const id = o.id ?? `f-${o.name}`
  return html`<div class="check"><input type="checkbox" id="${id}" name="${o.name}" value="${o.value ?? 'yes'}"${attr('checked', o.checked)}${
    o.hint
      ? html` \
aria-describedby="${id}-hint"`
      : ''
  }><label for="${id}">${o.label}</label></div>${o.hint ? html`<p class="hint check-hint" id="${id}-hint">${o.hint}</p>` : ''}`
}

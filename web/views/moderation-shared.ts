// What every moderation page shares: the words moderators read for levels, reasons, actions and
// states (never an internal code), the section's navigation, a labelled select, query strings.
import type { WarningCategory } from '../../server/services/community-settings.ts'
import { attr, html } from '../html.ts'
import { AUDIT_ACTIONS, FIELD_WORDS, QUEUE_REASONS } from '../../server/services/words.ts'
import { describeTime } from '../zone.ts'
import { plural, WARNING_LABELS } from './layout.ts'

export { AUDIT_ACTIONS, QUEUE_REASONS }

// ---------- words ----------

/** The queue's levels, highest first, in the words moderators use. */
export function priorityWords(priority: number) {
  if (priority >= 600) return 'Urgent crisis'
  if (priority >= 500) return 'Concern'
  if (priority >= 400) return 'Worried report'
  if (priority >= 300) return 'Multiple reports'
  if (priority >= 200) return 'Held or rule hit'
  return 'Warning review'
}
export const priorityClass = (priority: number) => (priority >= 600 ? 'urgent' : priority >= 400 ? 'high' : 'normal')

export const reasonWords = (r: string) => QUEUE_REASONS[r] ?? r.replace(/_/g, ' ')

export const actionWords = (a: string) => AUDIT_ACTIONS[a] ?? a.replace(/_/g, ' ')

/** "2 hours 5 minutes" from seconds: how long an item has waited. */
export function waited(seconds: number) {
  if (seconds < 60) return 'under a minute'
  const m = Math.floor(seconds / 60)
  if (m < 60) return plural(m, 'minute')
  const h = Math.floor(m / 60)
  if (h < 48) return `${plural(h, 'hour')}${m % 60 ? ` ${plural(m % 60, 'minute')}` : ''}`
  return plural(Math.floor(h / 24), 'day')
}

/** One entry of a listed state: a code in words, a rule as "2. Title: its text", anything else in words. */
export function itemWords(x: unknown, values?: Record<string, string>): string {
  if (typeof x === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(x)) return describeTime(new Date(x)).exact
  if (typeof x === 'string') return values?.[x] ?? (x in WARNING_LABELS ? WARNING_LABELS[x as WarningCategory] : x)
  if (typeof x === 'boolean') return x ? 'yes' : 'no'
  if (x && typeof x === 'object' && 'title' in x) {
    const r = x as { position?: number; title: string; body?: string }
    const text = r.body ? `: ${r.body.length > 80 ? `${r.body.slice(0, 80)}…` : r.body}` : ''
    return `${r.position !== undefined ? `${r.position}. ` : ''}${r.title}${text}`
  }
  return x && typeof x === 'object' ? `(${stateWords(x)})` : String(x)
}

/** An audit entry's before or after in words: each field by its label, each code by its word. */
export function stateWords(v: unknown): string {
  if (v === null || v === undefined) return '—'
  if (Array.isArray(v)) return v.length ? v.map((x) => itemWords(x)).join(', ') : 'nothing'
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .filter(([k]) => k !== 'id')
      .map(([k, x]) => {
        const f = FIELD_WORDS[k]
        const label = f?.label ?? k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
        const value = x === null ? 'not set' : Array.isArray(x) ? x.map((y) => itemWords(y, f?.values)).join(', ') || 'nothing' : itemWords(x, f?.values)
        return `${label}: ${value}`
      })
      .join(', ')
  return itemWords(v)
}

export function modNav(current: 'queue' | 'audit' | 'search') {
  return html`<nav aria-label="Moderation" class="subnav"><ul>
<li><a href="/mod/queue"${current === 'queue' ? html` aria-current="page"` : ''}>Review queue</a></li>
<li><a href="/mod/audit"${current === 'audit' ? html` aria-current="page"` : ''}>Audit log</a></li>
<li><a href="/mod/search"${current === 'search' ? html` aria-current="page"` : ''}>Search reports and log</a></li>
</ul></nav>`
}

export function select(o: {
  id: string
  name: string
  label: string
  options: [string, string][]
  value?: string
  blank?: string
  describedBy?: string
  invalid?: boolean
}) {
  return html`<div class="field">
<label for="${o.id}">${o.label}</label>
<select id="${o.id}" name="${o.name}"${o.describedBy ? html` aria-describedby="${o.describedBy}"` : ''}${attr('aria-invalid="true"', !!o.invalid)}>
${o.blank !== undefined ? html`<option value="">${o.blank}</option>` : ''}
${o.options.map(([v, l]) => html`<option value="${v}"${attr('selected', v === o.value)}>${l}</option>`)}
</select>
</div>`
}

export const qs = (params: Record<string, string | undefined>) => {
  const u = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v) u.set(k, v)
  const s = u.toString()
  return s ? `?${s}` : ''
}

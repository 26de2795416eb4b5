// The moderation audit log page: every moderation step, newest first, filtered by community and action.
import { RESOLVE_WORDS, TARGET_WORDS } from '../../server/services/words.ts'
import { html } from '../html.ts'
import { layout, time, type PageCtx } from './layout.ts'
import { actionWords, AUDIT_ACTIONS, modNav, qs, select, stateWords } from './moderation-shared.ts'

export interface AuditEntry {
  id: number
  community: string | null
  actor: { handle: string } | null
  action: string
  target: { type: string; id: number | null }
  reason: string | null
  before: unknown
  after: unknown
  createdAt: string | null
}

export function auditPage(
  pc: PageCtx,
  d: {
    entries: AuditEntry[]
    nextCursor: string | null
    filters: { community?: string; action?: string }
    communities: { slug: string; name: string }[]
    isFirst: boolean
  },
) {
  const names = Object.fromEntries(d.communities.map((c) => [c.slug, c.name]))
  const main = html`${modNav('audit')}
<h1>Audit log</h1>
<p class="lede">Every moderation step, newest first.</p>
<form method="get" action="/mod/audit" class="filters" aria-labelledby="afilter-h">
<h2 id="afilter-h" class="vh">Filter the log</h2>
${select({
  id: 'a-community',
  name: 'community',
  label: 'Community',
  blank: 'All my communities',
  value: d.filters.community,
  options: d.communities.map((c) => [c.slug, c.name]),
})}
${select({ id: 'a-action', name: 'action', label: 'Action', blank: 'Any action', value: d.filters.action, options: Object.entries(AUDIT_ACTIONS) })}
<button type="submit" class="secondary">Filter</button>
</form>
${
  d.entries.length === 0
    ? html`<p>No entries${d.filters.action || d.filters.community ? ' match these filters' : ''}.</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="audit-caption" tabindex="0">
<table class="audit">
<caption id="audit-caption">Moderation steps</caption>
<thead><tr><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Reason</th><th scope="col">Before → after</th>\
<th scope="col">When</th></tr></thead>
<tbody>
${d.entries.map(
  (e) => html`<tr>
<td>${e.actor?.handle ?? 'System'}</td>
<td>${actionWords(e.action)}${e.community ? html`<br><span class="meta">${names[e.community] ?? e.community}</span>` : ''}</td>
<td>${
    e.target.type === 'review_item' && e.target.id !== null
      ? html`<a href="/mod/items/${e.target.id}">Review \
item ${e.target.id}</a>`
      : `${TARGET_WORDS[e.target.type] ?? e.target.type.replace(/_/g, ' ')} ${e.target.id ?? ''}`
  }</td>
<td>${e.reason ? (RESOLVE_WORDS[e.reason] ?? (AUDIT_ACTIONS[e.reason] ? actionWords(e.reason) : e.reason)) : '—'}</td>
<td>${e.before === null && e.after === null ? '—' : `${stateWords(e.before)} → ${stateWords(e.after)}`}</td>
<td>${time(e.createdAt)}</td>
</tr>`,
)}
</tbody>
</table>
</div>`
}
<nav aria-label="Audit log pages" class="pager">
${d.isFirst ? '' : html`<a href="/mod/audit${qs({ community: d.filters.community, action: d.filters.action })}">Newest</a>`}
${d.nextCursor ? html`<a href="/mod/audit${qs({ community: d.filters.community, action: d.filters.action, cursor: d.nextCursor })}">Older entries</a>` : ''}
</nav>`
  return layout(pc, { title: 'Audit log', section: 'moderation', main })
}

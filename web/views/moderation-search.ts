// The staff search page (issue 21): moderators, leads and admins find reports and audit entries of
// their communities by handle, rule or words. Every code is shown in words; every result links to
// where a moderator would act on it or read it in its place.
import { attr, html, type SafeHtml } from '../html.ts'
import { errorSummary, layout, time, type FormError, type PageCtx } from './layout.ts'
import { actionWords, AUDIT_ACTIONS, modNav, qs, select } from './moderation-shared.ts'
import { REPORT_REASON_LABELS } from './pages.ts'

export interface StaffSearchForm {
  q: string
  kind: 'reports' | 'audit'
  community?: string
  limit?: string
}

export interface StaffReportResult {
  id: number
  community: string
  itemId: number
  post: { id: number; threadId: number; author: { handle: string } }
  reporter: { handle: string }
  reason: string
  rule: string | null
  note: string | null
  outcome: string | null
  createdAt: string | null
}

export interface StaffAuditResult {
  id: number
  community: string | null
  actor: { handle: string } | null
  action: string
  target: { type: string; id: number | null; threadId?: number }
  reason: string | null
  createdAt: string | null
}

export interface StaffSearchResults {
  reports?: StaffReportResult[]
  entries?: StaffAuditResult[]
  nextCursor: string | null
}

const LABELS = { q: 'Search for', kind: 'Search in', community: 'Community', cursor: 'Page' }

const OUTCOME_WORDS: Record<string, string> = { approve: 'Decided: the post stays up', actioned: 'Decided: a moderator acted on the post' }
const outcomeWords = (o: string | null) => (o === null ? 'Not decided yet' : (OUTCOME_WORDS[o] ?? 'Decided'))
const reportReason = (r: string) => REPORT_REASON_LABELS[r] ?? r.replace(/_/g, ' ')

/** What an audit entry was about, linked to where it can be seen: the review item, the post or the thread. */
function targetLink(t: StaffAuditResult['target']): SafeHtml | string {
  if (t.id === null) return 'the community'
  if (t.type === 'review_item') return html`<a href="/mod/items/${t.id}">review item ${t.id}</a>`
  if (t.type === 'post' && t.threadId !== undefined) return html`<a href="/t/${t.threadId}/p/${t.id}">a post</a>`
  if (t.type === 'thread') return html`<a href="/t/${t.id}">a thread</a>`
  if (t.type === 'user') return "a member's account"
  return t.type === 'post' ? 'a post' : 'a community setting'
}

function reportResult(r: StaffReportResult, names: Record<string, string>, n: number) {
  const hid = `r-${r.id}-h`
  return html`<li class="result" aria-labelledby="${hid}">
<h3 id="${hid}"><a href="/mod/items/${r.itemId}">${reportReason(r.reason)}<span class="vh">: report ${n}</span></a></h3>
<p class="meta">${names[r.community] ?? r.community} · post by ${r.post.author.handle} · reported by ${r.reporter.handle} · ${time(r.createdAt)}</p>
${r.rule ? html`<p>Guideline: ${r.rule}</p>` : ''}
${r.note ? html`<p>Reporter's note: <q>${r.note}</q></p>` : ''}
<p><strong class="tag">${outcomeWords(r.outcome)}</strong></p>
<p><a href="/mod/items/${r.itemId}">Open the review item<span class="vh"> for report ${n}</span></a> · \
<a href="/t/${r.post.threadId}/p/${r.post.id}">The post in its thread<span class="vh"> (report ${n})</span></a></p>
</li>`
}

function auditResult(e: StaffAuditResult, names: Record<string, string>, contextHref: (e: StaffAuditResult) => string, n: number) {
  const hid = `a-${e.id}-h`
  const reason = e.reason ? (AUDIT_ACTIONS[e.reason] ? actionWords(e.reason) : e.reason) : ''
  return html`<li class="result" aria-labelledby="${hid}">
<h3 id="${hid}">${e.actor?.handle ?? 'The system'} ${actionWords(e.action).toLowerCase()}</h3>
<p class="meta">${e.community ? (names[e.community] ?? e.community) : 'Site-wide'} · ${time(e.createdAt)}</p>
<p>About ${targetLink(e.target)}${reason ? html`. Reason: ${reason}` : ''}</p>
<p><a href="${contextHref(e)}">This entry in the audit log<span class="vh"> (entry ${n})</span></a></p>
</li>`
}

export function staffSearchPage(
  pc: PageCtx,
  o: {
    form: StaffSearchForm
    communities: { slug: string; name: string }[]
    results?: StaffSearchResults
    err?: FormError
    later?: boolean
    /** The audit log page that starts at this entry, in its community. */
    auditContext: (e: StaffAuditResult) => string
  },
) {
  const f = o.form
  const names = Object.fromEntries(o.communities.map((c) => [c.slug, c.name]))
  const kind = (value: StaffSearchForm['kind'], label: string, id: string) =>
    html`<div class="check"><input type="radio" id="${id}" name="kind" value="${value}"${attr('checked', f.kind === value)}>\
<label for="${id}">${label}</label></div>`
  const form = html`<form method="get" action="/mod/search" class="search-form">
<div class="field"><label for="f-q">${LABELS.q}</label>
<p class="hint" id="f-q-hint">A handle (exactly), a guideline's title, or words of a reason, note or reported post.</p>
<input id="f-q" name="q" type="search" value="${f.q}" maxlength="100" aria-describedby="f-q-hint" required></div>
<fieldset><legend>${LABELS.kind}</legend><div class="checks">
${kind('reports', 'Reports', 'f-kind')}
${kind('audit', 'Audit log entries', 'f-kind-audit')}
</div></fieldset>
${select({
  id: 'f-community',
  name: 'community',
  label: LABELS.community,
  blank: 'All my communities',
  value: f.community,
  options: o.communities.map((c) => [c.slug, c.name]),
})}
<button type="submit">Search</button>
</form>`
  let found: SafeHtml | string = ''
  const r = o.results
  if (r) {
    const list = f.kind === 'audit' ? (r.entries ?? []) : (r.reports ?? [])
    const what = f.kind === 'audit' ? 'audit log entries' : 'reports'
    found = html`<h2 id="results-h">${f.kind === 'audit' ? 'Audit log entries' : 'Reports'}, newest first</h2>
${
  list.length === 0
    ? html`<p>${
        o.later ? `No older ${what} match.` : html`No ${what} match <strong>${f.q}</strong>${f.community ? ` in ${names[f.community] ?? f.community}` : ''}.`
      }</p>`
    : html`<ol class="results" aria-labelledby="results-h">${
        f.kind === 'audit'
          ? (r.entries ?? []).map((e, i) => auditResult(e, names, o.auditContext, i + 1))
          : (r.reports ?? []).map((x, i) => reportResult(x, names, i + 1))
      }</ol>`
}
<nav aria-label="Result pages" class="pager">
${o.later ? html`<a href="/mod/search${qs({ q: f.q, kind: f.kind, community: f.community, limit: f.limit })}">Newest results</a>` : ''}
${
  r.nextCursor
    ? html`<a href="/mod/search${qs({ q: f.q, kind: f.kind, community: f.community, limit: f.limit, cursor: r.nextCursor })}" rel="next">Older results</a>`
    : ''
}
</nav>`
  }
  const main = html`${modNav('search')}
<h1>Search reports and the audit log</h1>
<p class="lede">In the communities you moderate. To find posts, including held, hidden and removed ones, use <a href="/search">Search posts</a>.</p>
${errorSummary(o.err, LABELS)}
${form}
${found}`
  return layout(pc, { title: f.q ? `Staff search: ${f.q}` : 'Staff search', section: 'moderation', main })
}

// The moderation pages: the review queue and one item (shared words and pieces: moderation-shared.ts; the audit log: moderation-audit.ts).
import { WARNING_CATEGORIES, type WarningCategory } from '../../server/services/community-settings.ts'
import type { AlertView } from '../../server/services/duty.ts'
import { CRISIS_LEVELS, RESOLVE_WORDS, STATUS_WORDS } from '../../server/services/words.ts'
import { attr, html, raw, type SafeHtml } from '../html.ts'
import { actionWords, modNav, priorityClass, priorityWords, qs, QUEUE_REASONS, reasonWords, select, waited } from './moderation-shared.ts'
import { REPORT_REASON_LABELS } from './pages.ts'
import { csrfField, errorSummary, layout, plural, time, WARNING_LABELS, warningList, type FormError, type PageCtx } from './layout.ts'

/** Where a signal came from, in words (no internal code is shown to anyone). */
const SOURCE_WORDS: Record<string, string> = { pipeline: 'safety scan', report: 'member report', rule: 'community rule', member: 'the member asked' }

interface Evidence {
  phrase?: string
  reason?: string
}
export interface SignalView {
  source: string
  kind: string
  reason: string
  evidence: unknown
  createdAt: string | null
}
export interface ReportView {
  reason: string
  rule: string | null
  note: string | null
  postAsReported: string
  createdAt: string | null
}
interface Claim {
  handle: string | null
  mine: boolean
  expiresAt: string | null
}

function signalList(signals: SignalView[]) {
  if (signals.length === 0) return html`<p class="meta">No signals.</p>`
  return html`<ul class="signals">${signals.map((s) => {
    const ev = Array.isArray(s.evidence) ? (s.evidence as Evidence[]).filter((e) => e && (e.phrase || e.reason)) : []
    return html`<li><strong>${s.reason}</strong> <span class="meta">(${SOURCE_WORDS[s.source] ?? s.source.replace(/_/g, ' ')})</span>${
      ev.length
        ? html`<ul class="evidence">${ev.map(
            (e) => html`<li>${e.phrase ? html`<q>${e.phrase}</q>` : ''}${e.phrase && e.reason ? ' — ' : ''}${e.reason ?? ''}<\
/li>`,
          )}</ul>`
        : ''
    }</li>`
  })}</ul>`
}

function claimWords(c: Claim | null) {
  if (!c) return 'Not claimed'
  return c.mine ? 'Claimed by you' : `Claimed by ${c.handle ?? 'another moderator'}`
}

/** The post itself stays folded until the moderator chooses to read it (native details: works without JavaScript). */
function hiddenPost(p: { html: string; body: string; contentWarnings: WarningCategory[] }, label = 'Show post') {
  const content = p.html ? html`<div class="post-body prose">${raw(p.html)}</div>` : html`<p class="as-text">${p.body}</p>`
  return html`<details class="reveal"><summary>${label}${
    p.contentWarnings.length
      ? html` \
<span class="meta">(content warning: ${warningList(p.contentWarnings)})</span>`
      : ''
  }</summary>${content}</details>`
}

// ---------- the queue ----------

/** Deletion is final: what a moderator reads on an item whose post its author deleted. */
const DELETED_BY_AUTHOR = 'The author deleted this post. It stays deleted whatever you decide: readers will not see it, its title or its author again.'

export interface QueueItemView {
  id: number
  community: string
  priority: number
  reason: string
  waitingSeconds: number
  escalatedAt: string | null
  claim: Claim | null
  post: {
    id: number
    threadId: number
    threadTitle: string
    author: { handle: string }
    body: string
    html: string
    status: string
    contentWarnings: WarningCategory[]
  }
  signals: SignalView[]
  reports: { reason: string }[]
}

export interface QueueData {
  items: QueueItemView[]
  counts: { total: number; byReason: Record<string, number> }
  nextCursor: string | null
  filters: { community?: string; reason?: string }
  communities: { slug: string; name: string }[]
  isFirst: boolean
}

export function queuePage(pc: PageCtx, d: QueueData) {
  const names = Object.fromEntries(d.communities.map((c) => [c.slug, c.name]))
  const ahead = Object.entries(d.counts.byReason).filter(([, n]) => n > 0)
  const main = html`${modNav('queue')}
<h1>Review queue</h1>
<section aria-labelledby="ahead-h" class="ahead">
<h2 id="ahead-h">What is ahead</h2>
<p>${
    d.counts.total === 0
      ? 'Nothing is waiting for review.'
      : `${plural(d.counts.total, 'open item')}${
          d.filters.community
            ? ` \
in ${names[d.filters.community] ?? d.filters.community}`
            : ''
        }.`
  }</p>
${
  ahead.length
    ? html`<ul class="counts">${ahead.map(
        ([r, n]) => html`<li>\
<a href="/mod/queue${qs({ community: d.filters.community, reason: r })}">${reasonWords(r)}: ${n}</a></li>`,
      )}</ul>`
    : ''
}
</section>
<form method="get" action="/mod/queue" class="filters" aria-labelledby="filter-h">
<h2 id="filter-h" class="vh">Filter the queue</h2>
${select({
  id: 'q-community',
  name: 'community',
  label: 'Community',
  blank: 'All my communities',
  value: d.filters.community,
  options: d.communities.map((c) => [c.slug, c.name]),
})}
${select({ id: 'q-reason', name: 'reason', label: 'Reason', blank: 'Any reason', value: d.filters.reason, options: Object.entries(QUEUE_REASONS) })}
<button type="submit" class="secondary">Filter</button>
</form>
<h2 id="items-h">Items, most urgent first</h2>
${
  d.items.length === 0
    ? html`<p>No items${d.filters.reason || d.filters.community ? ' match these filters' : ''}${d.isFirst ? '' : ' on this page'}.</p>`
    : html`<ol class="queue" aria-labelledby="items-h">${d.items.map((i) => queueItem(i, names))}</ol>`
}
<nav aria-label="Queue pages" class="pager">
${d.isFirst ? '' : html`<a href="/mod/queue${qs({ community: d.filters.community, reason: d.filters.reason })}">Start of the queue</a>`}
${d.nextCursor ? html`<a href="/mod/queue${qs({ community: d.filters.community, reason: d.filters.reason, cursor: d.nextCursor })}">More items</a>` : ''}
</nav>`
  return layout(pc, { title: 'Review queue', section: 'moderation', main })
}

function queueItem(i: QueueItemView, names: Record<string, string>) {
  const hid = `item-${i.id}-h`
  return html`<li class="qitem ${priorityClass(i.priority)}" aria-labelledby="${hid}">
<h3 id="${hid}"><span class="level">${priorityWords(i.priority)}</span>: <a href="/mod/items/${i.id}">${i.post.threadTitle}</a></h3>
<p class="meta">${names[i.community] ?? i.community} · waiting ${waited(i.waitingSeconds)} · ${claimWords(i.claim)} · \
by ${i.post.author.handle}${i.escalatedAt ? ' · escalated' : ''}${i.reports.length ? ` · ${plural(i.reports.length, 'report')}` : ''}</p>
${signalList(i.signals)}
${i.post.status === 'deleted' ? html`<p class="callout">${DELETED_BY_AUTHOR}</p>` : ''}
${hiddenPost(i.post)}
<p><a href="/mod/items/${i.id}">Open item<span class="vh"> ${i.id}: ${i.post.threadTitle}</span></a></p>
</li>`
}

// ---------- one item ----------

export interface ItemData {
  item: { id: number; version: number; status: string; priority: number; reason: string; postId: number; resolution: string | null; createdAt: string | null }
  signals: SignalView[]
  reports: ReportView[]
  conversation: { from: string; handle: string | null; signed: boolean; body: string; createdAt: string | null }[]
  waitingSeconds: number
  claim: Claim | null
  community: { slug: string; name: string }
  thread: { id: number; title: string; locked: boolean }
  post: { id: number; author: string; body: string; html: string; status: string; revision: number; contentWarnings: WarningCategory[] }
  rules: { id: number; position: number; title: string }[]
  alerts?: AlertView[]
  /** Drawn above the item (issue #20: the break suggestion after a shift's share of urgent items). */
  notice?: SafeHtml
}

function alertList(alerts: AlertView[] | undefined) {
  if (!alerts || alerts.length === 0) return html`<p class="meta">Nobody has been alerted outside the app about this item.</p>`
  return html`<ul class="alerts">${alerts.map(
    (a) => html`<li>${a.level === 'escalation' ? 'Escalation' : 'Urgent alert'} \
by ${a.channel === 'hook' ? 'the alert hook' : html`e-mail to ${a.to?.handle ?? 'a former account'}`} \
· ${
      a.sentAt
        ? html`sent ${time(a.sentAt)}`
        : html`queued ${time(a.queuedAt)}, not sent yet${
            a.attempts > 0
              ? ` (${plural(a.attempts, 'attempt')} so \
far)`
              : ''
          }`
    }</li>`,
  )}</ul>`
}

export const ITEM_LABELS = { ruleId: 'Rule', warnings: 'Content warnings', until: 'Silence until', message: 'Message', note: 'Reason' }

export function itemPage(pc: PageCtx, d: ItemData, err?: FormError, values: Record<string, string> = {}) {
  const { item, post } = d
  const base = `/mod/items/${item.id}`
  // What the moderator ticked when an action came back refused, else the post's warnings now.
  const ticked: string[] = values.warnings !== undefined ? values.warnings.split(',').filter(Boolean) : post.contentWarnings
  const open = item.status === 'open'
  const fe = (name: string) => err?.fields?.[name]
  const errP = (name: string) =>
    fe(name) ? html`<p class="error" id="f-${name}-error"><span class="vh">Error: </span>${ITEM_LABELS[name as keyof typeof ITEM_LABELS]} ${fe(name)}</p>` : ''
  const described = (name: string, hint?: string) => {
    const ids = [hint ?? '', fe(name) ? `f-${name}-error` : ''].filter(Boolean).join(' ')
    return ids ? html` aria-describedby="${ids}"` : ''
  }
  const form = (action: string, label: string, body: SafeHtml | string, cls = '') =>
    html`<form method="post" action="${base}/${action}" class="stack action-form">${csrfField(pc)}<input type="hidden" name="version" \
value="${item.version}">${body}<div class="buttons"><button type="submit"${cls ? html` class="${cls}"` : ''}>${label}</button></div></form>`

  // "Was the pipeline's flag right?", answered in the same step as the action that closes the item
  // (issue #15): the answers become training labels (`alongside safety export-labels`).
  const flagged = d.signals.some((sig) => sig.source === 'pipeline')
  const feedback = (action: string) =>
    flagged
      ? html`<fieldset class="feedback"><legend>Was the safety pipeline's flag right? (optional)</legend>
<div class="check"><input type="radio" id="fb-${action}-yes" name="fb_right" value="yes"${attr('checked', values.fb_right === 'yes')}>\
<label for="fb-${action}-yes">Yes, it read this post right</label></div>
<div class="check"><input type="radio" id="fb-${action}-no" name="fb_right" value="no"${attr('checked', values.fb_right === 'no')}>\
<label for="fb-${action}-no">No. What was right:</label></div>
<div class="field"><label for="fb-${action}-crisis">Crisis level</label>
<select id="fb-${action}-crisis" name="fb_crisis"><option value="">As the pipeline said\
</option>${(['none', 'concern', 'urgent'] as const).map(
          (l) => html`<option value="${l}"${attr('selected', values.fb_crisis === l)}>${CRISIS_LEVELS[l]}</option>`,
        )}</select>\
</div>
<div class="check"><input type="checkbox" id="fb-${action}-spam" name="fb_spam" value="yes"${attr('checked', values.fb_spam === 'yes')}>\
<label for="fb-${action}-spam">Spam</label></div>
<div class="check"><input type="checkbox" id="fb-${action}-contact" name="fb_contact" value="yes"${attr('checked', values.fb_contact === 'yes')}>\
<label for="fb-${action}-contact">Shares or asks for private contact</label></div>
<p class="hint">Content warnings: as the post carries them when you act (change them first with “Save warnings”).</p>
</fieldset>`
      : ''

  const actions = open
    ? html`<section aria-labelledby="act-h" class="actions">
<h2 id="act-h">Act on this item</h2>
<p class="meta">Acting claims the item for you, so two moderators never act on it at once.</p>
<div class="action-grid">
<section aria-labelledby="a-claim-h" class="action"><h3 id="a-claim-h">${d.claim?.mine ? 'Release' : 'Claim'}</h3>
${
  d.claim?.mine
    ? html`<p>You hold this item until ${time(d.claim.expiresAt)}.</p>${form('release', 'Release this item', '', 'secondary')}`
    : html`<p>${
        d.claim
          ? `${claimWords(d.claim)}. You can take it over once they release it or after 15 minutes \
untouched.`
          : 'Nobody is working on this item.'
      }</p>${form('claim', 'Claim this item', '')}`
}
</section>
<section aria-labelledby="a-approve-h" class="action"><h3 id="a-approve-h">Approve</h3>
<p>Leave the post up (or make a held post visible) and close the item.</p>${form('approve', 'Approve post', feedback('approve'))}</section>
<section aria-labelledby="a-hide-h" class="action"><h3 id="a-hide-h">Hide</h3>
<p>Hide the post from everyone but its author and the moderators.</p>${form('hide', 'Hide post', feedback('hide'), 'secondary')}</section>
<section aria-labelledby="a-remove-h" class="action"><h3 id="a-remove-h">Remove</h3>
${form(
  'remove',
  'Remove post',
  html`<div class="field${fe('ruleId') ? ' has-error' : ''}">
<label for="f-ruleId">Rule the post breaks</label>
<p class="hint" id="f-ruleId-hint">The author is told which rule.</p>
${errP('ruleId')}
<select id="f-ruleId" name="ruleId"${described('ruleId', 'f-ruleId-hint')}${attr('aria-invalid="true"', !!fe('ruleId'))}>
<option value="">Choose a rule</option>
${d.rules.map((r) => html`<option value="${r.id}"${attr('selected', values.ruleId === String(r.id))}>${r.position}. ${r.title}</option>`)}
</select></div>${feedback('remove')}`,
  'danger',
)}</section>
<section aria-labelledby="a-warn-h" class="action"><h3 id="a-warn-h">Content warnings</h3>
${form(
  'warn',
  'Save warnings',
  html`<fieldset id="f-warnings"${fe('warnings') ? html` aria-describedby="f-warnings-error"` : ''}>
<legend>Warnings on this post</legend>
${errP('warnings')}
<input type="hidden" name="warnings" value="">
<div class="checks">${WARNING_CATEGORIES.map(
    (c) => html`<div class="check">\
<input type="checkbox" id="w-${c}" name="warnings" value="${c}"${attr('checked', ticked.includes(c))}><label for="w-${c}">${WARNING_LABELS[c]}</label>\
</div>`,
  )}</div>
</fieldset>`,
  'secondary',
)}</section>
<section aria-labelledby="a-lock-h" class="action"><h3 id="a-lock-h">Lock thread</h3>
${
  d.thread.locked
    ? html`<p>The thread is already locked.</p>`
    : html`<p>Close “${d.thread.title}” to new replies.\
</p>${form('lock', 'Lock thread', '', 'secondary')}`
}</section>
<section aria-labelledby="a-silence-h" class="action"><h3 id="a-silence-h">Silence the author</h3>
${form(
  'silence',
  'Silence author',
  html`<div class="field${fe('until') ? ' has-error' : ''}">
<label for="f-until">Silence ${post.author} until (UTC)</label>
<p class="hint" id="f-until-hint">They can still read. Times are in UTC.</p>
${errP('until')}
<input type="datetime-local" id="f-until" name="until" \
value="${values.until ?? ''}"${described('until', 'f-until-hint')}${attr('aria-invalid="true"', !!fe('until'))}>
</div>`,
  'secondary',
)}</section>
<section aria-labelledby="a-checkin-h" class="action wide"><h3 id="a-checkin-h">Check in with ${post.author}</h3>
${form(
  'check_in',
  'Send check-in',
  html`<div class="field${fe('message') ? ' has-error' : ''}">
<label for="f-message">Message</label>
<p class="hint" id="f-message-hint">Sent privately to ${post.author}. The item stays open.</p>
${errP('message')}
<textarea id="f-message" name="message" rows="5\
"${described('message', 'f-message-hint')}${attr('aria-invalid="true"', !!fe('message'))}>${values.message ?? ''}</textarea>
</div>
<div class="check"><input type="checkbox" id="f-sign" name="sign" value="yes"${attr('checked', values.sign === 'yes')}>\
<label for="f-sign">Sign with my handle (otherwise it comes from “A moderator”)</label></div>`,
)}</section>
<section aria-labelledby="a-escalate-h" class="action wide"><h3 id="a-escalate-h">Escalate</h3>
${form(
  'escalate',
  'Escalate to leads',
  html`<div class="field">
<label for="f-note">Why (optional)</label>
<input type="text" id="f-note" name="note" maxlength="500" value="${values.note ?? ''}">
</div>`,
  'secondary',
)}</section>
</div>
</section>`
    : html`<p class="callout">This item is ${item.status}${
        item.resolution ? ` (${(RESOLVE_WORDS[item.resolution] ?? actionWords(item.resolution)).toLowerCase()})` : ''
      }. Nothing more to do here.</p>`

  const main = html`${modNav('queue')}
<nav aria-label="Breadcrumb" class="crumbs"><ol><li><a href="/mod/queue">Review queue</a></li><li><span aria-current="page">Item ${item.id}</span></li></ol>\
</nav>
<h1><span class="level ${priorityClass(item.priority)}">${priorityWords(item.priority)}</span>: ${d.thread.title}</h1>
${errorSummary(err, ITEM_LABELS)}
${d.notice ?? ''}
<p class="meta">${d.community.name} · ${reasonWords(item.reason)} · waiting ${waited(d.waitingSeconds)} · ${claimWords(d.claim)} · post by ${post.author} \
(${STATUS_WORDS[post.status as keyof typeof STATUS_WORDS] ?? post.status})</p>
<section aria-labelledby="signals-h"><h2 id="signals-h">Signals</h2>${signalList(d.signals)}</section>
<section aria-labelledby="alerts-h"><h2 id="alerts-h">Who was alerted</h2>${alertList(d.alerts)}</section>
<section aria-labelledby="post-h"><h2 id="post-h">The post</h2>
${post.status === 'deleted' ? html`<p class="callout">${DELETED_BY_AUTHOR} Approving, hiding or removing it only closes this item.</p>` : ''}
${hiddenPost(post)}
<p><a href="/t/${d.thread.id}">Open the thread</a></p>
</section>
<section aria-labelledby="reports-h"><h2 id="reports-h">Reports</h2>
${
  d.reports.length === 0
    ? html`<p class="meta">No member has reported this post.</p>`
    : html`<ul class="reports">${d.reports.map(
        (r, n) => html`<li>
<strong>${REPORT_REASON_LABELS[r.reason] ?? r.reason.replace(/_/g, ' ')}</strong>${r.rule ? html` · rule: ${r.rule}` : ''} · ${time(r.createdAt)}
${r.note ? html`<p>Note: ${r.note}</p>` : ''}
<details class="reveal"><summary>Show post as reported<span class="vh"> (report ${n + 1})</span></summary><p class="as-text">${r.postAsReported}</p></details>
</li>`,
      )}</ul>`
}
</section>
<section aria-labelledby="conv-h"><h2 id="conv-h">Check-in conversation</h2>
${
  d.conversation.length === 0
    ? html`<p class="meta">No messages yet.</p>`
    : html`<ol class="conversation">${d.conversation.map(
        (c) => html`<li class="${c.from}">
<p class="meta">${
          c.from === 'moderator'
            ? html`${c.handle ?? 'A moderator'} \
(moderator${c.signed ? ', signed' : ', sent as “A moderator”'})`
            : html`${c.handle ?? 'The member'} (member)`
        } · ${time(c.createdAt)}</p>
<p class="as-text">${c.body}</p></li>`,
      )}</ol>`
}
</section>
${actions}`
  return layout(pc, { title: `${err ? 'Error: ' : ''}Review item ${item.id}`, section: 'moderation', community: d.community, main })
}

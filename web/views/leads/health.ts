import { html, type SafeHtml } from '../../html.ts'
import { breadcrumbs } from '../forum.ts'
import { layout, plural, time, type PageCtx } from '../layout.ts'
import { duration, leadNav, reasonWords, shortDate, type Ref } from './shared.ts'

interface Series {
  label: string
  values: (number | null)[]
}

const niceMax = (n: number) => {
  if (n <= 0) return 1
  const mag = 10 ** Math.floor(Math.log10(n))
  for (const m of [1, 2, 2.5, 5, 10]) if (n <= m * mag) return m * mag
  return 10 * mag
}
const fmtNum = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1))

/**
 * A grouped bar chart as inline SVG. It is one image to assistive technology (title and desc),
 * and the same numbers follow in a table, so nothing is only in the picture.
 */
export function barChart(o: {
  id: string
  title: string
  desc: string
  categories: string[]
  series: Series[]
  unit?: string
  format?: (n: number | null) => string
}) {
  const fmt = o.format ?? ((n: number | null) => (n === null ? '—' : fmtNum(n)))
  const W = 640,
    H = 232,
    L = 48,
    R = 8,
    T = 24,
    B = 34
  const all = o.series.flatMap((s) => s.values.filter((x): x is number => x !== null))
  // Counts get whole-number gridlines: a scale of 0 to 1 would label half an item.
  const max = all.every(Number.isInteger) ? Math.max(2, niceMax(Math.max(0, ...all))) : niceMax(Math.max(0, ...all))
  const plotW = W - L - R,
    plotH = H - T - B
  const n = Math.max(1, o.categories.length)
  const slot = plotW / n
  const barW = Math.max(2, (slot * 0.8) / o.series.length)
  const y = (v: number) => T + plotH - (v / max) * plotH
  const every = Math.ceil(n / 8)
  const grid = [0, max / 2, max].map(
    (g) =>
      html`<line class="grid" x1="${L}" x2="${W - R}" y1="${y(g).toFixed(1)}" y2="${y(g).toFixed(1)}"></line>\
<text class="axis" x="${L - 6}" y="${(y(g) + 4).toFixed(1)}" text-anchor="end">${fmtNum(g)}</text>`,
  )
  const bars = o.categories.map(
    (cat, i) =>
      html`<g>${o.series.map((s, j) => {
        const v = s.values[i]
        if (v === null || v === undefined) return ''
        const x = L + i * slot + slot * 0.1 + j * barW
        const h = Math.max(v > 0 ? 1 : 0, (v / max) * plotH)
        return html`<rect class="s${j}" x="${x.toFixed(1)}" y="${(T + plotH - h).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${h.toFixed(1)}">\
<title>${cat}, ${s.label}: ${fmt(v)}</title></rect>`
      })}${
        i % every === 0
          ? html`<text class="axis" x="${(L + i * slot + slot / 2).toFixed(1)}" y="${H - B + 16}" \
text-anchor="middle">${cat}</text>`
          : ''
      }</g>`,
  )
  return html`<figure class="chart" aria-labelledby="${o.id}-cap">
<figcaption id="${o.id}-cap">${o.title}</figcaption>
<ul class="legend" aria-hidden="true">${o.series.map((s, j) => html`<li><span class="swatch s${j}"></span>${s.label}</li>`)}</ul>
<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${o.id}-t ${o.id}-d" focusable="false">
<title id="${o.id}-t">${o.title}</title>
<desc id="${o.id}-d">${o.desc} The numbers are in the table that follows.</desc>
${grid}
<line class="baseline" x1="${L}" x2="${W - R}" y1="${T + plotH}" y2="${T + plotH}"></line>
${bars}
${o.unit ? html`<text class="axis" x="4" y="12">${o.unit}</text>` : ''}
</svg>
</figure>
<div class="table-wrap" role="region" aria-labelledby="${o.id}-tc" tabindex="0">
<table class="data numbers">
<caption id="${o.id}-tc">${o.title}: the numbers</caption>
<thead><tr><th scope="col"><span class="vh">Period</span></th>${o.series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
<tbody>${o.categories.map((cat, i) => html`<tr><th scope="row">${cat}</th>${o.series.map((s) => html`<td>${fmt(s.values[i] ?? null)}</td>`)}</tr>`)}</tbody>
</table>
</div>`
}

export interface HealthView {
  generatedAt: string
  unanswered: { count: number; oldest: { threadId: number; title: string; createdAt: string; waitingHours: number }[] }
  firstReply: { weekStart: string; threads: number; answered: number; medianMinutes: number | null; p90Minutes: number | null }[]
  queue: {
    daily: { date: string; opened: number; cleared: number }[]
    byReason: { reason: string; opened: number; resolved: number; medianClaimMinutes: number | null; medianResolveMinutes: number | null }[]
    urgent: {
      count: number
      medianClaimMinutes: number | null
      maxClaimMinutes: number | null
      items: { id: number; createdAt: string; claimMinutes: number | null }[]
    }
  }
  members: { weekStart: string; joined: number; posting: number; returning: number }[]
}

const waitingWords = (h: number) => (h < 1 ? 'under an hour' : h < 48 ? plural(h, 'hour') : plural(Math.floor(h / 24), 'day'))

/** `extra`: the outcome sections (issue #20, web/views/leads/outcomes.ts), drawn after the rest. */
export function healthPage(pc: PageCtx, c: Ref, d: HealthView, isLead: boolean, extra?: SafeHtml) {
  const weeks = d.firstReply.map((w) => `w/c ${shortDate(w.weekStart)}`)
  const u = d.queue.urgent
  const main = html`${breadcrumbs(
    isLead
      ? [
          { href: `/c/${c.slug}`, label: c.name },
          {
            href: `/c/${c.slug}/lea\
d`,
            label: 'Lead settings',
          },
          { label: 'Health' },
        ]
      : [{ href: `/c/${c.slug}`, label: c.name }, { label: 'Health' }],
  )}
${isLead ? leadNav(c, 'health') : ''}
<h1>Health of ${c.name}</h1>
<p class="meta">Figures as of ${time(d.generatedAt)}. Weeks start on Monday (UTC).</p>

<section aria-labelledby="unanswered-h" class="dash">
<h2 id="unanswered-h">Waiting for a first reply</h2>
<p class="lede">No one should post into silence.\
 ${d.unanswered.count === 0 ? 'Every thread has a reply.' : `${plural(d.unanswered.count, 'thread has', 'threads have')} no reply yet, oldest first:`}</p>
${
  d.unanswered.oldest.length
    ? html`<ol class="unanswered">${d.unanswered.oldest.map(
        (t) => html`<li><a href="/t/${t.threadId}">${t.title}</a> \
<span class="meta">waiting ${waitingWords(t.waitingHours)} · posted ${time(t.createdAt)}</span> <a href="/t/${t.threadId}/reply" class="reply-link">Reply\
<span class="vh"> to ${t.title}</span></a></li>`,
      )}</ol>`
    : ''
}
</section>

<section aria-labelledby="reply-h" class="dash">
<h2 id="reply-h">Time to first reply, per week</h2>
${barChart({
  id: 'chart-reply',
  title: 'Median and 90th-percentile time to first reply, in minutes, per week',
  desc: `Weekly bars for the ${d.firstReply.length} weeks from ${shortDate(d.firstReply[0]?.weekStart ?? d.generatedAt)}.`,
  categories: weeks,
  unit: 'minutes',
  format: duration,
  series: [
    { label: 'Median', values: d.firstReply.map((w) => w.medianMinutes) },
    { label: '90th percentile', values: d.firstReply.map((w) => w.p90Minutes) },
  ],
})}
<p class="meta">${plural(
    d.firstReply.reduce((s, w) => s + w.threads, 0),
    'thread',
  )} started in these weeks; ${answeredWords(d.firstReply.reduce((s, w) => s + w.answered, 0))}.</p>
</section>

<section aria-labelledby="queue-h" class="dash">
<h2 id="queue-h">Review queue</h2>
${barChart({
  id: 'chart-queue',
  title: 'Review items opened and cleared per day',
  desc: `Daily bars for the ${d.queue.daily.length} days to ${d.queue.daily.length ? shortDate(d.queue.daily[d.queue.daily.length - 1]!.date) : ''}.`,
  categories: d.queue.daily.map((x) => shortDate(x.date)),
  unit: 'items',
  series: [
    { label: 'Opened', values: d.queue.daily.map((x) => x.opened) },
    { label: 'Cleared', values: d.queue.daily.map((x) => x.cleared) },
  ],
})}
<h3 id="reason-h">Time to claim and resolve, by reason</h3>
${
  d.queue.byReason.length === 0
    ? html`<p>No review items in this period.</p>`
    : html`${barChart({
        id: 'chart-reason',
        title: 'Median minutes to claim and to resolve, by reason',
        desc: `Bars for ${plural(d.queue.byReason.length, 'reason')}.`,
        unit: 'minutes',
        format: duration,
        categories: d.queue.byReason.map((r) => reasonWords(r.reason)),
        series: [
          { label: 'Median to claim', values: d.queue.byReason.map((r) => r.medianClaimMinutes) },
          { label: 'Median to resolve', values: d.queue.byReason.map((r) => r.medianResolveMinutes) },
        ],
      })}
<p class="meta">${d.queue.byReason.map((r) => `${reasonWords(r.reason)}: ${r.opened} opened, ${r.resolved} resolved`).join(' · ')}</p>`
}
<h3 id="urgent-h">Urgent crisis items</h3>
${
  u.count === 0
    ? html`<p>No urgent items in this period.</p>`
    : html`<p>${plural(u.count, 'urgent item')}. Median time to claim: <strong>${duration(u.medianClaimMinutes)}</strong>; longest: \
<strong>${duration(u.maxClaimMinutes)}</strong>.</p>
${barChart({
  id: 'chart-urgent',
  title: 'Minutes to claim each urgent item',
  desc: `One bar per urgent item, oldest first.`,
  unit: 'minutes',
  format: (n) => (n === null ? 'not claimed yet' : duration(n)),
  categories: u.items.map((i) => `#${i.id}`),
  series: [{ label: 'Time to claim', values: u.items.map((i) => i.claimMinutes) }],
})}`
}
</section>

<section aria-labelledby="members-h" class="dash">
<h2 id="members-h">Members, per week</h2>
${barChart({
  id: 'chart-members',
  title: 'Members joining, posting and returning, per week',
  desc: 'Returning members posted this week and had posted before it.',
  categories: d.members.map((w) => `w/c ${shortDate(w.weekStart)}`),
  unit: 'members',
  series: [
    { label: 'Joined', values: d.members.map((w) => w.joined) },
    { label: 'Posting', values: d.members.map((w) => w.posting) },
    { label: 'Returning', values: d.members.map((w) => w.returning) },
  ],
})}
</section>
${extra ?? ''}`
  return layout(pc, { title: `Health: ${c.name}`, section: isLead ? 'lead' : 'moderation', community: c, main })
}

/** "1 has a reply", "3 have a reply", "none has a reply yet". */
function answeredWords(n: number) {
  if (n === 0) return 'none has a reply yet'
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'has' : 'have'} a reply`
}

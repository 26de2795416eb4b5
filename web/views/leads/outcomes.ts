import type { Cell } from '../../../server/services/outcome-aggregates.ts'
import type { createConnectionService } from '../../../server/services/connection.ts'
import type { createSupporterService } from '../../../server/services/supporters.ts'
import { html } from '../../html.ts'
import { csrfField, plural, time, type PageCtx } from '../layout.ts'
import { barChart } from './health.ts'
import { shortDate, type Ref } from './shared.ts'

export type ConnectionView = Awaited<ReturnType<ReturnType<typeof createConnectionService>['measures']>>
export type SupportersView = Awaited<ReturnType<ReturnType<typeof createSupporterService>['load']>>

const pct = (n: number | null) => (n === null ? 'not yet' : `${n}%`)
const monthFmt = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })

/** Connection measures on the health page (issue #20): answered within a day, coming back, marked helpful. */
export function connectionSection(d: ConnectionView) {
  const weeks = d.firstReply.map((w) => `w/c ${shortDate(w.weekStart)}`)
  return html`<section aria-labelledby="connection-h" class="dash">
<h2 id="connection-h">Connection</h2>
<h3 id="first-reply-h">New members answered within a day</h3>
${barChart({
  id: 'chart-first-answer',
  title: 'Share of new members whose first post had a reply within 24 hours, per week of that post',
  desc: 'A reply is a post others can see, by someone else, in the same thread. New members joined in the last twelve weeks.',
  categories: weeks,
  unit: '%',
  format: (n) => (n === null ? 'no first posts' : `${n}%`),
  series: [{ label: 'Answered within 24 h', values: d.firstReply.map((w) => w.percent) }],
})}
<p class="meta">${d.firstReply.map((w) => `${shortDate(w.weekStart)}: ${w.answered24h} of ${w.firstPosts}`).join(' · ')}</p>
<h3 id="returning-h">New members coming back</h3>
${barChart({
  id: 'chart-returning',
  title: 'Share of members who posted again 30 and 90 days after joining, by month joined',
  desc: 'Coming back means posting again: Alongside keeps no record of visits. A month shows a figure once all its members have had that long.',
  categories: d.returning.map((m) => monthFmt.format(new Date(m.monthStart))),
  unit: '%',
  format: pct,
  series: [
    { label: 'After 30 days', values: d.returning.map((m) => m.after30Percent) },
    { label: 'After 90 days', values: d.returning.map((m) => m.after90Percent) },
  ],
})}
<p class="meta">Joined: ${d.returning.map((m) => `${monthFmt.format(new Date(m.monthStart))} ${m.joined}`).join(' · ')}</p>
<h3 id="helpful-h">“This helped me” marks</h3>
${barChart({
  id: 'chart-helpful',
  title: '“This helped me” marks per week',
  desc: 'Marks members gave to posts in this community.',
  categories: weeks,
  unit: 'marks',
  series: [{ label: 'Marks', values: d.helpful.map((w) => w.marks) }],
})}
</section>`
}

const spreadText = (s: Cell['wellbeing']) => (s ? `${s.median} (${s.p25}–${s.p75})` : '')
const signed = (n: number) => (n > 0 ? `+${n}` : String(n))

/** Members' check-ins, as leads see them: per quarter, and nothing for a cell under the floor. */
export function wellbeingSection(d: { minCell: number; cells: Cell[] }) {
  const tooFew = html`<td colspan="3" class="too-few">too few to show</td>`
  return html`<section aria-labelledby="wellbeing-h" class="dash">
<h2 id="wellbeing-h">Members' check-ins</h2>
<p class="lede">From members who chose to answer private check-ins. You see only these figures, never anyone's answers: each member counts once per quarter, \
by their last check-in, and a figure needs at least ${d.minCell} members.</p>
<div class="table-wrap" role="region" aria-labelledby="wellbeing-cap" tabindex="0">
<table class="data numbers">
<caption id="wellbeing-cap">Median (middle half) per quarter. Wellbeing: WHO-5, 0–100, higher is better. Loneliness: 3–9, lower is better. Hope: 0–10.</caption>
<thead><tr><th scope="col">Quarter</th><th scope="col">Members</th><th scope="col">Wellbeing</th><th scope="col">Loneliness</th><th scope="col">Hope</th></tr>\
</thead>
<tbody>${d.cells.map((c) =>
    c.members === null
      ? html`<tr><th scope="row">${c.label}</th><td class="too-few">too few to show</td>${tooFew}</tr>`
      : html`<tr><th scope="row">${c.label}</th><td>${c.members}</td><td>${spreadText(c.wellbeing)}</td><td>${spreadText(c.loneliness)}</td>\
<td>${spreadText(c.hope)}</td></tr>`,
  )}</tbody>
</table></div>
<div class="table-wrap" role="region" aria-labelledby="change-cap" tabindex="0">
<table class="data numbers">
<caption id="change-cap">Median change within the quarter, for members with two or more check-ins in it (last minus first)</caption>
<thead><tr><th scope="col">Quarter</th><th scope="col">Members</th><th scope="col">Wellbeing</th><th scope="col">Loneliness</th><th scope="col">Hope</th></tr>\
</thead>
<tbody>${d.cells.map((c) =>
    c.change === null
      ? html`<tr><th scope="row">${c.label}</th><td class="too-few">too few to show</td>${tooFew}</tr>`
      : html`<tr><th scope="row">${c.label}</th><td>${c.change.members}</td><td>${signed(c.change.wellbeing)}</td><td>${signed(c.change.loneliness)}</td>\
<td>${signed(c.change.hope)}</td></tr>`,
  )}</tbody>
</table></div>
</section>`
}

/** The debrief form: a private note to the community's leads. */
export function debriefForm(pc: PageCtx, c: Ref) {
  return html`<form method="post" action="/c/${c.slug}/debrief" class="stack">
${csrfField(pc)}
<div class="field"><label for="f-debrief-note">A note for the leads (optional)</label>
<p class="hint" id="f-debrief-note-hint">Only the leads of ${c.name} see it. Up to 1,000 characters.</p>
<textarea id="f-debrief-note" name="note" rows="3" maxlength="1000" aria-describedby="f-debrief-note-hint"></textarea></div>
<button type="submit" class="secondary">Ask a lead for a debrief</button>
</form>`
}

/** On a review item, after the community's limit of urgent items in a shift. */
export function breakNotice(pc: PageCtx, b: { urgentInShift: number; limit: number; community: Ref }) {
  return html`<aside class="notice" aria-labelledby="break-h">
<h2 id="break-h">Time for a break?</h2>
<p>You have closed ${plural(b.urgentInShift, 'urgent item')} in the last 8 hours. That is heavy work. Another moderator can take the next one: step away for \
a while, and talk it through with a lead if it would help.</p>
${debriefForm(pc, b.community)}
</aside>`
}

/** Looking after the supporters: the moderator's own counts; for a lead, everyone's and who asked for a debrief. */
export function supportersSection(pc: PageCtx, c: Ref, d: SupportersView) {
  return html`<section aria-labelledby="supporters-h" class="dash">
<h2 id="supporters-h">Looking after the supporters</h2>
<p>Crisis items you closed (urgent crisis, concern, and members asking for a check-in), in every community you moderate: \
<strong>${d.own.last7}</strong> in the last 7 days, <strong>${d.own.last30}</strong> in the last 30.</p>
${debriefForm(pc, c)}
${
  d.team === null
    ? ''
    : html`<div class="table-wrap" role="region" aria-labelledby="team-cap" tabindex="0">
<table class="data numbers"><caption id="team-cap">Crisis items each moderator closed in ${c.name}, most first</caption>
<thead><tr><th scope="col">Moderator</th><th scope="col">Last 7 days</th><th scope="col">Last 30 days</th><th scope="col">Of them urgent (30 days)</th></tr>\
</thead>
<tbody>${
        d.team.length === 0
          ? html`<tr><td colspan="4">No crisis items closed in the last 30 days.</td></tr>`
          : d.team.map(
              (t) => html`<tr>\
<th scope="row">${t.handle}</th><td>${t.last7}</td><td>${t.last30}</td><td>${t.urgent30}</td></tr>`,
            )
      }</tbody>
</table></div>
<h3 id="debriefs-h">Asked for a debrief (last 30 days)</h3>
${
  d.debriefs!.length === 0
    ? html`<p>Nobody has asked.</p>`
    : html`<ul class="debriefs">${d.debriefs!.map(
        (r) => html`<li>\
<strong>${r.handle}</strong> · ${time(r.at)}${r.note ? html`<p class="as-text">${r.note}</p>` : ''}</li>`,
      )}</ul>`
}`
}
</section>`
}

import { HOPE_ENDS, HOPE_QUESTION, LONELINESS_CHOICES, LONELINESS_ITEMS, WHO5_CHOICES, WHO5_ITEMS } from '../../server/services/outcome-measures.ts'
import type { OutcomeService } from '../../server/services/outcomes.ts'
import { attr, html } from '../html.ts'
import { barChart } from './leads/health.ts'
import { shortDate } from './leads/shared.ts'
import { crisisList, csrfField, errorSummary, layout, time, type FormError, type PageCtx } from './layout.ts'

export type CheckInOverview = Awaited<ReturnType<OutcomeService['overview']>>

/** Said on the opt-in form, and again on the page while check-ins are on: exactly who sees what (issue #20). */
export const CONSENT_TEXT = [
  'Your answers are yours alone. Moderators, community leads and site admins cannot see them, ' +
    'and they are never written to logs, sent by e-mail or included in any export but your own page.',
  'Leads of the community you choose see only figures for the whole community, per quarter: the ' +
    'median and spread of the scores, and the median change for members who answered two or more ' +
    'times. A figure is shown only when at least 10 members contributed to it; otherwise they see ' +
    '“too few to show”. Site admins can download the same figures, and nothing more, to evaluate the programme.',
  'Nobody is told about a low score. A moderator is asked to check in with you only if you tick that box yourself.',
  'You can skip or pause at any time, delete any check-in, and withdraw: withdrawing deletes every answer at once.',
]

const consent = html`<div class="consent">${CONSENT_TEXT.map((p) => html`<p>${p}</p>`)}</div>`

function enrolForm(pc: PageCtx, d: CheckInOverview, err?: FormError, values: Record<string, string> = {}) {
  if (d.communities.length === 0)
    return html`<p>Check-ins belong with one of your communities (its crisis lines, and its anonymous figures). <a href="/">Join a community</a> first.</p>`
  const fe = (n: string) => err?.fields?.[n]
  const interval = values.interval ?? '28'
  return html`${errorSummary(err, { community: 'Community', interval: 'How often', consent: 'Agreement' })}
<form method="post" action="/me/check-ins/enrol" class="stack">
${csrfField(pc)}
<div class="field${fe('community') ? ' has-error' : ''}"><label for="f-community">Community</label>
<p class="hint" id="f-community-hint">Its crisis lines are shown to you, and your answers count in its anonymous figures.</p>
${fe('community') ? html`<p class="error" id="f-community-error"><span class="vh">Error: </span>Community ${fe('community')}</p>` : ''}
<select id="f-community" name="community" \
aria-describedby="f-community-hint${fe('community') ? ' f-community-error' : ''}">${d.communities.map(
    (c) => html`<option \
value="${c.slug}"${attr('selected', values.community === c.slug)}>${c.name}</option>`,
  )}</select></div>
<fieldset id="f-interval"><legend>How often</legend>
${(['14', '28'] as const).map(
  (v) => html`<div class="check">\
<input type="radio" id="interval-${v}" name="interval" value="${v}"${attr('checked', interval === v)}>\
<label for="interval-${v}">Every ${v === '14' ? '2' : '4'} weeks</label></div>`,
)}
</fieldset>
<div class="check"><input type="checkbox" id="f-email" name="email" value="on"${attr('checked', values.email === 'on')}${attr('disabled', !d.mailReady)}>\
<label for="f-email">Also remind me by e-mail${d.mailReady ? '' : ' (add and confirm an address in E-mail settings first)'}</label></div>
<fieldset id="f-consent"${fe('consent') ? html` aria-describedby="f-consent-error"` : ''}><legend>Who sees what</legend>
${consent}
${fe('consent') ? html`<p class="error" id="f-consent-error"><span class="vh">Error: </span>Agreement ${fe('consent')}</p>` : ''}
<div class="check"><input type="checkbox" id="f-consent-box" name="consent" value="yes">\
<label for="f-consent-box">I have read this and want to turn check-ins on</label></div>
</fieldset>
<button type="submit">Turn check-ins on</button>
</form>`
}

function trend(d: CheckInOverview) {
  if (d.checkIns.length === 0) return html`<p>No check-ins yet. Your scores will show here as a chart and a table.</p>`
  const rows = [...d.checkIns].reverse()
  const cats = rows.map((r) => shortDate(r.at))
  return html`${barChart({
    id: 'chart-wellbeing',
    title: 'Your wellbeing (WHO-5, 0 to 100), per check-in',
    desc: `One bar per check-in, oldest first, from ${cats[0]} to ${cats[cats.length - 1]}. Higher is better; 50 or less is what the measure's authors call \
low.`,
    categories: cats,
    unit: 'score',
    series: [{ label: 'Wellbeing', values: rows.map((r) => r.wellbeingPercent) }],
  })}
${barChart({
  id: 'chart-lonely-hope',
  title: 'Your loneliness (3 to 9, lower is less lonely) and hope (0 to 10), per check-in',
  desc: `Two bars per check-in, oldest first.`,
  categories: cats,
  series: [
    { label: 'Loneliness', values: rows.map((r) => r.loneliness) },
    { label: 'Hope', values: rows.map((r) => r.hope) },
  ],
})}`
}

function history(pc: PageCtx, d: CheckInOverview) {
  if (d.checkIns.length === 0) return ''
  return html`<h2 id="history-h">Each check-in</h2>
<div class="table-wrap" role="region" aria-labelledby="history-h" tabindex="0">
<table class="data numbers"><thead><tr><th scope="col">Date</th><th scope="col">Wellbeing (0–100)</th><th scope="col">Loneliness (3–9)</th>\
<th scope="col">Hope (0–10)</th><th scope="col"><span class="vh">Delete</span></th></tr></thead>
<tbody>${d.checkIns.map(
    (c) => html`<tr><th scope="row">${time(c.at)}</th><td>${c.wellbeingPercent}</td><td>${c.loneliness}</td><td>${c.hope}</td>
<td><form method="post" action="/me/check-ins/${c.id}/delete" class="inline">${csrfField(pc)}<button type="submit" class="linkish">Delete\
<span class="vh"> the check-in of ${shortDate(c.at)}</span></button></form></td></tr>`,
  )}</tbody></table></div>`
}

/** Kind words after a low check-in: very low wellbeing, low wellbeing, or lonely. */
const KIND_WORDS = {
  very_low:
    'Your answers suggest things have been very hard lately. That is a lot to carry, and you do not have to carry it alone. ' +
    'The people who made this measure suggest talking to a doctor or another professional you trust when scores are this low.',
  low: 'Your answers suggest the last two weeks have been hard. That matters, and so do you.',
  lonely: 'Your answers suggest you have been feeling cut off lately. Many people here know that feeling.',
}
function kindWords(d: CheckInOverview) {
  const r = d.latestReading
  if (!r || (r.wellbeing === 'ok' && !r.lonely)) return ''
  const community = d.enrolment?.community
  return html`<section class="kind-words" aria-labelledby="kind-h">
<h2 id="kind-h">Thank you for being honest about how things are</h2>
<p>${KIND_WORDS[r.wellbeing === 'very_low' ? 'very_low' : r.wellbeing === 'low' ? 'low' : 'lonely']}</p>
<p>Nobody has been told about your answers. If talking would help, your community is here${
    community
      ? html`: \
<a href="/c/${community.slug}">${community.name}</a>`
      : ''
  }. If you might be in danger, please reach out now:</p>
${crisisList(d.crisisLines)}
</section>`
}

export function checkInsPage(pc: PageCtx, d: CheckInOverview, err?: FormError, values: Record<string, string> = {}) {
  const e = d.enrolment
  const main = html`<h1>Your check-ins</h1>
<p class="lede">A short, private check-in every few weeks: how you have been, how connected you feel, and how hopeful. Only you see your answers.</p>
${kindWords(d)}
${
  !e
    ? html`<section aria-labelledby="enrol-h"><h2 id="enrol-h">Turn check-ins on</h2>${enrolForm(pc, d, err, values)}</section>`
    : html`<section aria-labelledby="status-h"><h2 id="status-h">Your next check-in</h2>
<p>${
        e.paused
          ? 'Check-ins are paused: nothing is due until you resume.'
          : e.due
            ? 'A check-in is ready now.'
            : html`The next one is \
due ${time(e.nextDueAt)}.`
      } Every ${e.intervalDays / 7} weeks, with ${e.community.name}.</p>
<div class="buttons">
${!e.paused ? html`<a class="button" href="/me/check-ins/new">Answer a check-in</a>` : ''}
${
  e.due && !e.paused
    ? html`<form method="post" action="/me/check-ins/skip" class="inline">${csrfField(pc)}<button type="submit" class="secondary">Skip this \
one</button></form>`
    : ''
}
<form method="post" action="/me/check-ins/${e.paused ? 'resume' : 'pause'}" class="inline">${csrfField(pc)}<button type="submit" \
class="secondary">${e.paused ? 'Resume check-ins' : 'Pause check-ins'}</button></form>
</div>
</section>
<section aria-labelledby="trend-h"><h2 id="trend-h">Your trend</h2>${trend(d)}</section>
${history(pc, d)}
<section aria-labelledby="settings-h"><h2 id="settings-h">Settings</h2>
${errorSummary(err, { interval: 'How often' })}
<form method="post" action="/me/check-ins/settings" class="stack">
${csrfField(pc)}
<fieldset id="f-interval"><legend>How often</legend>
${([14, 28] as const).map(
  (v) => html`<div class="check">\
<input type="radio" id="set-interval-${v}" name="interval" value="${v}"${attr('checked', e.intervalDays === v)}>\
<label for="set-interval-${v}">Every ${v / 7} weeks</label></div>`,
)}
</fieldset>
<div class="check"><input type="checkbox" id="set-email" name="email" \
value="on"${attr('checked', e.remindByEmail)}${attr('disabled', !d.mailReady && !e.remindByEmail)}>\
<label for="set-email">Also remind me by e-mail${d.mailReady ? '' : ' (needs a confirmed address in E-mail settings)'}</label></div>
<button type="submit" class="secondary">Save settings</button>
</form>
</section>
<section aria-labelledby="consent-h"><h2 id="consent-h">Who sees what</h2>
<p class="meta">You agreed ${time(e.consentedAt)}.</p>
${consent}
<form method="post" action="/me/check-ins/withdraw" class="stack">
${csrfField(pc)}
<div class="check"><input type="checkbox" id="f-withdraw" name="confirm" value="yes"><label for="f-withdraw">Delete all my answers and turn check-ins off\
</label></div>
<button type="submit" class="danger">Withdraw and delete</button>
</form>
</section>`
}`
  return layout(pc, { title: err ? 'Error: Your check-ins' : 'Your check-ins', section: 'settings', main })
}

const radioGroup = (name: string, legend: string, choices: readonly string[], first: number, values: Record<string, string>, err?: FormError) => {
  const e = err?.fields?.[name]
  return html`<fieldset id="f-${name}" class="question"${e ? html` aria-describedby="f-${name}-error"` : ''}><legend>${legend}</legend>
${e ? html`<p class="error" id="f-${name}-error"><span class="vh">Error: </span>${legend} ${e}</p>` : ''}
<div class="scale">${choices.map(
    (c, i) => html`<div class="check">\
<input type="radio" id="${name}-${i}" name="${name}" value="${i + first}"${attr('checked', values[name] === String(i + first))}>\
<label for="${name}-${i}">${c}</label></div>`,
  )}</div>
</fieldset>`
}

export function checkInFormPage(pc: PageCtx, err?: FormError, values: Record<string, string> = {}) {
  const labels: Record<string, string> = {
    ...Object.fromEntries(WHO5_ITEMS.map((q, i) => [`who5_${i + 1}`, q])),
    ...Object.fromEntries(LONELINESS_ITEMS.map((q, i) => [`lonely_${i + 1}`, q])),
    hope: HOPE_QUESTION,
  }
  const hopeChoices = Array.from({ length: 11 }, (_, i) => (i === 0 ? `0 (${HOPE_ENDS.low})` : i === 10 ? `10 (${HOPE_ENDS.high})` : String(i)))
  const main = html`<h1>Your check-in</h1>
<p class="lede">Nine questions. There are no right answers, and only you will see them. You can <a href="/me/check-ins">skip this one</a> instead.</p>
${errorSummary(err, labels)}
<form method="post" action="/me/check-ins" class="stack">
${csrfField(pc)}
<h2>Over the last two weeks</h2>
${WHO5_ITEMS.map((q, i) => radioGroup(`who5_${i + 1}`, q, WHO5_CHOICES, 0, values, err))}
<h2>Feeling connected</h2>
${LONELINESS_ITEMS.map((q, i) => radioGroup(`lonely_${i + 1}`, q, LONELINESS_CHOICES, 1, values, err))}
<h2>Hope</h2>
${radioGroup('hope', HOPE_QUESTION, hopeChoices, 0, values, err)}
<div class="check"><input type="checkbox" id="f-ask" name="askModerator" value="yes"${attr('checked', values.askModerator === 'yes')}>\
<label for="f-ask">Ask a moderator to check in with me (they see that you asked, never your answers)</label></div>
<button type="submit">Save my check-in</button>
</form>`
  return layout(pc, { title: err ? 'Error: Your check-in' : 'Your check-in', section: 'settings', main })
}

import { VISIBILITIES, WARNING_CATEGORIES, type WarningCategory } from '../../server/services/community-settings.ts'
import { attr, html, raw, type SafeHtml } from '../html.ts'
import { breadcrumbs } from './forum.ts'
import { csrfField, layout, plural, time, WARNING_LABELS, type FormError, type PageCtx } from './layout.ts'
import { QUEUE_REASONS } from './moderation.ts'

type Ref = { slug: string; name: string }

// ---------- words ----------

export const VISIBILITY_LABELS: Record<(typeof VISIBILITIES)[number], string> = {
  public: 'Public: anyone can read',
  signed_in: 'Signed in: anyone with an account can read',
  members: 'Members only: only members can read',
}
export const WORD_ACTIONS = { flag: 'Flag for review', hold: 'Hold for review', warn: 'Add a content warning', block: 'Block, with a message to the writer' } as const
export type WordAction = keyof typeof WORD_ACTIONS
export const ROLE_LABELS: Record<string, string> = { member: 'Member', peer_supporter: 'Peer supporter', moderator: 'Moderator', lead: 'Lead' }
const reasonWords = (r: string) => QUEUE_REASONS[r] ?? r.replace(/_/g, ' ')

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
const shortDate = (iso: string) => dayFmt.format(new Date(iso))
/** Minutes as people say them: "45 min", "3.5 h", or a dash when there is nothing to measure. */
export function duration(min: number | null) {
  if (min === null) return '—'
  if (min < 90) return `${Math.round(min * 10) / 10} min`
  if (min < 48 * 60) return `${Math.round((min / 60) * 10) / 10} h`
  return `${Math.round((min / 1440) * 10) / 10} days`
}

// ---------- shared pieces ----------

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

function leadNav(c: Ref, current: LeadSection | 'health') {
  const cur = (on: boolean) => (on ? html` aria-current="page"` : '')
  return html`<nav aria-label="Lead settings" class="subnav lead-nav"><ul>
${SECTIONS.map(([path, label]) => html`<li><a href="/c/${c.slug}/lead${path}"${cur(current === path)}>${label}</a></li>`)}
<li><a href="/c/${c.slug}/health"${cur(current === 'health')}>Health dashboard</a></li>
</ul></nav>`
}

function leadLayout(pc: PageCtx, c: Ref, o: { title: string; section: LeadSection; main: SafeHtml; err?: FormError }) {
  const label = SECTIONS.find(([p]) => p === o.section)![1]
  const crumbs = o.section === ''
    ? [{ href: `/c/${c.slug}`, label: c.name }, { label: 'Lead settings' }]
    : [{ href: `/c/${c.slug}`, label: c.name }, { href: `/c/${c.slug}/lead`, label: 'Lead settings' }, { label }]
  const main = html`${breadcrumbs(crumbs)}${leadNav(c, o.section)}${o.main}`
  return layout(pc, { title: `${o.err ? 'Error: ' : ''}${o.title}`, section: 'lead', community: c, main })
}

/** Like the member pages' summary, but each line reads "Label: message" so whole-sentence messages (an unsafe pattern) stay readable. */
function summary(err: FormError | undefined, labels: Record<string, string>) {
  if (!err) return ''
  const fields = Object.entries(err.fields ?? {}).filter(([k]) => labels[k] !== undefined)
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">There is a problem</h2>
<p>${fields.length > 0 ? 'Please check what you entered. Nothing has been saved, and nothing you typed has been lost.' : err.message}</p>
${fields.length > 0 ? html`<ul>${fields.map(([k, v]) => html`<li><a href="#f-${k}">${labels[k]}: ${v}</a></li>`)}</ul>` : ''}
</div>`
}

const fieldErr = (err: FormError | undefined, name: string) => err?.fields?.[name]

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

function input(o: InputOpts) {
  const id = `f-${o.name}`
  const e = fieldErr(o.err, o.name)
  const described = [o.hint ? `${id}-hint` : '', e ? `${id}-error` : ''].filter(Boolean).join(' ')
  return html`<div class="field${e ? ' has-error' : ''}${o.cls ? ` ${o.cls}` : ''}">
<label for="${id}">${o.label}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
${e ? html`<p class="error" id="${id}-error"><span class="vh">Error: </span>${e}</p>` : ''}
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${described ? html` aria-describedby="${described}"` : ''}${attr('aria-invalid="true"', !!e)}${attr('required', !!o.required)}${o.extra ?? ''}>
</div>`
}

function selectField(o: { name: string; label: string; options: [string, string][]; value?: string; hint?: string; err?: FormError; blank?: string }) {
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

function checkbox(o: { name: string; label: string; checked: boolean; value?: string; id?: string; hint?: string }) {
  const id = o.id ?? `f-${o.name}`
  return html`<div class="check"><input type="checkbox" id="${id}" name="${o.name}" value="${o.value ?? 'yes'}"${attr('checked', o.checked)}${o.hint ? html` aria-describedby="${id}-hint"` : ''}><label for="${id}">${o.label}</label></div>${o.hint ? html`<p class="hint check-hint" id="${id}-hint">${o.hint}</p>` : ''}`
}

// ---------- the leads' index and the overview ----------

export function leadIndexPage(pc: PageCtx, communities: Ref[]) {
  const main = html`<h1>Communities you lead</h1>
${communities.length === 0
    ? html`<p>You do not lead any community.</p>`
    : html`<ul class="cards">${communities.map((c) => html`<li class="card"><h2>${c.name}</h2>
<p><a href="/c/${c.slug}/lead">Lead settings<span class="vh"> for ${c.name}</span></a> · <a href="/c/${c.slug}/health">Health dashboard<span class="vh"> for ${c.name}</span></a></p></li>`)}</ul>`}`
  return layout(pc, { title: 'Communities you lead', section: 'lead', main })
}

export interface LeadOverview {
  community: Ref
  guidelinesVersion: number
  rules: number
  words: number
  resources: number
  staff: number
  visibility: string
}

export function leadHomePage(pc: PageCtx, d: LeadOverview) {
  const c = d.community
  const main = html`<h1>Lead settings for ${c.name}</h1>
<p class="lede">Shape what ${c.name} is. Every change takes effect straight away and is written to the audit log.</p>
<ul class="cards lead-cards">
<li class="card"><h2><a href="/c/${c.slug}/lead/guidelines">Guidelines</a></h2><p>Version ${d.guidelinesVersion} is current. Publishing a new version asks every member to accept it before they next post. <a href="/c/${c.slug}/guidelines/history">Version history</a></p></li>
<li class="card"><h2><a href="/c/${c.slug}/lead/rules">Rules</a></h2><p>${plural(d.rules, 'rule')}, used as removal and report reasons.</p></li>
<li class="card"><h2><a href="/c/${c.slug}/lead/settings">Safety settings</a></h2><p>Content warnings, holds for new members, links, reports, crisis escalation. Visibility: ${VISIBILITY_LABELS[d.visibility as keyof typeof VISIBILITY_LABELS] ?? d.visibility}.</p></li>
<li class="card"><h2><a href="/c/${c.slug}/lead/words">Watched words</a></h2><p>${plural(d.words, 'watched word')}. Try a word against recent posts before you save it.</p></li>
<li class="card"><h2><a href="/c/${c.slug}/lead/crisis">Crisis resources</a></h2><p>${plural(d.resources, 'crisis line')} shown to members in crisis.</p></li>
<li class="card"><h2><a href="/c/${c.slug}/lead/staff">Appointments</a></h2><p>${plural(d.staff, 'peer supporter, moderator or lead', 'peer supporters, moderators and leads')}.</p></li>
<li class="card"><h2><a href="/c/${c.slug}/health">Health dashboard</a></h2><p>Unanswered threads, reply times, the review queue and members, week by week.</p></li>
</ul>`
  return leadLayout(pc, c, { title: `Lead settings: ${c.name}`, section: '', main })
}

// ---------- guidelines ----------

export function guidelinesEditPage(pc: PageCtx, c: Ref, d: { version: number; markdown: string }, err?: FormError) {
  const e = fieldErr(err, 'markdown')
  const main = html`<h1>Guidelines</h1>
<p class="lede">Version ${d.version} is current. When you publish, members keep reading as before, but are asked to accept the new version before their next post.</p>
${summary(err, { markdown: 'Guidelines' })}
<form method="post" action="/c/${c.slug}/lead/guidelines" class="stack wide-form">
${csrfField(pc)}
<div class="field${e ? ' has-error' : ''}">
<label for="f-markdown">Guidelines (Markdown)</label>
<p class="hint" id="f-markdown-hint">Headings with #, lists with -, links as [text](https://…). At least 20 characters.</p>
${e ? html`<p class="error" id="f-markdown-error"><span class="vh">Error: </span>${e}</p>` : ''}
<textarea id="f-markdown" name="markdown" rows="18" required aria-describedby="f-markdown-hint${e ? ' f-markdown-error' : ''}"${attr('aria-invalid="true"', !!e)}>${d.markdown}</textarea>
</div>
<div class="buttons"><button type="submit">Publish version ${d.version + 1}</button> <a href="/c/${c.slug}/guidelines/history">Version history</a></div>
</form>`
  return leadLayout(pc, c, { title: `Guidelines: ${c.name}`, section: '/guidelines', main, err })
}

export function guidelinesHistoryPage(pc: PageCtx, c: Ref, d: { current: number; versions: { version: number; html: string; publishedAt: string }[] }) {
  const versions = [...d.versions].sort((a, b) => b.version - a.version)
  const main = html`${breadcrumbs([{ href: `/c/${c.slug}`, label: c.name }, { label: 'Guidelines history' }])}
<h1>Guidelines history</h1>
<p class="lede">Every version of the guidelines of ${c.name}, newest first. Version ${d.current} is current.</p>
${versions.map((v) => html`<section class="revision card" aria-labelledby="v-${v.version}-h">
<h2 id="v-${v.version}-h">Version ${v.version}${v.version === d.current ? ' (current)' : ''}</h2>
<p class="meta">Published ${time(v.publishedAt)}</p>
<details class="guidelines"${attr('open', v.version === d.current)}><summary>Read version ${v.version}</summary><div class="prose">${raw(v.html)}</div></details>
</section>`)}`
  return layout(pc, { title: `Guidelines history: ${c.name}`, community: c, main })
}

// ---------- rules ----------

export interface RuleRow { id?: number; title: string; body: string; remove?: boolean }

export function rulesPage(pc: PageCtx, c: Ref, rows: RuleRow[], err?: FormError) {
  const labels: Record<string, string> = { _: 'Rules' }
  rows.forEach((_, i) => {
    labels[`title_${i}`] = `Rule ${i + 1} title`
    labels[`body_${i}`] = `Rule ${i + 1} explanation`
  })
  const main = html`<h1>Rules</h1>
<p class="lede">A numbered list. Moderators choose from it when they remove a post, and members when they report one.</p>
${summary(err, labels)}
<form method="post" action="/c/${c.slug}/lead/rules" class="stack wide-form">
${csrfField(pc)}
<p class="hint">To add a rule, fill in a blank row. To remove one, tick its “Remove” box. Rows left blank are ignored. The order here is the numbering.</p>
${rows.map((r, i) => html`<fieldset class="row-set">
<legend>Rule ${i + 1}${r.title ? '' : ' (blank: fill in to add)'}</legend>
${r.id !== undefined ? html`<input type="hidden" name="id_${i}" value="${r.id}">` : ''}
${input({ name: `title_${i}`, label: 'Title', value: r.title, err, extra: html` maxlength="120"` })}
<div class="field${fieldErr(err, `body_${i}`) ? ' has-error' : ''}">
<label for="f-body_${i}">Explanation</label>
${fieldErr(err, `body_${i}`) ? html`<p class="error" id="f-body_${i}-error"><span class="vh">Error: </span>${fieldErr(err, `body_${i}`)}</p>` : ''}
<textarea id="f-body_${i}" name="body_${i}" rows="3"${fieldErr(err, `body_${i}`) ? html` aria-invalid="true" aria-describedby="f-body_${i}-error"` : ''}>${r.body}</textarea>
</div>
${r.title || r.body ? checkbox({ name: `remove_${i}`, label: `Remove rule ${i + 1}`, checked: !!r.remove }) : ''}
</fieldset>`)}
<input type="hidden" name="rows" value="${rows.length}">
<div class="buttons"><button type="submit">Save rules</button></div>
</form>`
  return leadLayout(pc, c, { title: `Rules: ${c.name}`, section: '/rules', main, err })
}

// ---------- safety settings ----------

export type SettingsValues = Record<string, string> & { warningCategories?: never }

const NUMBER_FIELDS: { name: string; label: string; hint: string; min: number; max: number; step: number }[] = [
  { name: 'spamHoldThreshold', label: 'Spam hold threshold', hint: 'From 0 to 1. Posts the spam check scores at or above this are held for review. Lower holds more.', min: 0, max: 1, step: 0.05 },
  { name: 'newMemberHoldPosts', label: 'Hold a new member’s first posts', hint: 'How many of a member’s first posts here wait for review. 0 turns this off.', min: 0, max: 100, step: 1 },
  { name: 'newMemberHoldDays', label: 'Hold posts from accounts younger than (days)', hint: '0 turns this off.', min: 0, max: 365, step: 1 },
  { name: 'linksMinAccountDays', label: 'Allow links from accounts older than (days)', hint: 'Links from younger accounts go to review. 0 allows links from everyone.', min: 0, max: 365, step: 1 },
  { name: 'reportHideThreshold', label: 'Hide a post after this many reports', hint: 'The post is hidden until a moderator looks at it.', min: 1, max: 100, step: 1 },
  { name: 'crisisEscalationMinutes', label: 'Crisis escalation limit (minutes)', hint: 'An urgent item nobody claims within this time alerts the leads and admins.', min: 1, max: 1440, step: 1 },
]
export const SETTINGS_LABELS: Record<string, string> = {
  warningCategories: 'Content warning categories', visibility: 'Who can read',
  ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f.name, f.label])),
}

export function leadSettingsPage(pc: PageCtx, c: Ref, v: { warningCategories: WarningCategory[]; numbers: Record<string, string>; visibility: string }, err?: FormError) {
  const main = html`<h1>Safety settings</h1>
<p class="lede">How ${c.name} keeps members safe. Changes apply to the next post.</p>
${summary(err, SETTINGS_LABELS)}
<form method="post" action="/c/${c.slug}/lead/settings" class="stack">
${csrfField(pc)}
<fieldset id="f-warningCategories">
<legend>Content warning categories</legend>
<p class="hint">The warnings writers can add, and the pipeline suggests, in this community.</p>
<input type="hidden" name="warningCategories" value="">
<div class="checks">${WARNING_CATEGORIES.map((w) => checkbox({ name: 'warningCategories', id: `wc-${w}`, value: w, label: WARNING_LABELS[w], checked: v.warningCategories.includes(w) }))}</div>
</fieldset>
${NUMBER_FIELDS.map((f) => input({
    name: f.name, label: f.label, hint: f.hint, type: 'number', value: v.numbers[f.name], err, required: true, cls: 'narrow',
    extra: html` min="${f.min}" max="${f.max}" step="${f.step}" inputmode="${f.step < 1 ? 'decimal' : 'numeric'}"`,
  }))}
${selectField({ name: 'visibility', label: 'Who can read', value: v.visibility, err, options: VISIBILITIES.map((x) => [x, VISIBILITY_LABELS[x]]), hint: 'Crisis resources are always public, whatever you choose.' })}
<div class="buttons"><button type="submit">Save settings</button></div>
</form>`
  return leadLayout(pc, c, { title: `Safety settings: ${c.name}`, section: '/settings', main, err })
}

// ---------- watched words ----------

export interface WatchedWordView { id: number; phrase: string; wholeWord: boolean; regex: boolean; action: string; category?: string; message?: string }
export interface WordValues { phrase: string; wholeWord: boolean; regex: boolean; action: string; category: string; message: string }
export interface DryRunView { examined: number; matched: number; examples: { postId: number; threadId: number; excerpt: string; match: string }[] }
export const WORD_LABELS = { phrase: 'Word, phrase or pattern', action: 'What happens', category: 'Content warning', message: 'Message to the writer' }

function wordAction(w: WatchedWordView) {
  const base = WORD_ACTIONS[w.action as WordAction] ?? w.action
  if (w.action === 'warn' && w.category) return `${base}: ${WARNING_LABELS[w.category as WarningCategory] ?? w.category}`
  return base
}

export function wordsPage(pc: PageCtx, c: Ref, d: { words: WatchedWordView[]; values: WordValues; dry?: DryRunView }, err?: FormError) {
  const v = d.values
  const dry = d.dry
  const main = html`<h1>Watched words</h1>
<p class="lede">Words, phrases or patterns the safety check looks for in every new post. Look-alike letters (like 0 for o) are matched too.</p>
<h2 id="words-h">Current watched words</h2>
${d.words.length === 0 ? html`<p>No watched words yet.</p>` : html`<div class="table-wrap" role="region" aria-labelledby="words-caption" tabindex="0">
<table class="data">
<caption id="words-caption">Watched words in ${c.name}</caption>
<thead><tr><th scope="col">Word or pattern</th><th scope="col">Matching</th><th scope="col">What happens</th><th scope="col"><span class="vh">Delete</span></th></tr></thead>
<tbody>${d.words.map((w) => html`<tr>
<td><code>${w.phrase}</code></td>
<td>${w.regex ? 'Regular expression' : w.wholeWord ? 'Whole word' : 'Anywhere in a word'}</td>
<td>${wordAction(w)}${w.action === 'block' && w.message ? html`<br><span class="meta">Message: ${w.message}</span>` : ''}</td>
<td><form method="post" action="/c/${c.slug}/lead/words/${w.id}/delete" class="inline">${csrfField(pc)}<button type="submit" class="secondary small">Delete<span class="vh"> ${w.phrase}</span></button></form></td>
</tr>`)}</tbody>
</table>
</div>`}
<h2 id="add-h">Add a watched word</h2>
${summary(err, WORD_LABELS)}
${dry ? html`<section class="callout dry-run" aria-labelledby="dry-h">
<h3 id="dry-h">Check against recent posts</h3>
<p><strong>“${v.phrase}” would have caught ${dry.matched} of the last ${plural(dry.examined, 'post')}.</strong> Nothing is saved yet.</p>
${dry.examples.length ? html`<p>Examples:</p><ul class="examples">${dry.examples.map((e) => html`<li><q>${e.excerpt}</q> <a href="/t/${e.threadId}/p/${e.postId}">Open post<span class="vh"> ${e.postId}</span></a></li>`)}</ul>` : ''}
<p>If these are false alarms, change the word or its options and check again. Otherwise, save it.</p>
</section>` : ''}
<form method="post" action="/c/${c.slug}/lead/words" class="stack" aria-labelledby="add-h">
${csrfField(pc)}
${input({ name: 'phrase', label: WORD_LABELS.phrase, value: v.phrase, err, required: true, extra: html` maxlength="200"`, hint: 'Matched on the text with accents and look-alike letters removed.' })}
${checkbox({ name: 'wholeWord', label: 'Whole word only (so “ass” does not match “class”)', checked: v.wholeWord })}
${checkbox({ name: 'regex', label: 'Regular expression', checked: v.regex, hint: 'Patterns are checked for ones that could make the forum slow; those are refused.' })}
${selectField({ name: 'action', label: WORD_LABELS.action, value: v.action, err, options: Object.entries(WORD_ACTIONS) })}
${selectField({ name: 'category', label: WORD_LABELS.category, value: v.category, err, blank: 'Choose a warning', hint: 'Only for “Add a content warning”.', options: WARNING_CATEGORIES.map((w) => [w, WARNING_LABELS[w]]) })}
${input({ name: 'message', label: WORD_LABELS.message, value: v.message, err, extra: html` maxlength="500"`, hint: 'Only for “Block”. The writer sees this and keeps their text.' })}
<div class="buttons">
<button type="submit" name="do" value="check" class="secondary">Check against recent posts</button>
<button type="submit" name="do" value="save">Save</button>
</div>
</form>`
  return leadLayout(pc, c, { title: `Watched words: ${c.name}`, section: '/words', main, err })
}

// ---------- crisis resources ----------

export interface ResourceRow { name: string; contact: string; url: string; region: string; hours: string; remove?: boolean }
const RESOURCE_FIELDS = [['name', 'Name'], ['contact', 'Contact'], ['url', 'Web address'], ['region', 'Region'], ['hours', 'Hours']] as const

export function crisisResourcesPage(pc: PageCtx, c: Ref, rows: ResourceRow[], err?: FormError) {
  const labels: Record<string, string> = { _: 'Crisis resources' }
  rows.forEach((_, i) => RESOURCE_FIELDS.forEach(([k, l]) => (labels[`${k}_${i}`] = `Line ${i + 1} ${l.toLowerCase()}`)))
  const main = html`<h1>Crisis resources</h1>
<p class="lede">The lines shown to members of ${c.name} in crisis, always one click away. Keep at least one.</p>
${summary(err, labels)}
<form method="post" action="/c/${c.slug}/lead/crisis" class="stack wide-form">
${csrfField(pc)}
<p class="hint">To add a line, fill in a blank row. To remove one, tick its “Remove” box. Web address and hours are optional.</p>
${rows.map((r, i) => html`<fieldset class="row-set">
<legend>Line ${i + 1}${r.name ? html`: ${r.name}` : ' (blank: fill in to add)'}</legend>
<div class="row-grid">
${RESOURCE_FIELDS.map(([k, l]) => input({ name: `${k}_${i}`, label: l, value: r[k], err, type: k === 'url' ? 'url' : 'text' }))}
</div>
${r.name || r.contact ? checkbox({ name: `remove_${i}`, label: `Remove line ${i + 1}`, checked: !!r.remove }) : ''}
</fieldset>`)}
<input type="hidden" name="rows" value="${rows.length}">
<div class="buttons"><button type="submit">Save crisis resources</button> <a href="/c/${c.slug}/crisis">See them as members do</a></div>
</form>`
  return leadLayout(pc, c, { title: `Crisis resources: ${c.name}`, section: '/crisis', main, err })
}

// ---------- appointments ----------

export function staffPage(pc: PageCtx, c: Ref, d: { staff: { handle: string; role: string }[]; isAdmin: boolean; values: { handle: string; role: string } }, err?: FormError) {
  const roles = d.isAdmin ? ['member', 'peer_supporter', 'moderator', 'lead'] : ['member', 'peer_supporter', 'moderator']
  const main = html`<h1>Appointments</h1>
<p class="lede">Peer supporters are marked as such to members. Moderators work the review queue. ${d.isAdmin ? 'As a site admin you can also appoint leads.' : 'Only site admins appoint or remove leads.'}</p>
<h2 id="staff-h">People with a role</h2>
${d.staff.length === 0 ? html`<p>Nobody has a role yet.</p>` : html`<ul class="staff" aria-labelledby="staff-h">${d.staff.map((s) => html`<li>
<span><strong>${s.handle}</strong> · ${ROLE_LABELS[s.role] ?? s.role}</span>
${s.role !== 'lead' || d.isAdmin ? html`<form method="post" action="/c/${c.slug}/lead/staff/remove" class="inline">${csrfField(pc)}<input type="hidden" name="handle" value="${s.handle}"><button type="submit" class="secondary small">Remove role<span class="vh"> of ${s.handle}</span></button></form>` : ''}
</li>`)}</ul>`}
<h2 id="appoint-h">Appoint someone</h2>
${summary(err, { handle: 'Handle', role: 'Role' })}
<form method="post" action="/c/${c.slug}/lead/staff" class="stack" aria-labelledby="appoint-h">
${csrfField(pc)}
${input({ name: 'handle', label: 'Handle', value: d.values.handle, err, required: true, hint: `They must already be a member of ${c.name}.` })}
${selectField({ name: 'role', label: 'Role', value: d.values.role || 'peer_supporter', err, options: roles.map((r) => [r, ROLE_LABELS[r]!]) })}
<div class="buttons"><button type="submit">Appoint</button></div>
</form>`
  return leadLayout(pc, c, { title: `Appointments: ${c.name}`, section: '/staff', main, err })
}

// ---------- the health dashboard ----------

interface Series { label: string; values: (number | null)[] }

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
function barChart(o: { id: string; title: string; desc: string; categories: string[]; series: Series[]; unit?: string; format?: (n: number | null) => string }) {
  const fmt = o.format ?? ((n: number | null) => (n === null ? '—' : fmtNum(n)))
  const W = 640, H = 232, L = 48, R = 8, T = 24, B = 34
  const all = o.series.flatMap((s) => s.values.filter((x): x is number => x !== null))
  // Counts get whole-number gridlines: a scale of 0 to 1 would label half an item.
  const max = all.every(Number.isInteger) ? Math.max(2, niceMax(Math.max(0, ...all))) : niceMax(Math.max(0, ...all))
  const plotW = W - L - R, plotH = H - T - B
  const n = Math.max(1, o.categories.length)
  const slot = plotW / n
  const barW = Math.max(2, (slot * 0.8) / o.series.length)
  const y = (v: number) => T + plotH - (v / max) * plotH
  const every = Math.ceil(n / 8)
  const grid = [0, max / 2, max].map((g) => html`<line class="grid" x1="${L}" x2="${W - R}" y1="${y(g).toFixed(1)}" y2="${y(g).toFixed(1)}"></line><text class="axis" x="${L - 6}" y="${(y(g) + 4).toFixed(1)}" text-anchor="end">${fmtNum(g)}</text>`)
  const bars = o.categories.map((cat, i) => html`<g>${o.series.map((s, j) => {
    const v = s.values[i]
    if (v === null || v === undefined) return ''
    const x = L + i * slot + slot * 0.1 + j * barW
    const h = Math.max(v > 0 ? 1 : 0, (v / max) * plotH)
    return html`<rect class="s${j}" x="${x.toFixed(1)}" y="${(T + plotH - h).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${cat}, ${s.label}: ${fmt(v)}</title></rect>`
  })}${i % every === 0 ? html`<text class="axis" x="${(L + i * slot + slot / 2).toFixed(1)}" y="${H - B + 16}" text-anchor="middle">${cat}</text>` : ''}</g>`)
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
    urgent: { count: number; medianClaimMinutes: number | null; maxClaimMinutes: number | null; items: { id: number; createdAt: string; claimMinutes: number | null }[] }
  }
  members: { weekStart: string; joined: number; posting: number; returning: number }[]
}

const waitingWords = (h: number) => (h < 1 ? 'under an hour' : h < 48 ? plural(h, 'hour') : plural(Math.floor(h / 24), 'day'))

export function healthPage(pc: PageCtx, c: Ref, d: HealthView, isLead: boolean) {
  const weeks = d.firstReply.map((w) => `w/c ${shortDate(w.weekStart)}`)
  const u = d.queue.urgent
  const main = html`${breadcrumbs(isLead ? [{ href: `/c/${c.slug}`, label: c.name }, { href: `/c/${c.slug}/lead`, label: 'Lead settings' }, { label: 'Health' }] : [{ href: `/c/${c.slug}`, label: c.name }, { label: 'Health' }])}
${isLead ? leadNav(c, 'health') : ''}
<h1>Health of ${c.name}</h1>
<p class="meta">Figures as of ${time(d.generatedAt)}. Weeks start on Monday (UTC).</p>

<section aria-labelledby="unanswered-h" class="dash">
<h2 id="unanswered-h">Waiting for a first reply</h2>
<p class="lede">No one should post into silence. ${d.unanswered.count === 0 ? 'Every thread has a reply.' : `${plural(d.unanswered.count, 'thread has', 'threads have')} no reply yet, oldest first:`}</p>
${d.unanswered.oldest.length ? html`<ol class="unanswered">${d.unanswered.oldest.map((t) => html`<li><a href="/t/${t.threadId}">${t.title}</a> <span class="meta">waiting ${waitingWords(t.waitingHours)} · posted ${time(t.createdAt)}</span> <a href="/t/${t.threadId}/reply" class="reply-link">Reply<span class="vh"> to ${t.title}</span></a></li>`)}</ol>` : ''}
</section>

<section aria-labelledby="reply-h" class="dash">
<h2 id="reply-h">Time to first reply, per week</h2>
${barChart({
    id: 'chart-reply', title: 'Median and 90th-percentile time to first reply, in minutes, per week',
    desc: `Weekly bars for the ${d.firstReply.length} weeks from ${shortDate(d.firstReply[0]?.weekStart ?? d.generatedAt)}.`,
    categories: weeks, unit: 'minutes', format: duration,
    series: [{ label: 'Median', values: d.firstReply.map((w) => w.medianMinutes) }, { label: '90th percentile', values: d.firstReply.map((w) => w.p90Minutes) }],
  })}
<p class="meta">${plural(d.firstReply.reduce((s, w) => s + w.threads, 0), 'thread')} started in these weeks; ${d.firstReply.reduce((s, w) => s + w.answered, 0)} have a reply.</p>
</section>

<section aria-labelledby="queue-h" class="dash">
<h2 id="queue-h">Review queue</h2>
${barChart({
    id: 'chart-queue', title: 'Review items opened and cleared per day',
    desc: `Daily bars for the ${d.queue.daily.length} days to ${d.queue.daily.length ? shortDate(d.queue.daily[d.queue.daily.length - 1]!.date) : ''}.`,
    categories: d.queue.daily.map((x) => shortDate(x.date)), unit: 'items',
    series: [{ label: 'Opened', values: d.queue.daily.map((x) => x.opened) }, { label: 'Cleared', values: d.queue.daily.map((x) => x.cleared) }],
  })}
<h3 id="reason-h">Time to claim and resolve, by reason</h3>
${d.queue.byReason.length === 0 ? html`<p>No review items in this period.</p>` : html`${barChart({
    id: 'chart-reason', title: 'Median minutes to claim and to resolve, by reason',
    desc: `Bars for ${plural(d.queue.byReason.length, 'reason')}.`, unit: 'minutes', format: duration,
    categories: d.queue.byReason.map((r) => reasonWords(r.reason)),
    series: [{ label: 'Median to claim', values: d.queue.byReason.map((r) => r.medianClaimMinutes) }, { label: 'Median to resolve', values: d.queue.byReason.map((r) => r.medianResolveMinutes) }],
  })}
<p class="meta">${d.queue.byReason.map((r) => `${reasonWords(r.reason)}: ${r.opened} opened, ${r.resolved} resolved`).join(' · ')}</p>`}
<h3 id="urgent-h">Urgent crisis items</h3>
${u.count === 0 ? html`<p>No urgent items in this period.</p>` : html`<p>${plural(u.count, 'urgent item')}. Median time to claim: <strong>${duration(u.medianClaimMinutes)}</strong>; longest: <strong>${duration(u.maxClaimMinutes)}</strong>.</p>
${barChart({
    id: 'chart-urgent', title: 'Minutes to claim each urgent item',
    desc: `One bar per urgent item, oldest first.`, unit: 'minutes', format: (n) => (n === null ? 'not claimed yet' : duration(n)),
    categories: u.items.map((i) => `#${i.id}`),
    series: [{ label: 'Time to claim', values: u.items.map((i) => i.claimMinutes) }],
  })}`}
</section>

<section aria-labelledby="members-h" class="dash">
<h2 id="members-h">Members, per week</h2>
${barChart({
    id: 'chart-members', title: 'Members joining, posting and returning, per week',
    desc: 'Returning members posted this week and had posted before it.', categories: d.members.map((w) => `w/c ${shortDate(w.weekStart)}`), unit: 'members',
    series: [{ label: 'Joined', values: d.members.map((w) => w.joined) }, { label: 'Posting', values: d.members.map((w) => w.posting) }, { label: 'Returning', values: d.members.map((w) => w.returning) }],
  })}
</section>`
  return layout(pc, { title: `Health: ${c.name}`, section: isLead ? 'lead' : 'moderation', community: c, main })
}

import { WARNING_CATEGORIES } from '../../server/services/community-settings.ts'
import type { CrisisResource } from '../../server/services/communities.ts'
import { TIME_ZONES, type ReadingPrefs } from '../../server/services/preferences.ts'
import { attr, html, raw } from '../html.ts'
import { REPORT_REASON_LABELS } from '../../server/services/words.ts'
import {
  crisisList,
  csrfField,
  errorSummary,
  layout,
  plural,
  textArea,
  textField,
  time,
  WARNING_LABELS,
  type FormError,
  type PageCtx,
  type Values,
} from './layout.ts'

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? ''

export interface HomeCommunity {
  slug: string
  name: string
  description: string
  memberCount: number
  threadCount: number
  lastActivityAt: string | null
  isMember: boolean
  canRead: boolean
  latest?: { id: number; title: string }
}

const intro = html`<section class="intro" aria-labelledby="intro-h">
<h2 id="intro-h">New here?</h2>
<p>Alongside is a place to talk with people who have lived through the same things: grief, addiction and recovery, disability and chronic illness, caring for \
someone. It is peer support, not therapy and not an emergency service.</p>
<p><a href="/about">What Alongside is, and is not</a></p>
</section>`

export function homePage(pc: PageCtx, communities: HomeCommunity[]) {
  const main = html`<h1>Communities</h1>
<p class="lede">Talk with people who understand, at your own pace. Everyone here uses a pseudonym.</p>
${pc.actor ? '' : intro}
<ul class="cards">
${communities.map(
  (c) => html`<li class="card">
<h2><a href="/c/${c.slug}">${c.name}</a></h2>
<p>${c.description}</p>
<p class="meta">${plural(c.memberCount, 'member')} · ${plural(c.threadCount, 'thread')}${
    c.lastActivityAt
      ? html` · last \
active ${time(c.lastActivityAt)}`
      : ''
  }${c.isMember ? html` · <strong>You are a member</strong>` : ''}</p>
${c.latest ? html`<p class="meta">Latest: <a href="/t/${c.latest.id}">${c.latest.title}</a></p>` : ''}
</li>`,
)}
</ul>`
  return layout(pc, { title: 'Communities', section: 'home', main })
}

export function aboutPage(pc: PageCtx, resources: CrisisResource[]) {
  const main = html`<h1>About Alongside</h1>
<p class="lede">Alongside is a forum where people support each other through hard things: grief, addiction and recovery, disability and chronic illness, and \
caring for someone.</p>
<h2>What Alongside is</h2>
<ul>
<li><strong>Peer support.</strong> The people who reply have lived through something similar. They share experience, not expertise.</li>
<li><strong>Asynchronous.</strong> Replies may take hours. Post when you can; read when you are ready.</li>
<li><strong>Moderated.</strong> Trained volunteer moderators keep each community safe, and each community has its own guidelines.</li>
<li><strong>Pseudonymous.</strong> Others see only your handle. Your email, if you give one, is never shown.</li>
<li><strong>Yours to control.</strong> Posts about hard topics carry content warnings, and you choose in your settings whether they are collapsed, hidden or \
shown.</li>
</ul>
<h2 id="your-data">Your data, and leaving</h2>
<ul>
<li><strong>Take a copy.</strong> <a href="/settings/account">Your account and data\
</a> gives you a zip of everything Alongside holds about you: your account, memberships, posts with every revision, the reports you made, your conversations \
with moderators, notifications and preferences.</li>
<li><strong>Delete your account.</strong> On the same page, with your password. You choose whether the text of all your posts is erased (a placeholder stays, \
so the conversations around them still read) or your posts stay under “a former member”. Either way your handle, e-mail address, sessions, preferences and \
notifications are deleted at once, and erasing thousands of posts finishes within minutes. The moderation log keeps a number in place of your name; reports \
and moderators' check-ins about your posts stay for the moderators, without your handle.</li>
</ul>
<h2>What Alongside is not</h2>
<ul>
<li><strong>Not therapy</strong> and not medical, legal or financial advice.</li>
<li><strong>Not an emergency service.</strong> Nobody watches posts in real time. If you might act on thoughts of ending your life, or you are in danger now, \
contact a crisis line or your local emergency number.</li>
</ul>
<h2 id="crisis">Crisis support, any time</h2>
${crisisList(resources)}
<p>The <a href="/crisis">Crisis support</a> link at the top of every page leads here.</p>
${pc.actor ? '' : html`<p><a class="button" href="/register">Create an account</a> <a href="/">Browse the communities first</a></p>`}`
  return layout(pc, { title: 'About Alongside', section: 'about', main })
}

export function crisisPage(pc: PageCtx, resources: CrisisResource[], community?: { slug: string; name: string }) {
  const main = html`<h1>Crisis support${community ? html` for ${community.name}` : ''}</h1>
<p class="lede">If you are in danger now, call your local emergency number. If you are thinking about ending your life, or you are worried about someone, you \
can talk to someone right now. These services are free and confidential.</p>
${crisisList(resources)}
<p>Alongside is peer support, not an emergency service: people here may not see a post for hours.</p>
${community ? html`<p><a href="/c/${community.slug}">Back to ${community.name}</a></p>` : html`<p><a href="/">Back to the communities</a></p>`}`
  return layout(pc, { title: 'Crisis support', section: 'crisis', community, main })
}

export function loginPage(pc: PageCtx, values: Values, err?: FormError) {
  const labels = { handle: 'Handle', password: 'Password' }
  const main = html`<h1>Log in</h1>
${errorSummary(err, labels)}
<form method="post" action="/login" class="stack" novalidate>
${csrfField(pc)}
<input type="hidden" name="next" value="${str(values.next)}">
${textField({ name: 'handle', label: 'Handle', value: str(values.handle), err, autocomplete: 'username', required: true })}
${textField({ name: 'password', label: 'Password', type: 'password', err, autocomplete: 'current-password', required: true })}
<button type="submit">Log in</button>
</form>
<p><a href="/forgot-password">Forgot your password?</a></p>
<p>New to Alongside? <a href="/register">Create an account</a>.</p>`
  return layout(pc, { title: err ? 'Error: Log in' : 'Log in', section: 'login', main })
}

export function registerPage(pc: PageCtx, values: Values, err?: FormError) {
  const labels = { handle: 'Handle', password: 'Password', email: 'Email' }
  const main = html`<h1>Create an account</h1>
<p class="lede">Choose a handle: it is the only thing other members see. You do not need to use your real name.</p>
${errorSummary(err, labels)}
<form method="post" action="/register" class="stack" novalidate>
${csrfField(pc)}
<input type="hidden" name="timeZone" value="" data-browser-zone>
<input type="hidden" name="next" value="${str(values.next)}">
${textField({
  name: 'handle',
  label: 'Handle',
  value: str(values.handle),
  err,
  autocomplete: 'username',
  required: true,
  hint: '3 to 30 letters, digits, _ or -.',
  maxlength: 30,
})}
${textField({
  name: 'password',
  label: 'Password',
  type: 'password',
  err,
  autocomplete: 'new-password',
  required: true,
  hint: 'At least 10 characters. A short sentence works well.',
})}
${textField({
  name: 'email',
  label: 'Email',
  type: 'email',
  value: str(values.email),
  err,
  autocomplete: 'email',
  hint: 'Optional, for recovering your account. Never shown to anyone.',
})}
<button type="submit">Create account</button>
</form>
<p>Already have an account? <a href="/login">Log in</a>.</p>
<script src="/static/zone.js" defer></script>`
  return layout(pc, { title: err ? 'Error: Create an account' : 'Create an account', section: 'register', main })
}

const DISPLAY_LABELS = { collapsed: 'Collapsed behind a warning (default)', hidden: 'Hidden, with a one-line notice', shown: 'Shown' } as const

export function settingsPage(pc: PageCtx, prefs: ReadingPrefs, err?: FormError) {
  const main = html`<h1>Reading preferences</h1>
<p class="lede">Choose how posts with each kind of content warning are shown to you. If a post has several warnings, the most careful choice applies.</p>
<p>Your e-mail address, what we e-mail you, your password and moderator duty are on the <a href="/settings/email">e-mail and account</a> page. \
<a href="/settings/blocks">Members you blocked</a>.</p>
<p>A private check-in every few weeks on how you are doing, seen by you alone: <a href="/me/check-ins">your check-ins</a>.</p>
<p>Download your data, see where you are signed in, or delete your account on <a href="/settings/account">your account and data</a>.</p>
${errorSummary(err, {})}
<form method="post" action="/settings" class="stack">
${csrfField(pc)}
${WARNING_CATEGORIES.map(
  (c) => html`<fieldset class="pref" id="f-${c}">
<legend>Posts about ${WARNING_LABELS[c]}</legend>
${(['collapsed', 'hidden', 'shown'] as const).map(
  (d) => html`<div class="check">\
<input type="radio" id="pref-${c}-${d}" name="${c}" value="${d}"${attr('checked', prefs[c] === d)}><label for="pref-${c}-${d}">${DISPLAY_LABELS[d]}</label>\
</div>`,
)}
</fieldset>`,
)}
<button type="submit">Save preferences</button>
</form>
<h2 id="zone-h">Time zone</h2>
<form method="post" action="/settings/time-zone" class="stack" aria-labelledby="zone-h">
${csrfField(pc)}
<div class="field">
<label for="f-timeZone">Show times in</label>
<p class="hint" id="f-timeZone-hint">Times read as “today at 14:05”; point at one for the exact \
date.${pc.actor?.timeZone ? '' : ' You have not chosen one yet: times are in UTC.'}</p>
<select id="f-timeZone" name="timeZone" aria-describedby="f-timeZone-hint"${pc.actor?.timeZone ? '' : html` data-browser-zone`}>
${(pc.actor?.timeZone && !TIME_ZONES.includes(pc.actor.timeZone) ? [pc.actor.timeZone, ...TIME_ZONES] : TIME_ZONES).map(
  (z) => html`<option \
value="${z}"${attr('selected', (pc.actor?.timeZone ?? 'UTC') === z)}>${z.replace(/_/g, ' ')}</option>`,
)}
</select>
</div>
<button type="submit">Save time zone</button>
</form>
<script src="/static/zone.js" defer></script>`
  return layout(pc, { title: 'Reading preferences', section: 'settings', main })
}

export function errorPage(pc: PageCtx, status: number, message: string, opts: { loginNext?: string; typed?: { label: string; text: string }[] } = {}) {
  const titles: Record<number, string> = {
    400: 'Something needs checking',
    401: 'Please log in',
    403: 'You cannot do that here',
    404: 'Page not found',
    409: 'Something changed',
    413: 'That is too long',
    429: 'Please wait a moment',
  }
  const title = titles[status] ?? 'Something went wrong'
  const main = html`<h1>${title}</h1>
<p class="lede">${message}</p>
${
  opts.typed && opts.typed.length > 0
    ? html`<section aria-labelledby="typed-h" class="typed">
<h2 id="typed-h">What you wrote</h2>
<p>Nothing was posted, but your words are here so you can copy them.</p>
${opts.typed.map(
  (t, i) => html`<div class="field"><label for="typed-${i}">${t.label}</label><textarea id="typed-${i}" readonly rows="6">${t.text}</textarea>\
</div>`,
)}
</section>`
    : ''
}
<ul>
${opts.loginNext ? html`<li><a href="/login?next=${encodeURIComponent(opts.loginNext)}">Log in</a></li>` : ''}
<li><a href="/">Go to the communities</a></li>
<li><a href="/crisis">Crisis support</a>, if you need someone to talk to now</li>
</ul>`
  return layout(pc, { title, main })
}

export { REPORT_REASON_LABELS }

export function reportPage(
  pc: PageCtx,
  o: {
    threadId: number
    postId: number
    community: { slug: string; name: string }
    rules: { id: number; position: number; title: string }[]
    /** The guidelines members accepted when they joined, quoted as they read them. */
    guidelines?: { version: number; html: string } | null
    values?: Values
    err?: FormError
  },
) {
  const v = o.values ?? {}
  const reason = typeof v.reason === 'string' ? v.reason : ''
  const fe = (name: string) => o.err?.fields?.[name]
  // Each problem is said at its field too, and the field points to it (aria-describedby).
  const errorAt = (name: string, label: string) =>
    fe(name) ? html`<p class="error" id="f-${name}-error"><span class="vh">Error: </span>${label} ${fe(name)}</p>` : ''
  const main = html`<h1>Report a post</h1>
<p class="lede">Tell the moderators of ${o.community.name} what is wrong. The person who wrote it is never told who reported it.</p>
${errorSummary(o.err, { reason: 'Reason', ruleId: 'Guideline', note: 'Note' })}
<form method="post" action="/t/${o.threadId}/p/${o.postId}/report" novalidate>
${csrfField(pc)}
<fieldset id="f-reason"${fe('reason') ? html` aria-describedby="f-reason-error"` : ''}>
<legend>Why are you reporting it?</legend>
${errorAt('reason', 'Reason')}
${Object.entries(REPORT_REASON_LABELS).map(
  ([value, label]) => html`<div class="check">\
<input type="radio" id="reason-${value}" name="reason" value="${value}"${attr('checked', reason === value)}><label for="reason-${value}">${label}</label>\
</div>`,
)}
</fieldset>
<div class="field${fe('ruleId') ? ' has-error' : ''}">
<label for="f-ruleId">Which guideline? (if it breaks one)</label>
${errorAt('ruleId', 'Guideline')}
<select id="f-ruleId" name="ruleId"${fe('ruleId') ? html` aria-describedby="f-ruleId-error" aria-invalid="true"` : ''}>
<option value="">Choose a guideline</option>
${o.rules.map((r) => html`<option value="${String(r.id)}"${attr('selected', v.ruleId === String(r.id))}>${String(r.position)}. ${r.title}</option>`)}
</select>
</div>
${
  o.guidelines
    ? html`<details class="guidelines"><summary>The guidelines members of ${o.community.name} accepted</summary>\
<div class="prose">${raw(o.guidelines.html)}</div></details>`
    : ''
}
${textArea({
  name: 'note',
  label: 'Anything the moderators should know? (needed for "Something else")',
  value: typeof v.note === 'string' ? v.note : '',
  err: o.err,
  rows: 4,
  optional: true,
})}
<p class="hint">If you think someone is in danger right now, contact your local emergency number. The <a href="/c/${o.community.slug}/crisis">crisis lines\
</a> can also advise you on how to help.</p>
<button type="submit">Send report</button>
</form>
<p><a href="/t/${o.threadId}">Back to the thread</a></p>`
  return layout(pc, { title: o.err ? 'Error: Report a post' : 'Report a post', community: o.community, main })
}

export function checkInPage(
  pc: PageCtx,
  c: {
    checkInId: number
    community: { slug: string; name: string }
    messages: { from: string; fromModerator: boolean; body: string; createdAt: string | null }[]
  },
  o: { values?: Values; err?: FormError } = {},
) {
  const main = html`<h1>Messages with the moderators of ${c.community.name}</h1>
<p class="lede">Only you and the moderators of ${c.community.name} can read this conversation.</p>
<ol class="conversation">
${c.messages.map(
  (m) => html`<li class="${m.fromModerator ? 'from-mod' : 'from-me'}"><p class="meta"><strong>${m.from}</strong> · ${time(m.createdAt)}</p>\
<p class="msg">${m.body}</p></li>`,
)}
</ol>
${errorSummary(o.err, { body: 'Your reply' })}
<form method="post" action="/check-ins/${String(c.checkInId)}" novalidate>
${csrfField(pc)}
${textArea({ name: 'body', label: 'Your reply', value: typeof o.values?.body === 'string' ? o.values.body : '', err: o.err, rows: 5 })}
<button type="submit">Send reply</button>
</form>
<p>If you might act on thoughts of ending your life, or you are in danger now, please contact a <a href="/c/${c.community.slug}/crisis">crisis line\
</a> right away.</p>`
  return layout(pc, { title: 'Messages with the moderators', section: 'notifications', community: c.community, main })
}

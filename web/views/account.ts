import { attr, html } from '../html.ts'
import type { SessionView } from '../../server/services/sessions.ts'
import { csrfField, errorSummary, layout, textField, time, type FormError, type PageCtx } from './layout.ts'

export interface AccountPageView {
  sessions: SessionView[]
  settings: { idleTimeoutMinutes: number | null; profileVisibility: string }
  /** Which deletion choice to show ticked after an error. */
  mode?: string
}

const IDLE_LABELS: [string, string][] = [
  ['', 'Never: stay signed in for 30 days'],
  ['15', 'After 15 minutes'],
  ['60', 'After 1 hour'],
  ['480', 'After 8 hours'],
  ['1440', 'After 1 day'],
  ['10080', 'After 1 week'],
]
const VISIBILITY_LABELS: [string, string, string][] = [
  ['everyone', 'Everyone', 'Anyone on the web, signed in or not.'],
  ['members', 'Members only', 'People signed in to Alongside.'],
  ['nobody', 'No one', 'Your profile page is not shown. Your posts still show your handle.'],
]

function sessionsSection(pc: PageCtx, sessions: SessionView[]) {
  const others = sessions.filter((s) => !s.current).length
  return html`<section aria-labelledby="h-sessions">
<h2 id="h-sessions">Where you are signed in</h2>
<ul class="sessions">
${sessions.map(
  (s) => html`<li>
<p><strong>${s.device}</strong>${s.current ? html` <span class="tag">This device</span>` : ''}</p>
<p class="meta">Signed in ${time(s.createdAt)} · last used ${time(s.lastUsedAt)}</p>
${
  s.current
    ? ''
    : html`<form method="post" action="/settings/account/sessions/${s.id}/sign-out">${csrfField(pc)}<button type="submit" class="secondary">Sign out\
<span class="vh"> ${s.device}, signed in ${s.createdAt.slice(0, 10)}</span></button></form>`
}
</li>`,
)}
</ul>
${
  others > 0
    ? html`<form method="post" action="/settings/account/sessions/sign-out-others">${csrfField(pc)}<button type="submit">Sign out everywhere else</button>\
</form>`
    : html`<p>You are signed in on this device only.</p>`
}
</section>`
}

function settingsSection(pc: PageCtx, v: AccountPageView) {
  const idle = v.settings.idleTimeoutMinutes === null ? '' : String(v.settings.idleTimeoutMinutes)
  return html`<section aria-labelledby="h-privacy">
<h2 id="h-privacy">Privacy and signing in</h2>
<form method="post" action="/settings/account/settings" class="stack">
${csrfField(pc)}
<div class="field">
<label for="f-idleTimeoutMinutes">Sign me out when I have not used Alongside for a while</label>
<p class="hint" id="f-idleTimeoutMinutes-hint">Useful on a shared computer. It applies to every device you are signed in on.</p>
<select id="f-idleTimeoutMinutes" name="idleTimeoutMinutes" aria-describedby="f-idleTimeoutMinutes-hint">
${IDLE_LABELS.map(([value, label]) => html`<option value="${value}"${attr('selected', idle === value)}>${label}</option>`)}
</select>
</div>
<fieldset id="f-profileVisibility">
<legend>Who can see <a href="/u/${pc.actor?.handle ?? ''}">your profile page</a></legend>
<p class="hint">Your profile shows your handle, when you joined, your communities and your recent posts, each only to people who can read that community.</p>
${VISIBILITY_LABELS.map(
  ([value, label, hint]) =>
    html`<div class="check with-hint"><input type="radio" id="vis-${value}" name="profileVisibility" value="${value}" \
aria-describedby="vis-${value}-hint"${attr('checked', v.settings.profileVisibility === value)}><label for="vis-${value}">${label}</label>
<p class="hint" id="vis-${value}-hint">${hint}</p></div>`,
)}
</fieldset>
<button type="submit">Save</button>
</form>
</section>`
}

/** Your account and data: download it, delete it. */

const ERASE_HINT = 'Each post is replaced by a “deleted” placeholder, so the conversations around them still read. Threads you started lose their titles.'
export function accountPage(pc: PageCtx, v: AccountPageView, err?: FormError) {
  const radio = (value: string, label: string, hint: string) =>
    html`<div class="check with-hint"><input type="radio" id="mode-${value}" name="mode" value="${value}" \
aria-describedby="mode-${value}-hint"${attr('checked', v.mode === value)}><label for="mode-${value}">${label}</label>
<p class="hint" id="mode-${value}-hint">${hint}</p></div>`
  const main = html`<h1>Your account and data</h1>
<p class="lede">See where you are signed in, choose who sees your profile, take a copy of everything Alongside holds about you, or delete your account.</p>
${errorSummary(err, { password: 'Password', mode: 'What happens to your posts', idleTimeoutMinutes: 'Sign-out time', profileVisibility: 'Profile visibility' })}
${sessionsSection(pc, v.sessions)}
${settingsSection(pc, v)}
<section aria-labelledby="h-export">
<h2 id="h-export">Download your data</h2>
<p>A zip file with your account, memberships, posts with every revision, the reports you made, your conversations with moderators, your notifications and \
your preferences, as JSON, plus each post as a Markdown file. Reports other people made are theirs and are not included.</p>
<form method="post" action="/settings/account/export">
${csrfField(pc)}
<button type="submit">Download my data</button>
</form>
</section>
<section aria-labelledby="h-delete">
<h2 id="h-delete">Delete your account</h2>
<p>This cannot be undone. At once: your handle, e-mail address, sessions, preferences and notifications are deleted, and you leave every community. The \
moderation log keeps a number in place of your name. Reports and moderators' check-ins about your posts stay for the moderators, without your handle.</p>
<form method="post" action="/settings/account/delete" class="stack" novalidate>
${csrfField(pc)}
<fieldset id="f-mode">
<legend>What happens to your posts</legend>
${radio('erase', 'Erase the text of all my posts', ERASE_HINT)}
${radio('keep', 'Keep my posts, under “a former member”', 'Your words stay for the people you talked with, with no name on them.')}
</fieldset>
${textField({
  name: 'password',
  label: 'Your password',
  type: 'password',
  err,
  autocomplete: 'current-password',
  required: true,
  hint: 'To be sure it is you.',
})}
<button type="submit" class="danger">Delete my account</button>
</form>
</section>`
  return layout(pc, { title: 'Your account and data', section: 'settings', main })
}

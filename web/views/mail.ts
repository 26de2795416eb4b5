import type { DutyView } from '../../server/services/duty.ts'
import type { EmailPrefs } from '../../server/mail/preferences.ts'
import { DAYS } from '../../server/mail/rota.ts'
import { attr, html } from '../html.ts'
import { csrfField, errorSummary, layout, textField, type FormError, type PageCtx } from './layout.ts'

/** A short page: a heading, a sentence or two, and perhaps a link onward. */
export function messagePage(pc: PageCtx, title: string, text: string, link?: { href: string; label: string }) {
  const main = html`<h1>${title}</h1>
<p>${text}</p>
${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}`
  return layout(pc, { title, main })
}

export function forgotPasswordPage(pc: PageCtx, values: { email?: string }, err?: FormError) {
  const main = html`<h1>Reset your password</h1>
<p class="lede">Enter the e-mail address of your account. If an account has it, we will send a link to choose a new password. The link works for 30 minutes.</p>
${errorSummary(err, { email: 'Email' })}
<form method="post" action="/forgot-password" class="stack" novalidate>
${csrfField(pc)}
${textField({ name: 'email', label: 'Email', type: 'email', value: values.email ?? '', err, autocomplete: 'email', required: true })}
<button type="submit">Send the link</button>
</form>
<p>Accounts without an e-mail address cannot be reset by e-mail; a site admin can help.</p>`
  return layout(pc, { title: err ? 'Error: Reset your password' : 'Reset your password', section: 'login', main })
}

export function resetPasswordPage(pc: PageCtx, token: string, err?: FormError) {
  const main = html`<h1>Choose a new password</h1>
<p class="lede">After this, every device signed in to your account is signed out, and you sign in again with the new password.</p>
${errorSummary(err, { password: 'New password' })}
<form method="post" action="/reset/${token}" class="stack" novalidate>
${csrfField(pc)}
${textField({
  name: 'password',
  label: 'New password',
  type: 'password',
  err,
  autocomplete: 'new-password',
  required: true,
  hint: 'At least 10 characters. A short sentence works well.',
})}
<button type="submit">Save the new password</button>
</form>`
  return layout(pc, { title: err ? 'Error: Choose a new password' : 'Choose a new password', section: 'login', main })
}

/** A button, not an automatic action: a mail scanner that opens links must not use up the link. */
export function confirmLinkPage(pc: PageCtx, o: { title: string; text: string; action: string; button: string; oneClick?: boolean }) {
  const main = html`<h1>${o.title}</h1>
<p>${o.text}</p>
<form method="post" action="${o.action}" class="stack">
${o.oneClick ? '' : csrfField(pc)}
<button type="submit">${o.button}</button>
</form>`
  return layout(pc, { title: o.title, main })
}

const DAY_LABELS: Record<(typeof DAYS)[number], string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
}

export interface EmailSettingsView {
  email: string | null
  verified: boolean
  preferences: EmailPrefs
  duty?: DutyView
}

/** Where the moderator stands now: on duty in or out of their rota, or off duty. */
function dutyWords(d: { onDutyNow: boolean; onDuty: boolean }): string {
  if (d.onDutyNow) return 'You are on duty now: an urgent post in a community you moderate is e-mailed to you at once.'
  return d.onDuty ? 'You are on duty, but outside your rota right now.' : 'You are off duty: urgent alerts are not e-mailed to you.'
}
export function emailSettingsPage(pc: PageCtx, v: EmailSettingsView, err?: FormError, values: Record<string, string> = {}) {
  const p = v.preferences
  const q = p.quietHours
  const d = v.duty
  const slot = d?.rota?.slots[0]
  // After a refused form, what was submitted (values holds every field of that form), else what is stored.
  const sent = (field: string) => values[field] !== undefined
  const replies = sent('replies') ? values.replies === 'on' : p.replies
  const checkIns = sent('checkIns') ? values.checkIns === 'on' : p.checkIns
  const digest = sent('digest') ? values.digest : p.digest
  const onDuty = sent('onDuty') ? values.onDuty === 'on' : !!d?.onDuty
  const rotaDays: string[] = sent('rotaDays') ? values.rotaDays!.split(',') : (slot?.days ?? [])
  const main = html`<h1>E-mail and account</h1>
<p class="lede">E-mails from Alongside never contain what anyone wrote, thread titles or handles: only a link. Everything is off until you turn it on.</p>
${errorSummary(err, {
  email: 'New e-mail address',
  currentPassword: 'Current password',
  newPassword: 'New password',
  alertEmail: 'Alert address',
  quietHours: 'Quiet hours',
  rota: 'Rota',
})}

<section aria-labelledby="h-address">
<h2 id="h-address">Your address</h2>
<p>${
    v.email
      ? html`Your address is <strong>${v.email}</strong> \
(${v.verified ? 'confirmed' : 'not confirmed yet'}).`
      : 'Your account has no e-mail address, so it cannot be recovered by e-mail.'
  }</p>
${
  v.email && !v.verified
    ? html`<form method="post" action="/settings/email/verify" class="stack">${csrfField(pc)}<button type="submit">Send a confirmation \
link</button></form>`
    : ''
}
<form method="post" action="/settings/email/address" class="stack" novalidate>
${csrfField(pc)}
${textField({
  name: 'email',
  label: 'New e-mail address',
  type: 'email',
  value: values.email ?? '',
  err,
  autocomplete: 'email',
  required: true,
  hint: v.email ? 'It takes effect when you open the link we send to it; your old address is told.' : 'We send a link to confirm it.',
})}
${textField({ name: 'currentPassword', label: 'Current password', type: 'password', err, autocomplete: 'current-password', required: true })}
<button type="submit">Change address</button>
</form>
</section>

<section aria-labelledby="h-mail">
<h2 id="h-mail">What we e-mail you</h2>
<form method="post" action="/settings/email/preferences" class="stack">
${csrfField(pc)}
<fieldset>
<legend>Send me an e-mail when</legend>
<div class="check"><input type="checkbox" id="pref-replies" name="replies" value="on"${attr('checked', replies)}>\
<label for="pref-replies">someone replies to my thread or answers my post</label></div>
<div class="check"><input type="checkbox" id="pref-checkins" name="checkIns" value="on"${attr('checked', checkIns)}>\
<label for="pref-checkins">a moderator writes to me</label></div>
</fieldset>
<fieldset>
<legend>A summary instead</legend>
${(['off', 'daily', 'weekly'] as const).map(
  (x) => html`<div class="check">\
<input type="radio" id="digest-${x}" name="digest" value="${x}"${attr('checked', digest === x)}>\
<label for="digest-${x}">${x === 'off' ? 'No summary' : x === 'daily' ? 'Once a day' : 'Once a week'}</label></div>`,
)}
</fieldset>
<fieldset id="f-quietHours">
<legend>Quiet hours (optional)</legend>
<p class="hint">Mail that would arrive in these hours waits until they end.</p>
${textField({ name: 'quietStart', label: 'From (HH:MM)', value: values.quietStart ?? q?.start ?? '' })}
${textField({ name: 'quietEnd', label: 'Until (HH:MM)', value: values.quietEnd ?? q?.end ?? '' })}
${textField({ name: 'quietZone', label: 'Time zone', value: values.quietZone ?? q?.timeZone ?? '', hint: 'For example Europe/London or America/Chicago.' })}
</fieldset>
<button type="submit">Save mail preferences</button>
</form>
</section>

<section aria-labelledby="h-password">
<h2 id="h-password">Password</h2>
<form method="post" action="/settings/password" class="stack" novalidate>
${csrfField(pc)}
${textField({ name: 'currentPassword', label: 'Current password', type: 'password', err, autocomplete: 'current-password', required: true })}
${textField({
  name: 'newPassword',
  label: 'New password',
  type: 'password',
  err,
  autocomplete: 'new-password',
  required: true,
  hint: 'At least 10 characters. Your other devices are signed out.',
})}
<button type="submit">Change password</button>
</form>
</section>
${
  d
    ? html`
<section aria-labelledby="h-duty">
<h2 id="h-duty">On duty for urgent alerts</h2>
<p>${dutyWords(d)}
${
  d.alertEmail
    ? html` Alerts go to <strong>${d.alertEmail}</strong> \
(${d.alertEmailVerified ? 'confirmed' : 'waiting for you to open the link we sent'}).`
    : ' Alerts go to your confirmed account address.'
}</p>
<form method="post" action="/settings/duty" class="stack" novalidate>
${csrfField(pc)}
<div class="check"><input type="checkbox" id="duty-on" name="onDuty" value="on"${attr('checked', onDuty)}><label for="duty-on">I am on duty</label></div>
${textField({
  name: 'alertEmail',
  label: 'Alert address (optional)',
  type: 'email',
  value: values.alertEmail ?? d.alertEmail ?? '',
  err,
  autocomplete: 'email',
  hint: 'Leave empty to use your account address. A new address is used once you confirm it.',
})}
<fieldset id="f-rota">
<legend>Weekly rota (optional)</legend>
<p class="hint">Leave the days unticked to be on duty whenever the box above is ticked. A time range past midnight runs into the next morning.</p>
<div class="checks">${DAYS.map(
        (day) => html`<div class="check">\
<input type="checkbox" id="rota-${day}" name="rotaDays" value="${day}"${attr('checked', rotaDays.includes(day))}>\
<label for="rota-${day}">${DAY_LABELS[day]}</label></div>`,
      )}</div>
${textField({ name: 'rotaStart', label: 'From (HH:MM)', value: values.rotaStart ?? slot?.start ?? '' })}
${textField({ name: 'rotaEnd', label: 'Until (HH:MM)', value: values.rotaEnd ?? slot?.end ?? '' })}
${textField({ name: 'rotaZone', label: 'Time zone', value: values.rotaZone ?? d.rota?.timeZone ?? '', hint: 'For example Europe/London.' })}
</fieldset>
<button type="submit">Save duty</button>
</form>
</section>`
    : ''
}`
  return layout(pc, { title: err ? 'Error: E-mail and account' : 'E-mail and account', section: 'settings', main })
}

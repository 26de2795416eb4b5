import { attr, html } from '../html.ts'
import { csrfField, errorSummary, layout, textField, type FormError, type PageCtx } from './layout.ts'

export interface AccountPageView {
  /** Which deletion choice to show ticked after an error. */
  mode?: string
}

/** Your account and data: download it, delete it. */
export function accountPage(pc: PageCtx, v: AccountPageView, err?: FormError) {
  const radio = (value: string, label: string, hint: string) =>
    html`<div class="check"><input type="radio" id="mode-${value}" name="mode" value="${value}" aria-describedby="mode-${value}-hint"${attr('checked', v.mode === value)}><label for="mode-${value}">${label}</label>
<p class="hint" id="mode-${value}-hint">${hint}</p></div>`
  const main = html`<h1>Your account and data</h1>
<p class="lede">Take a copy of everything Alongside holds about you, or delete your account.</p>
${errorSummary(err, { password: 'Password', mode: 'What happens to your posts' })}
<section aria-labelledby="h-export">
<h2 id="h-export">Download your data</h2>
<p>A zip file with your account, memberships, posts with every revision, the reports you made, your conversations with moderators, your notifications and your preferences, as JSON, plus each post as a Markdown file. Reports other people made are theirs and are not included.</p>
<form method="post" action="/settings/account/export">
${csrfField(pc)}
<button type="submit">Download my data</button>
</form>
</section>
<section aria-labelledby="h-delete">
<h2 id="h-delete">Delete your account</h2>
<p>This cannot be undone. At once: your handle, e-mail address, sessions, preferences and notifications are deleted, and you leave every community. The moderation log keeps a number in place of your name. Reports and moderators' check-ins about your posts stay for the moderators, without your handle.</p>
<form method="post" action="/settings/account/delete" class="stack" novalidate>
${csrfField(pc)}
<fieldset id="f-mode">
<legend>What happens to your posts</legend>
${radio('erase', 'Erase the text of all my posts', 'Each post is replaced by a “deleted” placeholder, so the conversations around them still read. Threads you started lose their titles.')}
${radio('keep', 'Keep my posts, under “a former member”', 'Your words stay for the people you talked with, with no name on them.')}
</fieldset>
${textField({ name: 'password', label: 'Your password', type: 'password', err, autocomplete: 'current-password', required: true, hint: 'To be sure it is you.' })}
<button type="submit" class="danger">Delete my account</button>
</form>
</section>`
  return layout(pc, { title: 'Your account and data', section: 'settings', main })
}

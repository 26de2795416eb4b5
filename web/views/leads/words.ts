import { WARNING_CATEGORIES, type WarningCategory } from '../../../server/services/community-settings.ts'
import { html } from '../../html.ts'
import { csrfField, plural, WARNING_LABELS, type FormError, type PageCtx } from '../layout.ts'
import { checkbox, input, leadLayout, selectField, summary, WORD_ACTIONS, type Ref, type WordAction } from './shared.ts'

export interface WatchedWordView {
  id: number
  phrase: string
  wholeWord: boolean
  regex: boolean
  action: string
  category?: string
  message?: string
}
export interface WordValues {
  phrase: string
  wholeWord: boolean
  regex: boolean
  action: string
  category: string
  message: string
}
export interface DryRunView {
  examined: number
  matched: number
  examples: { postId: number; threadId: number; excerpt: string; match: string }[]
}
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
${
  d.words.length === 0
    ? html`<p>No watched words yet.</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="words-caption" tabindex="0">
<table class="data">
<caption id="words-caption">Watched words in ${c.name}</caption>
<thead><tr><th scope="col">Word or pattern</th><th scope="col">Matching</th><th scope="col">What happens</th><th scope="col"><span class="vh">Delete</span>\
</th></tr></thead>
<tbody>${d.words.map(
        (w) => html`<tr>
<td><code>${w.phrase}</code></td>
<td>${w.regex ? 'Regular expression' : w.wholeWord ? 'Whole word' : 'Anywhere in a word'}</td>
<td>${wordAction(w)}${w.action === 'block' && w.message ? html`<br><span class="meta">Message: ${w.message}</span>` : ''}</td>
<td><form method="post" action="/c/${c.slug}/lead/words/${w.id}/delete" class="inline">${csrfField(pc)}<button type="submit" class="secondary small">Delete\
<span class="vh"> ${w.phrase}</span></button></form></td>
</tr>`,
      )}</tbody>
</table>
</div>`
}
<h2 id="add-h">Add a watched word</h2>
${summary(err, WORD_LABELS)}
${
  dry
    ? html`<section class="callout dry-run" aria-labelledby="dry-h">
<h3 id="dry-h">Check against recent posts</h3>
<p><strong>“${v.phrase}” would have caught ${dry.matched} of the last ${plural(dry.examined, 'post')}.</strong> Nothing is saved yet.</p>
${
  dry.examples.length
    ? html`<p>Examples:</p><ul class="examples">${dry.examples.map(
        (e) => html`<li><q>${e.excerpt}</q> \
<a href="/t/${e.threadId}/p/${e.postId}">Open post<span class="vh"> ${e.postId}</span></a></li>`,
      )}</ul>`
    : ''
}
<p>If these are false alarms, change the word or its options and check again. Otherwise, save it.</p>
</section>`
    : ''
}
<form method="post" action="/c/${c.slug}/lead/words" class="stack" aria-labelledby="add-h">
${csrfField(pc)}
${input({
  name: 'phrase',
  label: WORD_LABELS.phrase,
  value: v.phrase,
  err,
  required: true,
  extra: html` \
maxlength="200"`,
  hint: 'Matched on the text with accents and look-alike letters removed.',
})}
${checkbox({ name: 'wholeWord', label: 'Whole word only (so “ass” does not match “class”)', checked: v.wholeWord })}
${checkbox({
  name: 'regex',
  label: 'Regular expression',
  checked: v.regex,
  hint: 'Patterns are checked for ones that could make the forum slow; those are refused.',
})}
${selectField({ name: 'action', label: WORD_LABELS.action, value: v.action, err, options: Object.entries(WORD_ACTIONS) })}
${selectField({
  name: 'category',
  label: WORD_LABELS.category,
  value: v.category,
  err,
  blank: 'Choose a warning',
  hint: 'Only for “Add a content warning”.',
  options: WARNING_CATEGORIES.map((w) => [w, WARNING_LABELS[w]]),
})}
${input({
  name: 'message',
  label: WORD_LABELS.message,
  value: v.message,
  err,
  extra: html` \
maxlength="500"`,
  hint: 'Only for “Block”. The writer sees this and keeps their text.',
})}
<div class="buttons">
<button type="submit" name="do" value="check" class="secondary">Check against recent posts</button>
<button type="submit" name="do" value="save">Save</button>
</div>
</form>`
  return leadLayout(pc, c, { title: `Watched words: ${c.name}`, section: '/words', main, err })
}

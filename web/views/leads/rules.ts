import { html } from '../../html.ts'
import { csrfField, type FormError, type PageCtx } from '../layout.ts'
import { checkbox, fieldErr, input, leadLayout, summary, type Ref } from './shared.ts'

export interface RuleRow {
  id?: number
  title: string
  body: string
  remove?: boolean
}

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
${rows.map(
  (r, i) => html`<fieldset class="row-set">
<legend>Rule ${i + 1}${r.title ? '' : ' (blank: fill in to add)'}</legend>
${r.id !== undefined ? html`<input type="hidden" name="id_${i}" value="${r.id}">` : ''}
${input({ name: `title_${i}`, label: 'Title', value: r.title, err, extra: html` maxlength="120"` })}
<div class="field${fieldErr(err, `body_${i}`) ? ' has-error' : ''}">
<label for="f-body_${i}">Explanation</label>
${fieldErr(err, `body_${i}`) ? html`<p class="error" id="f-body_${i}-error"><span class="vh">Error: </span>${fieldErr(err, `body_${i}`)}</p>` : ''}
<textarea id="f-body_${i}" name="body_${i}" rows="3"${
    fieldErr(err, `body_${i}`)
      ? html` aria-invalid="true" \
aria-describedby="f-body_${i}-error"`
      : ''
  }>${r.body}</textarea>
</div>
${r.title || r.body ? checkbox({ name: `remove_${i}`, label: `Remove rule ${i + 1}`, checked: !!r.remove }) : ''}
</fieldset>`,
)}
<input type="hidden" name="rows" value="${rows.length}">
<div class="buttons"><button type="submit">Save rules</button></div>
</form>`
  return leadLayout(pc, c, { title: `Rules: ${c.name}`, section: '/rules', main, err })
}

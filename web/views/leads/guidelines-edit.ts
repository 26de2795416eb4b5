import { attr, html } from '../../html.ts'
import { csrfField, type FormError, type PageCtx } from '../layout.ts'
import { fieldErr, leadLayout, summary, type Ref } from './shared.ts'

export function guidelinesEditPage(pc: PageCtx, c: Ref, d: { version: number; markdown: string }, err?: FormError) {
  const e = fieldErr(err, 'markdown')
  const main = html`<h1>Guidelines</h1>
<p class="lede">Version ${d.version} is current. When you publish, members keep reading as before, but are asked to accept the new version before their next \
post.</p>
${summary(err, { markdown: 'Guidelines' })}
<form method="post" action="/c/${c.slug}/lead/guidelines" class="stack wide-form">
${csrfField(pc)}
<div class="field${e ? ' has-error' : ''}">
<label for="f-markdown">Guidelines (Markdown)</label>
<p class="hint" id="f-markdown-hint">Headings with #, lists with -, links as [text](https://…). At least 20 characters.</p>
${e ? html`<p class="error" id="f-markdown-error"><span class="vh">Error: </span>${e}</p>` : ''}
<textarea id="f-markdown" name="markdown" rows="18" required \
aria-describedby="f-markdown-hint${e ? ' f-markdown-error' : ''}"${attr('aria-invalid="true"', !!e)}>${d.markdown}</textarea>
</div>
<div class="buttons"><button type="submit">Publish version ${d.version + 1}</button> <a href="/c/${c.slug}/guidelines/history">Version history</a></div>
</form>`
  return leadLayout(pc, c, { title: `Guidelines: ${c.name}`, section: '/guidelines', main, err })
}

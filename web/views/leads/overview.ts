import { html } from '../../html.ts'
import { csrfField, plural, type PageCtx } from '../layout.ts'
import { leadLayout, VISIBILITY_LABELS, type Ref } from './shared.ts'

export interface LeadOverview {
  community: Ref
  guidelinesVersion: number
  rules: number
  words: number
  resources: number
  staff: number
  visibility: string
  searchIndexing: boolean
}

/** Search engines: off by default; a lead may open a public community to them. */
function searchSection(pc: PageCtx, d: LeadOverview) {
  const c = d.community
  return html`<section aria-labelledby="h-search">
<h2 id="h-search">Search engines</h2>
${
  d.visibility !== 'public'
    ? html`<p>${c.name} is not public, so search engines never list its threads.</p>`
    : d.searchIndexing
      ? html`<p>Search engines may list the threads of ${c.name}. Members' posts can then be found by anyone searching the web.</p>
<form method="post" action="/c/${c.slug}/lead/search-indexing">${csrfField(pc)}<input type="hidden" name="indexable" value="false">\
<button type="submit">Keep search engines out</button></form>`
      : html`<p>Search engines are asked not to list the threads of ${c.name} (the default). Members share things here they tell nobody else: open it only if \
they expect to be found.</p>
<form method="post" action="/c/${c.slug}/lead/search-indexing">${csrfField(pc)}<input type="hidden" name="indexable" value="true">\
<button type="submit" class="secondary">Let search engines list its threads</button></form>`
}
</section>`
}

export function leadHomePage(pc: PageCtx, d: LeadOverview) {
  const c = d.community
  const main = html`<h1>Lead settings for ${c.name}</h1>
<p class="lede">Shape what ${c.name} is. Every change takes effect straight away and is written to the audit log.</p>
<ul class="cards lead-cards">
<li class="card"><h2><a href="/c/${c.slug}/lead/guidelines">Guidelines</a></h2>\
<p>Version ${d.guidelinesVersion} is current. Publishing a new version asks every member to accept it before they next post. \
<a href="/c/${c.slug}/guidelines/history">Version history</a></p></li>
<li class="card"><h2><a href="/c/${c.slug}/lead/rules">Rules</a></h2><p>${plural(d.rules, 'rule')}, used as removal and report reasons.</p></li>
<li class="card"><h2><a href="/c/${c.slug}/lead/settings">Safety settings</a></h2>\
<p>Content warnings, holds for new members, links, reports, crisis escalation. \
Visibility: ${VISIBILITY_LABELS[d.visibility as keyof typeof VISIBILITY_LABELS] ?? d.visibility}.</p></li>
<li class="card"><h2><a href="/c/${c.slug}/lead/words">Watched words</a></h2>\
<p>${plural(d.words, 'watched word')}. Try a word against recent posts before you save it.</p></li>
<li class="card"><h2><a href="/c/${c.slug}/lead/crisis">Crisis resources</a></h2><p>${plural(d.resources, 'crisis line')} shown to members in crisis.</p></li>
<li class="card"><h2><a href="/c/${c.slug}/lead/staff">Appointments</a></h2>\
<p>${plural(d.staff, 'peer supporter, moderator or lead', 'peer supporters, moderators and leads')}.</p></li>
<li class="card"><h2><a href="/c/${c.slug}/health">Health dashboard</a></h2><p>Unanswered threads, reply times, the review queue and members, week by week.\
</p></li>
</ul>
${searchSection(pc, d)}`
  return leadLayout(pc, c, { title: `Lead settings: ${c.name}`, section: '', main })
}

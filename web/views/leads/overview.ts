import { html } from '../../html.ts'
import { plural, type PageCtx } from '../layout.ts'
import { leadLayout, VISIBILITY_LABELS, type Ref } from './shared.ts'

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

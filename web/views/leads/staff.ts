import { html } from '../../html.ts'
import { csrfField, type FormError, type PageCtx } from '../layout.ts'
import { input, leadLayout, ROLE_LABELS, selectField, summary, type Ref } from './shared.ts'

export function staffPage(
  pc: PageCtx,
  c: Ref,
  d: { staff: { handle: string; role: string }[]; isAdmin: boolean; values: { handle: string; role: string } },
  err?: FormError,
) {
  const roles = d.isAdmin ? ['member', 'peer_supporter', 'moderator', 'lead'] : ['member', 'peer_supporter', 'moderator']
  const main = html`<h1>Appointments</h1>
<p class="lede">Peer supporters are marked as such to members. Moderators work the review \
queue. ${d.isAdmin ? 'As a site admin you can also appoint leads.' : 'Only site admins appoint or remove leads.'}</p>
<h2 id="staff-h">People with a role</h2>
${
  d.staff.length === 0
    ? html`<p>Nobody has a role yet.</p>`
    : html`<ul class="staff" aria-labelledby="staff-h">${d.staff.map(
        (s) => html`<li>
<span><strong>${s.handle}</strong> · ${ROLE_LABELS[s.role] ?? s.role}</span>
${
  s.role !== 'lead' || d.isAdmin
    ? html`<form method="post" action="/c/${c.slug}/lead/staff/remove" class="inline">${csrfField(pc)}<input type="hidden" \
name="handle" value="${s.handle}"><button type="submit" class="secondary small">Remove role<span class="vh"> of ${s.handle}</span></button></form>`
    : ''
}
</li>`,
      )}</ul>`
}
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

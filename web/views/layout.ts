import type { Actor } from '../../server/services/context.ts'
import { WARNING_CATEGORIES, type WarningCategory } from '../../server/services/community-settings.ts'
import type { CrisisResource } from '../../server/services/communities.ts'
import { WARNING_LABELS } from '../../server/services/words.ts'
import { attr, html, type SafeHtml } from '../html.ts'
import { contactLinks } from './contact-links.ts'
import { describeTime } from '../zone.ts'

/** What every page needs to draw its header: who is looking, their form token, their unread count. */
export interface PageCtx {
  actor?: Actor
  csrf: string
  unread: number
  path: string
  /** A short confirmation after an action, shown in the polite status region. */
  status?: string
  /** The member moderates at least one community (or is an admin): the header links to the queue. */
  moderates?: boolean
  /** The communities the member leads (every community for an admin): the header links to their settings. */
  leads?: { slug: string; name: string }[]
  /** Crisis lines waiting for this member after a crisis verdict on their post: shown once, on this page. */
  crisisSupport?: { community: { slug: string; name: string }; resources: CrisisResource[] } | null
  /** The member's own wellbeing check-in is due (issue #20). */
  checkInDue?: boolean
  /** Search engines may list this page (home, about, crisis, and an indexable community's pages); every other page says noindex. */
  indexable?: boolean
}

export interface PageOpts {
  title: string
  main: SafeHtml
  /** Which main-navigation entry this page belongs to (gets aria-current). */
  section?: 'home' | 'about' | 'crisis' | 'notifications' | 'settings' | 'login' | 'register' | 'moderation' | 'lead'
  /** On a community's pages, "Crisis support" goes to that community's resources. */
  community?: { slug: string; name: string }
  /** The search results page fills the header's search box with its query. */
  searchQuery?: string
}

const current = (on: boolean) => (on ? html` aria-current="page"` : '')

export function csrfField(pc: PageCtx) {
  return html`<input type="hidden" name="_csrf" value="${pc.csrf}">`
}

/** The search box in every page's header: a plain GET form, so it works with JavaScript off. */
export function headerSearch(q = '') {
  return html`<form class="header-search" role="search" method="get" action="/search"><label for="header-q" class="vh">Search posts</label>\
<input id="header-q" name="q" type="search" value="${q}" maxlength="200" placeholder="Search posts"><button type="submit">Search</button></form>`
}

export function layout(pc: PageCtx, o: PageOpts): string {
  const crisisHref = o.community ? `/c/${o.community.slug}/crisis` : '/crisis'
  const a = pc.actor
  const led = pc.leads ?? []
  const leadHref = led.length === 1 ? `/c/${led[0]!.slug}/lead` : '/lead'
  const account = a
    ? html`${
        led.length
          ? html`<li><a href="${leadHref}"${current(o.section === 'lead')}>Lead settings</a></li>
      `
          : ''
      }${
        pc.moderates
          ? html`<li><a href="/mod/queue"${current(o.section === 'moderation')}>Moderation</a></li>
      `
          : ''
      }<li><a href="/notifications"${current(o.section === 'notifications')}>Notifications${
        pc.unread > 0
          ? html` \
<span class="count">${pc.unread}<span class="vh"> unread</span></span>`
          : ''
      }</a></li>
      <li><a href="/settings"${current(o.section === 'settings')}>Settings</a></li>
      <li><form method="post" action="/logout" class="inline">${csrfField(pc)}<button type="submit" class="linkish">Log out \
<span class="handle">${a.handle}</span></button></form></li>`
    : html`<li><a href="/login"${current(o.section === 'login')}>Log in</a></li>
      <li><a href="/register"${current(o.section === 'register')}>Register</a></li>`
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · Alongside</title>
${pc.indexable ? '' : html`<meta name="robots" content="noindex">`}
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="site-header">
<div class="wrap bar">
<a class="brand" href="/">Alongside</a>
${headerSearch(o.searchQuery)}
<a class="crisis-link" href="${crisisHref}"${current(o.section === 'crisis')}>Crisis support</a>
<nav aria-label="Main">
<ul>
<li><a href="/"${current(o.section === 'home')}>Communities</a></li>
<li><a href="/about"${current(o.section === 'about')}>About</a></li>
${account}
</ul>
</nav>
</div>
</header>
<div class="wrap"><div class="status" role="status" aria-live="polite">${pc.status ? html`<p>${pc.status}</p>` : ''}</div></div>
<main id="main" tabindex="-1" class="wrap">
${pc.crisisSupport ? crisisSupportBanner(pc.crisisSupport) : ''}
${
  pc.checkInDue && !pc.path.startsWith('/me/check-ins')
    ? html`<aside class="notice check-in-due" aria-label="Check-in reminder">\
<p>Your check-in is ready whenever you are. <a href="/me/check-ins/new">Answer it</a>, or <a href="/me/check-ins">skip or pause it</a>.</p></aside>`
    : ''
}
${o.main}
</main>
<footer class="site-footer">
<div class="wrap">
<p>Alongside is peer support from people who have been there. It is not therapy, medical advice or an emergency service. If you are in danger now, call your \
local emergency number or see <a href="${crisisHref}">crisis support</a>.</p>
</div>
</footer>
</body>
</html>`
  return doc.value
}

export { WARNING_LABELS }

export const warningList = (ws: WarningCategory[]) => ws.map((w) => WARNING_LABELS[w]).join(', ')

/** A time in the reader's zone, relative ("yesterday at 09:12"), with the exact time and zone as its title. */
export function time(iso: string | null) {
  if (!iso) return ''
  const t = describeTime(new Date(iso))
  return html`<time datetime="${iso}" title="${t.exact}">${t.text}</time>`
}

export function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
}

/** Shown once after a crisis verdict on the member's post: gentle, never a block or a scolding. */
function crisisSupportBanner(c: NonNullable<PageCtx['crisisSupport']>) {
  return html`<section class="crisis-support" aria-labelledby="crisis-support-title">
<h2 id="crisis-support-title">You don't have to carry this alone</h2>
<p>Something you posted in ${c.community.name} sounded really hard. Your post is still there, and a moderator may check in with you. If you might act on \
thoughts of ending your life, or you are in danger now, please reach out to one of these right now:</p>
${crisisList(c.resources)}
<p><a href="/c/${c.community.slug}/crisis">All crisis support for ${c.community.name}</a></p>
</section>`
}

export function crisisList(resources: CrisisResource[]) {
  if (resources.length === 0) {
    return html`<p>If you are in danger now, call your local emergency number.</p>`
  }
  return html`<ul class="resources">${resources.map(
    (r) => html`<li><strong>${r.name}</strong> <span class="region">(${r.region})</span><br>
<span class="contact">${r.contact}</span>${r.hours ? html` · ${r.hours}` : ''}${contactLinks(r.contact).map(
      (l) => html` \
<a class="tap" href="${l.href}">${l.label}<span class="vh">: ${r.name}</span></a>`,
    )}${
      r.url && /^https?:\/\//i.test(r.url)
        ? html`<br>\
<a href="${r.url}" rel="noopener noreferrer">${r.url.replace(/^https?:\/\//, '')}</a>`
        : ''
    }</li>`,
  )}</ul>`
}

// ---------- forms ----------

export type Values = Record<string, string | string[] | undefined>
export interface FormError {
  message: string
  fields?: Record<string, string>
  /** A message meant for the writer word for word (a community lead's "block" message), shown above the field list. */
  note?: string
}

export const fieldId = (name: string) => `f-${name.split('.')[0]}`

export function errorSummary(err: FormError | undefined, labels: Record<string, string>) {
  if (!err) return ''
  const fields = Object.entries(err.fields ?? {}).filter(([k]) => labels[k.split('.')[0]!] !== undefined)
  // autofocus: keyboard and screen-reader users start at the list of problems, with JavaScript off too.
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">There is a problem</h2>
${err.note && fields.length > 0 ? html`<p class="lead-message">${err.note}</p>` : ''}
<p>${fields.length > 0 ? 'Please check what you entered. Nothing you typed has been lost.' : err.message}</p>
${fields.length > 0 ? html`<ul>${fields.map(([k, v]) => html`<li><a href="#${fieldId(k)}">${labels[k.split('.')[0]!]} ${v}</a></li>`)}</ul>` : ''}
</div>`
}

const fieldError = (err: FormError | undefined, name: string) => {
  const e = Object.entries(err?.fields ?? {}).find(([k]) => k.split('.')[0] === name)
  return e?.[1]
}

/**
 * The label, hint and error around one control, with the ids that tie them together; `control`
 * draws the input itself from the attributes every control shares.
 */
function field(o: { name: string; label: string; hint?: string; err?: FormError }, control: (a: { id: string; common: SafeHtml }) => SafeHtml) {
  const id = fieldId(o.name)
  const e = fieldError(o.err, o.name)
  const described = [o.hint ? `${id}-hint` : '', e ? `${id}-error` : ''].filter(Boolean).join(' ')
  const common = html`${described ? html` aria-describedby="${described}"` : ''}${attr('aria-invalid="true"', !!e)}`
  return html`<div class="field${e ? ' has-error' : ''}">
<label for="${id}">${o.label}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
${e ? html`<p class="error" id="${id}-error"><span class="vh">Error: </span>${o.label} ${e}</p>` : ''}
${control({ id, common })}
</div>`
}

export function textField(o: {
  name: string
  label: string
  value?: string
  type?: string
  hint?: string
  err?: FormError
  autocomplete?: string
  required?: boolean
  maxlength?: number
}) {
  return field(
    o,
    ({ id, common }) =>
      html`<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${
        o.autocomplete
          ? html` \
autocomplete="${o.autocomplete}"`
          : ''
      }${common}${attr('required', !!o.required)}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}>`,
  )
}

export function textArea(o: { name: string; label: string; value?: string; hint?: string; err?: FormError; rows?: number; optional?: boolean }) {
  return field(
    o,
    ({ id, common }) => html`<textarea id="${id}" name="${o.name}" rows="${o.rows ?? 8}"${attr('required', !o.optional)}${common}>${o.value ?? ''}</textarea>`,
  )
}

/** `offered`: the categories the community has on (those already ticked stay, so an edit loses none). */
export function warningBoxes(checked: WarningCategory[], err?: FormError, offered?: readonly WarningCategory[]) {
  const shown = offered ? WARNING_CATEGORIES.filter((c) => offered.includes(c) || checked.includes(c)) : WARNING_CATEGORIES
  if (shown.length === 0) return ''
  const e = fieldError(err, 'contentWarnings')
  return html`<fieldset class="warnings" id="${fieldId('contentWarnings')}" aria-describedby="cw-hint${e ? ` ${fieldId('contentWarnings')}-error` : ''}">
<legend>Content warnings (optional)</legend>
<p class="hint" id="cw-hint">Tick any that apply, so readers can choose what they see.</p>
${e ? html`<p class="error" id="${fieldId('contentWarnings')}-error"><span class="vh">Error: </span>Content warnings ${e}</p>` : ''}
<div class="checks">
${shown.map(
  (c) => html`<div class="check"><input type="checkbox" id="cw-${c}" name="contentWarnings" value="${c}"${attr('checked', checked.includes(c))}>\
<label for="cw-${c}">${WARNING_LABELS[c]}</label></div>`,
)}
</div>
</fieldset>`
}

export function breadcrumbs(items: { href?: string; label: string }[]) {
  return html`<nav aria-label="Breadcrumb" class="crumbs">\
<ol>${items.map((i) => html`<li>${i.href ? html`<a href="${i.href}">${i.label}</a>` : html`<span aria-current="page">${i.label}</span>`}</li>`)}</ol></nav>`
}

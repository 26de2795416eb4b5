import type { WarningCategory } from '../../server/services/community-settings.ts'
import type { CrisisResource } from '../../server/services/communities.ts'
import type { AuthorBadge, PostView, ThreadView } from '../../server/services/post-views.ts'
import { displayFor, type ReadingPrefs } from '../../server/services/preferences.ts'
import type { WatchChoice } from '../../server/services/watch.ts'
import { FORMER_MEMBER } from '../../server/services/words.ts'
import { html, raw, type SafeHtml } from '../html.ts'
import { csrfField, errorSummary, layout, plural, time, warningList, type FormError, type PageCtx } from './layout.ts'
import { breadcrumbs } from './layout.ts'
import { composer } from './compose.ts'

export interface CommunityDetail {
  slug: string
  name: string
  description: string
  memberCount: number
  threadCount: number
  guidelines: { version: number; html: string } | null
  crisisResources: CrisisResource[]
  canRead: boolean
}
export interface MembershipView {
  role: string
  needsToAcceptGuidelines: boolean
}

const ref = (c: { slug: string; name: string }) => ({ slug: c.slug, name: c.name })

// Kept here too for the pages that import it from this file.
export { breadcrumbs } from './layout.ts'

export function communityPage(
  pc: PageCtx,
  c: CommunityDetail,
  membership: MembershipView | null,
  threads: ThreadView[] | null,
  nextCursor: string | null,
  isFirst: boolean,
  /** New posts since the member last opened each thread (threads they never opened are not in it). */
  newCounts: ReadonlyMap<number, number> = new Map(),
  /** Whether the member muted this community's notifications (undefined: not offered). */
  muted?: boolean,
) {
  let action: SafeHtml
  if (!pc.actor) {
    action = html`<p class="callout"><a href="/login?next=/c/${c.slug}">Log in</a> or <a href="/register?next=/c/${c.slug}/join">create an account\
</a> to join ${c.name} and post.</p>`
  } else if (!membership) {
    action = html`<p><a class="button" href="/c/${c.slug}/join">Join ${c.name}</a></p>`
  } else if (membership.needsToAcceptGuidelines) {
    action = html`<p class="callout">The guidelines have changed. <a href="/c/${c.slug}/join">Read and accept them</a> to post again.</p>`
  } else {
    action = html`<p><a class="button" href="/c/${c.slug}/new">Start a thread</a> <span class="meta">You are a ${membership.role.replace('_', ' ')} here.\
</span></p>`
  }
  const isLead = !!pc.actor?.isAdmin || membership?.role === 'lead'
  const staffLinks = isLead
    ? html`<p class="staff-links"><a href="/c/${c.slug}/lead">Lead settings</a> · <a href="/c/${c.slug}/health">Health dashboard</a></p>`
    : membership?.role === 'moderator'
      ? html`<p class="staff-links"><a href="/c/${c.slug}/health">Health dashboard</a></p>`
      : ''
  const main = html`<h1>${c.name}</h1>
<p class="lede">${c.description}</p>
<p class="meta">${plural(c.memberCount, 'member')} · ${plural(c.threadCount, 'thread')} · <a href="/c/${c.slug}/crisis">Crisis support for this community</a>\
</p>
${action}
${
  muted === undefined
    ? ''
    : html`<form method="post" action="/c/${c.slug}/mute" class="buttons">${csrfField(pc)}<input type="hidden" name="muted" value="${muted ? 'no' : 'yes'}">\
<p class="meta">${muted ? `You muted notifications from ${c.name}: replies here do not notify you.` : `Replies here notify you as usual.`}</p>\
<button type="submit" class="secondary">${muted ? 'Unmute notifications' : 'Mute notifications from this community'}</button></form>`
}
${staffLinks}
${
  c.guidelines
    ? html`<details class="guidelines"><summary>Community guidelines</summary>\
<div class="prose">${raw(c.guidelines.html)}</div>${
        c.canRead && c.guidelines.version > 1
          ? html`<p>\
<a href="/c/${c.slug}/guidelines/history">Earlier versions of the guidelines</a></p>`
          : ''
      }</details>`
    : ''
}
<h2>Threads</h2>
${
  threads === null
    ? html`<p>Only members can read the threads in ${c.name}.</p>`
    : threads.length === 0
      ? html`<p>No threads yet${isFirst ? '' : ' on this page'}.</p>`
      : html`<ul class="threads">${threads.map(
          (t) => html`<li>
<a class="thread-title" href="/t/${t.id}">${t.title}</a>${t.locked ? html` <span class="tag">Locked</span>` : ''}${newTag(newCounts.get(t.id))}
<span class="meta">${t.author ? html`by ${t.author.handle} · ` : ''}${plural(t.replyCount, 'reply', 'replies')} · last active ${time(t.lastActivityAt)}</span>
</li>`,
        )}</ul>`
}
<nav aria-label="Thread pages" class="pager">
${isFirst ? '' : html`<a href="/c/${c.slug}">Most recent threads</a>`}
${nextCursor ? html`<a href="/c/${c.slug}?cursor=${nextCursor}">Older threads</a>` : ''}
</nav>`
  return layout(pc, { title: c.name, community: ref(c), main })
}

/** "3 new" beside a thread with posts since the member's last visit; "100+ new" at the count's cap. */
function newTag(n: number | undefined) {
  if (!n) return ''
  return html` <span class="tag new">${n >= 100 ? '100+' : String(n)} new<span class="vh"> since your last visit</span></span>`
}

export function joinPage(pc: PageCtx, c: CommunityDetail, err?: FormError, renewing = false, rules: { position: number; title: string; body: string }[] = []) {
  const main = html`${breadcrumbs([{ href: `/c/${c.slug}`, label: c.name }, { label: 'Join' }])}
<h1>Join ${c.name}</h1>
<p class="lede">${
    renewing
      ? html`The guidelines of ${c.name} have changed since you last accepted them. You can keep reading, but please read and accept \
version ${c.guidelines?.version ?? 1} before you post again.`
      : 'Every community has its own guidelines. Please read them before you join.'
  }</p>
${errorSummary(err, { accept: 'Agreement' })}
<section class="prose guidelines-full" aria-label="Guidelines">${
    c.guidelines
      ? raw(c.guidelines.html)
      : html`<p>This community has no guidelines yet.\
</p>`
  }</section>
${
  rules.length
    ? html`<section aria-labelledby="join-rules-h"><h2 id="join-rules-h">Its rules</h2>
<p>A report names one of these rules, and a moderator who removes a post cites it.</p>
<ol class="rules">${rules.map((r) => html`<li><strong>${r.title}</strong>${r.body ? html`: ${r.body}` : ''}</li>`)}</ol></section>`
    : ''
}
<form method="post" action="/c/${c.slug}/join" class="stack">
${csrfField(pc)}
<input type="hidden" name="acceptedGuidelinesVersion" value="${c.guidelines?.version ?? 1}">
<div class="field${err?.fields?.accept ? ' has-error' : ''}">
${err?.fields?.accept ? html`<p class="error" id="f-accept-error"><span class="vh">Error: </span>${err.fields.accept}</p>` : ''}
<div class="check"><input type="checkbox" id="f-accept" name="accept" value="yes"${
    err?.fields?.accept
      ? html` aria-invalid="true" \
aria-describedby="f-accept-error"`
      : ''
  }><label for="f-accept">I have read these guidelines${rules.length ? ' and rules' : ''} and I will follow them</label>\
</div>
</div>
<button type="submit">Join ${c.name}</button>
</form>`
  return layout(pc, { title: err ? `Error: Join ${c.name}` : `Join ${c.name}`, community: ref(c), main })
}

/** Badges on posts, from the author's roles (services/post-views.ts authorBadge). */
export const BADGE_WORDS: Record<AuthorBadge, string> = {
  admin: 'Site admin',
  lead: 'Community lead',
  moderator: 'Moderator',
  peer_supporter: 'Trained peer supporter',
}

export interface PostListOpts {
  threadId: number
  /** Signed in: the post's actions (quote, report, "this helped me") are offered. */
  canAct: boolean
  /** The thread's first post, when on this page: "this helped me" is for replies. */
  firstPostId?: number
  /** The one post the reader asked to see although their preferences hide it. */
  reveal?: number
  /** How many found each of the reader's own posts helpful (theirs alone to see). */
  helpful?: ReadonlyMap<number, number>
  /** Handles the reader blocked: their posts fold (never for a moderator of the community). */
  blocked?: ReadonlySet<string>
}

/** One post as a reader sees it, respecting their reading preferences. */
export function postArticle(p: PostView, prefs: ReadingPrefs, opts: PostListOpts) {
  const hid = `post-${p.id}-h`
  if (p.status === 'deleted') {
    return html`<article class="post deleted" id="post-${p.id}" aria-labelledby="${hid}"><h2 id="${hid}" class="vh">Deleted post</h2>\
<p class="meta">This post was deleted by its author.</p></article>`
  }
  // Hidden or removed, read by someone other than its author or a moderator: its place, nothing of it.
  if (p.author === null) {
    const what = p.status === 'removed' ? 'removed' : 'hidden'
    return html`<article class="post deleted" id="post-${p.id}" aria-labelledby="${hid}"><h2 id="${hid}" class="vh">A ${what} post</h2>\
<p class="meta">A moderator has ${what} this post.</p></article>`
  }
  // A member the reader blocked: folded, with nothing of it on show (handle included) until opened.
  if (opts.blocked?.has(p.author.handle) && !p.isOwn) {
    return html`<article class="post blocked" id="post-${p.id}" aria-labelledby="${hid}"><h2 id="${hid}" class="vh">A post by a member you blocked</h2>
<details class="cw"><summary>You blocked this member. <span class="show">Show post</span></summary>\
<p class="meta">${p.author.handle} · ${time(p.createdAt)}</p>${p.html === '' ? '' : html`<div class="post-body prose">${raw(p.html)}</div>`}</details>
</article>`
  }
  let display = displayFor(p.contentWarnings, prefs)
  // Your own words are never hidden from you; at most they are collapsed.
  if (p.isOwn && display === 'hidden') display = 'collapsed'
  // Asked for once: open behind its warning, the preference left as it is.
  const revealed = display === 'hidden' && opts.reveal === p.id
  if (revealed) display = 'collapsed'
  const body = html`<div class="post-body prose">${raw(p.html)}</div>`
  let content: SafeHtml
  if (p.html === '' && p.status !== 'visible') content = html`<p class="meta">This post is not available.</p>`
  else if (display === 'hidden') {
    content = html`<p class="cw-hidden">A post with a content warning (${warningList(p.contentWarnings)}) is hidden by your \
<a href="/settings">reading preferences</a>. <a href="/t/${opts.threadId}/p/${p.id}?show=1">Show this post once<span class="vh"> by ${p.author.handle}</span>\
</a> (your preferences stay as they are).</p>`
  } else if (display === 'collapsed') {
    content = html`<details class="cw"${revealed ? raw(' open') : ''}><summary>Content warning: ${warningList(p.contentWarnings)}. \
<span class="show">Show post</span></summary>${body}</details>`
  } else content = html`${p.contentWarnings.length ? html`<p class="cw-note">Content warning: ${warningList(p.contentWarnings)}</p>` : ''}${body}`
  const notes =
    p.status === 'held'
      ? html`<p class="note">Only you and the moderators can see this post while it waits for review.</p>`
      : p.status === 'hidden' || p.status === 'removed'
        ? html`<p class="note">A moderator has ${p.status === 'hidden' ? 'hidden' : 'removed'} this post; only you and the moderators can see it.</p>`
        : ''
  const base = `/t/${opts.threadId}/p/${p.id}`
  const by = html`<span class="vh"> post by ${p.author.handle}</span>`
  const quote = opts.canAct && p.status === 'visible' ? html`<a href="/t/${opts.threadId}/reply?quote=${p.id}">Quote${by}</a>` : ''
  const isReply = opts.firstPostId !== undefined ? opts.firstPostId !== p.id : true
  const helped = opts.helpful?.get(p.id) ?? 0
  const actions = p.isOwn
    ? html`<a href="${base}/edit">Edit<span class="vh"> your post</span></a>${
        p.revision > 1
          ? html`<a href="${base}/history">History\
<span class="vh"> of your post</span></a>`
          : ''
      }<a href="${base}/delete">Delete<span class="vh"> your post</span></a>${quote}`
    : opts.canAct
      ? html`${quote}${
          isReply && p.status === 'visible'
            ? html`<a href="${base}/helpful">This helped me<span class="vh">: reply by ${p.author.handle}</span>\
</a>`
            : ''
        }<a href="${base}/report">Report${by}</a>${
          p.author.handle === FORMER_MEMBER ? '' : html`<a href="/members/${p.author.handle}/block">Block<span class="vh"> ${p.author.handle}</span></a>`
        }`
      : ''
  const helpedNote =
    p.isOwn && helped > 0
      ? html`<p class="meta helped">${helped === 1 ? 'One person' : `${helped.toLocaleString('en-GB')} people`} said this helped them. Only you can see this.\
</p>`
      : ''
  return html`<article class="post${p.isOwn ? ' own' : ''}" id="post-${p.id}" aria-labelledby="${hid}">
<header class="post-head"><h2 id="${hid}" class="author">${p.author?.handle ?? 'Unknown'}${
    p.author?.badge
      ? html` \
<span class="tag badge ${p.author.badge === 'peer_supporter' ? 'peer' : 'staff'}">${BADGE_WORDS[p.author.badge]}</span>`
      : ''
  }${
    p.isOwn
      ? html` \
<span class="tag">you</span>`
      : ''
  }</h2>
<a class="meta permalink" href="#post-${p.id}">${time(p.createdAt)}</a>${p.editedAt ? html` <span class="meta">(edited)</span>` : ''}</header>
${notes}${content}
${helpedNote}${actions ? html`<p class="post-actions">${actions}</p>` : ''}
</article>`
}

/**
 * A thread page's posts. They read the same for everyone with the same reading preferences who
 * wrote none of them, so the router keeps this part compressed in the page cache.
 */
export function threadPosts(posts: PostView[], prefs: ReadingPrefs, opts: PostListOpts): string {
  return posts.map((p) => postArticle(p, prefs, opts).value).join('')
}

export interface ThreadPageData {
  thread: ThreadView
  community: { slug: string; name: string }
  /** The posts, from threadPosts. */
  posts: SafeHtml
  nextCursor: string | null
  isFirst: boolean
  canReply: boolean
  membership: MembershipView | null
  /** What is new since the member's last visit (none on a first visit or when nothing is). */
  newSince?: { count: number; firstId?: number; capped: boolean }
  /** What of this thread notifies the member (signed in only). */
  watch?: WatchChoice
  /** The warning categories the community has on, for the reply form. */
  categories?: WarningCategory[]
}

const WATCH_NOW: Record<WatchChoice, string> = {
  follow: 'You are following this thread: every reply notifies you.',
  normal: 'Replies to you and to your own threads notify you.',
  mute: 'You muted this thread: nothing in it notifies you, not even replies to you.',
}
const WATCH_BUTTON: Record<WatchChoice, string> = { follow: 'Follow this thread', normal: 'Back to the usual', mute: 'Mute this thread' }

function watchForm(pc: PageCtx, threadId: number, now: WatchChoice) {
  return html`<form method="post" action="/t/${threadId}/watch" class="watch buttons">
${csrfField(pc)}
<p class="meta">${WATCH_NOW[now]}</p>
${(['follow', 'normal', 'mute'] as const)
  .filter((l) => l !== now)
  .map(
    (l) => html`<button type="submit" name="level" value="${l}" \
class="secondary">${WATCH_BUTTON[l]}</button>`,
  )}
</form>`
}

/** Only a withheld thread's author and the moderators reach its page: what the others see of it. */
const WITHHELD_NOTES: Record<string, string> = {
  held: 'This thread waits for a moderator to look at it. Until then only its author and the moderators can see it.',
  hidden: 'A moderator has hidden this thread while it is looked at. Only its author and the moderators can see it.',
  removed: 'A moderator removed this thread. Only its author and the moderators can see it.',
}

export function threadPage(pc: PageCtx, d: ThreadPageData) {
  const { thread: t, community: c } = d
  let replyArea: SafeHtml
  if (t.locked) replyArea = html`<p class="callout">This thread is locked: a moderator has closed it to new replies.</p>`
  else if (t.status === 'deleted') replyArea = html`<p class="callout">This thread was deleted, so it takes no new replies.</p>`
  else if (t.status === 'removed') replyArea = html`<p class="callout">A moderator removed this thread, so it takes no new replies.</p>`
  else if (!pc.actor) replyArea = html`<p class="callout"><a href="/login?next=/t/${t.id}">Log in</a> to reply.</p>`
  else if (!d.membership || d.membership.needsToAcceptGuidelines) {
    replyArea = html`<p class="callout"><a href="/c/${c.slug}/join">Join ${c.name}</a> to reply.</p>`
  } else if (d.nextCursor) {
    replyArea = html`<p><a href="/t/${t.id}/reply">Write a reply</a></p>`
  } else {
    replyArea = composer(pc, { action: `/t/${t.id}/reply`, kind: 'reply', values: {}, warnings: [], categories: d.categories })
  }
  const main = html`${breadcrumbs([{ href: `/c/${c.slug}`, label: c.name }, { label: t.title }])}
<h1>${t.title}</h1>
<p class="meta">${t.author ? html`Started by ${t.author.handle} · ` : ''}${plural(t.replyCount, 'reply', 'replies')}</p>
${WITHHELD_NOTES[t.status] ? html`<p class="note">${WITHHELD_NOTES[t.status]}</p>` : ''}
${d.isFirst ? '' : html`<p><a href="/t/${t.id}">Back to the first post</a></p>`}
${
  d.newSince
    ? html`<p class="new-since"><span class="tag new">New\
</span> ${d.newSince.capped ? `${d.newSince.count}+ posts` : plural(d.newSince.count, 'post')} since your last visit.${
        d.newSince.firstId
          ? html` \
<a href="/t/${t.id}/p/${d.newSince.firstId}">Go to the first new post</a>`
          : ''
      }</p>`
    : ''
}
<div class="posts">
${d.posts}
</div>
<nav aria-label="Post pages" class="pager">
${d.isFirst ? '' : html`<a href="/t/${t.id}">First page</a>`}
${d.nextCursor ? html`<a href="/t/${t.id}?cursor=${d.nextCursor}">Next page of posts</a>` : ''}
</nav>
${
  pc.actor && d.watch
    ? html`<section class="watch" aria-labelledby="watch-h"><h2 id="watch-h">Notifications\
</h2>${watchForm(pc, t.id, d.watch)}</section>`
    : ''
}
<section class="reply" aria-labelledby="reply-h">
<h2 id="reply-h">Reply</h2>
${replyArea}
</section>`
  return layout(pc, { title: t.title, community: c, main })
}

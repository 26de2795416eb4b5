import type { ProfileView } from '../../server/services/profiles.ts'
import { html } from '../html.ts'
import { BADGE_WORDS } from './forum.ts'
import { layout, time, type PageCtx } from './layout.ts'

const badge = (b: keyof typeof BADGE_WORDS) => html` <span class="tag badge ${b === 'peer_supporter' ? 'peer' : 'staff'}">${BADGE_WORDS[b]}</span>`

const VISIBILITY_WORDS: Record<string, string> = {
  everyone: 'everyone, signed in or not',
  members: 'members who are signed in',
  nobody: 'nobody but you',
}

/** A member's page: handle, badges, when they joined, their communities and recent posts (only where the reader can read). */
export function profilePage(pc: PageCtx, p: ProfileView) {
  const main = html`<h1>${p.handle}${p.badge ? badge(p.badge) : ''}</h1>
<p class="lede">Joined ${time(p.joinedAt)}</p>
${
  p.isOwn
    ? html`<p class="note">This is your profile. It is shown to ${VISIBILITY_WORDS[p.visibility] ?? p.visibility}; change that on \
<a href="/settings/account">your account and data</a>.</p>`
    : ''
}
<section aria-labelledby="h-communities">
<h2 id="h-communities">Communities</h2>
${
  p.communities.length > 0
    ? html`<ul>${p.communities.map((c) => html`<li><a href="/c/${c.slug}">${c.name}</a>${c.badge ? badge(c.badge) : ''}</li>`)}</ul>`
    : html`<p>None that you can see.</p>`
}
</section>
<section aria-labelledby="h-recent">
<h2 id="h-recent">Recent posts</h2>
${
  p.recentPosts.length > 0
    ? html`<ul class="recent-posts">${p.recentPosts.map(
        (r) => html`<li><a href="/t/${r.threadId}/p/${r.id}">${r.threadTitle}</a> <span class="meta">in ${r.community.name} · ${time(r.createdAt)}</span></li>`,
      )}</ul>`
    : html`<p>No posts that you can see.</p>`
}
</section>`
  return layout(pc, { title: `${p.handle}’s profile`, main })
}

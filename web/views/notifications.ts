// The member's notifications page.
import { html, type SafeHtml } from '../html.ts'
import { layout, time, type PageCtx } from './layout.ts'

export interface NotificationItem {
  id: number
  kind: string
  data: Record<string, unknown>
  createdAt: string
  read: boolean
}

function notificationText(n: NotificationItem): { text: SafeHtml; href?: string } {
  const d = n.data
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '')
  const postHref =
    typeof d.threadId === 'number' && typeof d.postId === 'number'
      ? `/t/${d.threadId}/p/${d.postId}`
      : typeof d.threadId === 'number'
        ? `/t/${d.threadId}`
        : undefined
  switch (n.kind) {
    case 'reply_to_thread':
      return { text: html`<strong>${s('fromHandle')}</strong> replied to your thread “${s('threadTitle')}”`, href: postHref }
    case 'reply_in_followed_thread':
      return { text: html`<strong>${s('fromHandle')}</strong> replied in “${s('threadTitle')}”, a thread you follow`, href: postHref }
    case 'reply_to_post':
      return { text: html`<strong>${s('fromHandle')}</strong> replied to your post in “${s('threadTitle')}”`, href: postHref }
    case 'crisis_resources':
      return {
        text: html`Support is here if you need it: crisis lines you can contact any time`,
        href: s('community') ? `/c/${s('community')}/crisis` : '/crisis',
      }
    case 'moderator_message':
      if (s('kind') === 'check_in_reply')
        return { text: html`A member replied to a check-in`, href: typeof d.reviewItemId === 'number' ? `/mod/items/${d.reviewItemId}` : undefined }
      return {
        text: html`${s('from') || 'A moderator'} sent you a message${s('message') ? html`: ${s('message')}` : ''}`,
        href: typeof d.checkInId === 'number' ? `/check-ins/${d.checkInId}` : postHref,
      }
    case 'alert':
      return {
        text:
          s('kind') === 'escalation'
            ? html`<strong>Escalated:</strong> an item in ${s('community')} needs a lead or admin now`
            : html`<strong>Urgent:</strong> a post in ${s('community')} may be from someone in crisis`,
        href: typeof d.reviewItemId === 'number' ? `/mod/items/${d.reviewItemId}` : '/mod/queue',
      }
    case 'guidelines_updated':
      return {
        text: html`The guidelines of ${s('community')} have changed. Read and accept them before you next post.`,
        href: s('community') ? `/c/${s('community')}/join` : undefined,
      }
    case 'debrief_requested':
      return {
        text: html`A moderator in ${s('community')} asked a lead for a debrief`,
        href: s('community') ? `/c/${s('community')}/health#supporters-h` : undefined,
      }
    case 'moderation_outcome':
      return { text: html`An update from the moderators${s('message') ? html`: ${s('message')}` : ''}`, href: postHref }
    default:
      return { text: html`${s('message') || 'A notification'}`, href: postHref }
  }
}

export function notificationsPage(pc: PageCtx, items: NotificationItem[], nextCursor: string | null, isFirst: boolean) {
  const main = html`<h1>Notifications</h1>
${
  items.length === 0
    ? html`<p>Nothing new. Replies to your threads and posts will appear here.</p>`
    : html`<ul class="notifications">
${items.map((n) => {
  const { text, href } = notificationText(n)
  return html`<li class="${n.read ? 'read' : 'unread'}">${
    n.read
      ? ''
      : html`<span class="tag">New\
</span> `
  }${href ? html`<a href="${href}">${text}</a>` : text}<br><span class="meta">${time(n.createdAt)}</span></li>`
})}
</ul>`
}
<nav aria-label="Notification pages" class="pager">
${isFirst ? '' : html`<a href="/notifications">Newest</a>`}
${nextCursor ? html`<a href="/notifications?cursor=${nextCursor}">Older notifications</a>` : ''}
</nav>`
  return layout(pc, { title: 'Notifications', section: 'notifications', main })
}

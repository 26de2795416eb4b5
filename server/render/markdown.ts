import { Marked, type Tokens } from 'marked'
import sanitizeHtml from 'sanitize-html'

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML in a post is shown as the text the member typed, never interpreted.
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text)
    },
    // Remote images would leak every reader's IP address to whoever hosts them: show a link instead.
    image(token: Tokens.Image) {
      const label = token.text ? `Image: ${escapeHtml(token.text)}` : 'Image'
      return `<a href="${escapeHtml(token.href)}">${label}</a>`
    },
  },
})

// The one allow-list for stored HTML: posts and guidelines alike.
const ALLOW: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input',
  ],
  allowedAttributes: {
    a: ['href', 'rel'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    input: ['type', 'checked', 'disabled'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc noopener' } }),
    // Task-list checkboxes only; anything else that claims to be an input goes.
    input: (tagName, attribs) =>
      attribs.type === 'checkbox'
        ? { tagName, attribs: { type: 'checkbox', disabled: '', ...(attribs.checked !== undefined ? { checked: '' } : {}) } }
        : { tagName: 'span', attribs: {} },
  },
}

export function sanitize(html: string): string {
  return sanitizeHtml(html, ALLOW)
}

/** Markdown source to safe HTML. Run once on write; readers get the stored result. */
export function renderMarkdown(source: string): string {
  const raw = marked.parse(source) as string
  return sanitize(raw).trim()
}

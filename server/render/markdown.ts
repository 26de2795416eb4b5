import { Marked, type Tokens } from 'marked'
import sanitizeHtml from 'sanitize-html'

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

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
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'del',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'input',
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

/** Deeper than this, quotes and lists are refused: marked recurses once per level. */
export const MAX_NESTING = 16
/** Runs of * _ ~: emphasis matching in marked grows with the square of unmatched delimiters. */
export const MAX_DELIMITER_RUNS = 1_000

/**
 * What makes this Markdown too costly to render, in words for the writer; null when it is within
 * the limits. One linear pass: quote markers, list markers and indentation at the start of each
 * line give its nesting depth. Rendering still runs under a time budget (server/offload), so an
 * input these limits miss costs a refusal, never a stalled server.
 */
export function markdownLimitProblem(source: string): string | null {
  let runs = 0
  let depth = 0
  let atLineStart = true
  let indent = 0
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i)
    if (c === 10) {
      atLineStart = true
      depth = 0
      indent = 0
      continue
    }
    if (atLineStart) {
      if (c === 32) {
        indent++
        if (indent >= 4) {
          depth++
          indent = 0
        }
      } else if (c === 9) {
        depth++
      } else if (c === 62 /* > */) {
        depth++
        indent = 0
      } else if ((c === 45 || c === 43 || c === 42) && (source.charCodeAt(i + 1) === 32 || source.charCodeAt(i + 1) === 9)) {
        depth++ // - + * list markers
        indent = 0
      } else atLineStart = false
      if (depth > MAX_NESTING) return `nests quotes or lists more than ${MAX_NESTING} levels deep`
      if (atLineStart) continue
    }
    if (c === 42 || c === 95 || c === 126) {
      const prev = source.charCodeAt(i - 1)
      if (prev !== c && ++runs > MAX_DELIMITER_RUNS) return `has more than ${MAX_DELIMITER_RUNS.toLocaleString('en')} runs of * _ or ~ formatting marks`
    }
  }
  return null
}

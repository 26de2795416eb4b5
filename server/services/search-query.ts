// What a member types into the search box, made into an FTS5 query that cannot fail or do more
// than it says: every word is quoted, so FTS5's operators (AND, OR, NOT, NEAR, column filters,
// ^, +, parentheses) are only ever words. "a phrase" stays a phrase and word* a prefix; an
// unbalanced quote is a word like any other. Pure: no database, no HTTP.

export interface SearchTerm {
  /** Words in order: one for a word, several for a phrase. Letters and digits only. */
  words: string[]
  prefix: boolean
}

export const MAX_QUERY_CHARS = 200
export const MAX_TERMS = 8
/** A prefix shorter than this would expand to most of the vocabulary. */
const MIN_PREFIX = 2
const WORD = /[\p{L}\p{N}\p{M}]+/gu

const wordsOf = (s: string) => (s.normalize('NFKC').match(WORD) ?? []).map((w) => w.toLowerCase())

export function parseSearch(q: string): SearchTerm[] {
  const terms: SearchTerm[] = []
  for (const m of q.slice(0, MAX_QUERY_CHARS).matchAll(/"([^"]*)"|(\S+)/g)) {
    if (m[1] !== undefined) {
      const words = wordsOf(m[1])
      if (words.length > 0) terms.push({ words, prefix: false })
      continue
    }
    const chunk = m[2]!
    const words = wordsOf(chunk)
    // "cope*" is a prefix; "a-b*" is the words a and b*, as FTS5 would split them.
    words.forEach((w, i) => {
      const last = i === words.length - 1
      terms.push({ words: [w], prefix: last && chunk.endsWith('*') && w.length >= MIN_PREFIX })
    })
  }
  return terms.slice(0, MAX_TERMS)
}

/** The FTS5 MATCH text: every term quoted (quotes cannot occur inside: words are letters and digits). */
export function toFtsQuery(terms: SearchTerm[]): string {
  return terms.map((t) => `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`).join(' ')
}

/**
 * The same terms as PostgreSQL's to_tsquery('simple', ...) text: each word quoted as a lexeme, a
 * phrase's words joined by <-> (next to each other, in order), a prefix marked :*, the terms joined
 * by & (all of them; `any`: |, some of them). Words are letters, digits and marks only, so none
 * holds a quote, backslash or operator: the text always parses.
 */
export function toTsQuery(terms: SearchTerm[], join: 'all' | 'any' = 'all'): string {
  return terms.map((t) => `(${t.words.map((w) => `'${w}'`).join(' <-> ')}${t.prefix ? ':*' : ''})`).join(join === 'all' ? ' & ' : ' | ')
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

const SNIPPET_CHARS = 220
const LEAD_CHARS = 60

/**
 * A short piece of the post around its first matching word, as HTML: the member's text escaped
 * piece by piece and only our own <mark> around matches. FTS5's snippet() would put its markers
 * into text the member wrote; here nothing of theirs is ever markup.
 */
export function snippetHtml(text: string, terms: SearchTerm[]): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const words = new Map<string, { w: string; prefix: boolean }>()
  for (const t of terms)
    t.words.forEach((w, i) => words.set(`${w} ${t.prefix && i === t.words.length - 1}`, { w, prefix: t.prefix && i === t.words.length - 1 }))
  // Words are letters, digits and marks only: nothing in them is special to a RegExp.
  const match =
    words.size === 0
      ? undefined
      : new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${[...words.values()].map((x) => (x.prefix ? `${x.w}[\\p{L}\\p{N}\\p{M}]*` : `${x.w}(?![\\p{L}\\p{N}])`)).join('|')})`,
          'giu',
        )
  let start = 0
  if (match) {
    const first = match.exec(flat)
    match.lastIndex = 0
    if (first && first.index > LEAD_CHARS) {
      const space = flat.indexOf(' ', first.index - LEAD_CHARS)
      start = space >= 0 && space < first.index ? space + 1 : first.index
    }
  }
  let end = Math.min(flat.length, start + SNIPPET_CHARS)
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end)
    if (space > start) end = space
  }
  const piece = flat.slice(start, end)
  let out = ''
  let at = 0
  if (match) {
    for (const m of piece.matchAll(match)) {
      out += escapeHtml(piece.slice(at, m.index)) + '<mark>' + escapeHtml(m[0]) + '</mark>'
      at = m.index + m[0].length
    }
  }
  out += escapeHtml(piece.slice(at))
  return (start > 0 ? '… ' : '') + out + (end < flat.length ? ' …' : '')
}

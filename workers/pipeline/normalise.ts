import { HOMOGLYPHS, LEET_DIGITS, LEET_SYMBOLS } from './lexicons/homoglyphs.ts'

/**
 * Two views of the same text, index for index, so one offset map serves both:
 * - `text`: NFKC, invisible characters removed, look-alike letters folded, lower-cased,
 *   horizontal whitespace collapsed. Numbers are untouched: use it for phones, doses, links.
 * - `leet`: `text` with leetspeak undone inside words ("k1ll mys3lf" -> "kill myself"),
 *   for word lexicons.
 */
export interface NormalisedText {
  original: string
  text: string
  leet: string
  /** Index in normalised -> index in original where that character came from. */
  map: number[]
  /** Index in normalised -> end (exclusive) of its source character in original. */
  mapEnd: number[]
}

export interface OriginalSpan {
  start: number
  end: number
  phrase: string
}

// Invisible and formatting characters, as code-point ranges rather than a regex class: several
// are combining marks (U+034F, Khmer's inherent vowels, the variation selectors, the Hangul
// fillers), which a character class would read as part of the letter before them.
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
]
const isInvisible = (ch: string) => {
  const c = ch.codePointAt(0)!
  return INVISIBLE_RANGES.some(([lo, hi]) => c >= lo && c <= hi)
}
const HORIZONTAL_SPACE = /[\t\p{Zs}]/u
const CONTROL = /\p{Cc}/u
const COMBINING_MARK = /\p{Mn}/u
const QUOTE_CHARS: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u0060': "'",
  '\u00B4': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2028': '\n',
  '\u2029': '\n',
}

export function normalise(original: string): NormalisedText {
  const out: string[] = []
  const map: number[] = []
  const mapEnd: number[] = []
  let lastWasSpace = true // also trims leading whitespace

  for (let i = 0; i < original.length;) {
    const cp = original.codePointAt(i)!
    const from = i
    // Fast path: printable ASCII needs only lower-casing, and it is nearly all of the text.
    if (cp > 0x20 && cp < 0x7f && cp !== 0x60) {
      out.push(cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : original[i]!)
      map.push(from)
      mapEnd.push(i + 1)
      lastWasSpace = false
      i++
      continue
    }
    const width = cp > 0xffff ? 2 : 1
    const ch = original.slice(i, i + width)
    i += width

    if (ch === '\n') {
      // Trailing spaces before a newline carry no meaning; dropping them keeps lines clean.
      while (out.length > 0 && out[out.length - 1] === ' ') {
        out.pop()
        map.pop()
        mapEnd.pop()
      }
      out.push('\n')
      map.push(from)
      mapEnd.push(i)
      lastWasSpace = true
      continue
    }
    if (ch === '\r' || isInvisible(ch)) continue
    if (HORIZONTAL_SPACE.test(ch)) {
      if (!lastWasSpace) {
        out.push(' ')
        map.push(from)
        mapEnd.push(i)
        lastWasSpace = true
      }
      continue
    }
    if (CONTROL.test(ch)) continue

    // NFKD then dropping marks gives NFKC's compatibility folding plus accent stripping
    // ("kïll" -> "kill", stacked "Zalgo" marks vanish).
    const decomposed = (QUOTE_CHARS[ch] ?? ch).normalize('NFKD').toLowerCase()
    for (const piece of decomposed) {
      if (COMBINING_MARK.test(piece)) continue
      const folded = HOMOGLYPHS[piece] ?? piece
      for (let k = 0; k < folded.length; k++) {
        const c = folded[k]!
        if (HORIZONTAL_SPACE.test(c)) {
          if (lastWasSpace) continue
          out.push(' ')
          lastWasSpace = true
        } else {
          out.push(c)
          lastWasSpace = false
        }
        map.push(from)
        mapEnd.push(i)
      }
    }
  }
  while (out.length > 0 && /\s/.test(out[out.length - 1]!)) {
    out.pop()
    map.pop()
    mapEnd.pop()
  }

  const text = out.join('')
  return { original, text, leet: unLeet(text), map, mapEnd }
}

// Only tokens that mix letters with leet characters can need folding; finding just those
// keeps this cheap on ordinary text.
const TOKEN = /[a-z0-9@$!|]*(?:[a-z][0-9@$!|]|[0-9@$!|][a-z])[a-z0-9@$!|]*/g
const LETTER = /[a-z]/
// A number with a short unit ("800mg", "3am", "2nd", "10x") is a number, not leetspeak.
const NUMBER_WITH_UNIT = /^\d+[a-z]{1,4}$/

/** Undo leetspeak inside tokens that contain letters; the result has the same length. */
function unLeet(text: string): string {
  TOKEN.lastIndex = 0
  const any = TOKEN.test(text)
  TOKEN.lastIndex = 0
  if (!any) return text
  const chars = text.split('')
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0]
    if (!LETTER.test(token) || NUMBER_WITH_UNIT.test(token)) continue
    const base = m.index!
    for (let k = 0; k < token.length; k++) {
      const c = token[k]!
      const digit = LEET_DIGITS[c]
      if (digit) {
        chars[base + k] = digit
        continue
      }
      const symbol = LEET_SYMBOLS[c]
      if (symbol && LETTER.test(token[k - 1] ?? '') && LETTER.test(token[k + 1] ?? '')) {
        chars[base + k] = symbol
      }
    }
  }
  return chars.join('')
}

/** Map a [start, end) range of the normalised text back to the original text. */
export function toOriginal(n: NormalisedText, start: number, end: number): OriginalSpan {
  if (n.map.length === 0 || end <= start) return { start: 0, end: 0, phrase: '' }
  const s = n.map[Math.min(start, n.map.length - 1)]!
  const e = n.mapEnd[Math.min(end, n.mapEnd.length) - 1]!
  return { start: s, end: e, phrase: n.original.slice(s, e) }
}

/**
 * The writer's own words: Markdown blockquote lines (and their lazy continuation lines,
 * as Markdown renders them) are blanked with spaces so offsets stay valid.
 */
export function ownWords(n: NormalisedText): NormalisedText {
  const quoted = quotedRanges(n.text)
  if (quoted.length === 0) return n
  return { ...n, text: blank(n.text, quoted), leet: blank(n.leet, quoted) }
}

/** The quoted part and the writer's own part of a post, as plain strings. */
export function splitQuoted(n: NormalisedText): { own: string; quoted: string } {
  const ranges = quotedRanges(n.text)
  const quoted = ranges.map(([s, e]) => n.text.slice(s, e).replace(/^(\s*>)+\s?/gm, '')).join('\n')
  return { own: blank(n.text, ranges).replace(/^ +$/gm, '').trim(), quoted }
}

function quotedRanges(text: string): [number, number][] {
  const ranges: [number, number][] = []
  let inQuote = false
  let pos = 0
  for (const line of text.split('\n')) {
    const start = pos
    pos += line.length + 1
    if (/^\s{0,3}>/.test(line)) inQuote = true
    else if (line.trim() === '') inQuote = false
    if (inQuote) ranges.push([start, start + line.length])
  }
  return ranges
}

function blank(s: string, ranges: [number, number][]): string {
  let out = ''
  let last = 0
  for (const [a, b] of ranges) {
    out += s.slice(last, a) + ' '.repeat(b - a)
    last = b
  }
  return out + s.slice(last)
}

import { RE2JS } from 're2js'
import type { RuleHit, WatchedWord } from '../types.ts'
import { normalise, toOriginal, type NormalisedText } from '../normalise.ts'

/** Lead-written patterns only ever see this much text, bounding the work a pattern can do. */
export const MAX_REGEX_INPUT = 20_000
const MAX_PATTERN_LENGTH = 200
/**
 * RE2 runs in time linear in the text, but the constant is the size of the compiled program: a
 * counted repeat such as a{0,1000} compiles to a thousand states, and each character of the post
 * may step through all of them. Capping the program bounds one pattern over one post (measured
 * here: a 20,000-character adversarial post through a 400-state program takes about 0.5 s), so
 * patterns are only ever run off the event loop: in the scan, and on the server's task thread
 * under a time budget (server/offload).
 */
export const MAX_PROGRAM_SIZE = 300
/** The largest count in a repeat such as {2,5}; anything larger cannot fit the program size anyway. */
const MAX_REPEAT = 100
/** All of a community's patterns together: what one post can cost in the scan. */
export const MAX_TOTAL_PROGRAM_SIZE = 1_500

export type RegexCheck = { ok: true; size: number } | { ok: false; message: string }

type Compiled = { ok: true; re: RE2JS; size: number } | { ok: false; message: string }

// A boundary is consumed rather than looked behind (RE2 has no look-arounds); the lead's
// pattern is always capture group 1, so the evidence quotes only what they asked for.
const wrap = (source: string, wholeWord: boolean) => (wholeWord ? `(?:^|[^\\pL\\pN_])(${source})(?:[^\\pL\\pN_]|$)` : `(${source})`)

/**
 * Compile exactly the expression that will run (wrapped for whole words when asked), with the
 * linear-time RE2 engine. Messages are written for a community lead, not a programmer.
 */
function compileRegex(pattern: string, wholeWord: boolean): Compiled {
  if (pattern.trim() === '') return { ok: false, message: 'The pattern is empty. Type the word or phrase you want to watch for.' }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, message: `The pattern is longer than ${MAX_PATTERN_LENGTH} characters. Split it into several shorter watched words.` }
  }
  // A large counted repeat is refused before compiling: compiling a{0,1000}a{0,1000} alone takes
  // tens of milliseconds, and its program would be refused for its size anyway.
  for (const m of pattern.matchAll(/\{\s*(\d+)\s*(?:,\s*(\d*)\s*)?\}/g)) {
    if (Number(m[1]) > MAX_REPEAT || Number(m[2] || 0) > MAX_REPEAT) return tooBig()
  }
  let re: RE2JS
  try {
    re = RE2JS.compile(wrap(pattern, wholeWord), RE2JS.CASE_INSENSITIVE)
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '') : String(err)
    if (/expression too large|invalid repeat count/.test(detail)) return tooBig()
    if (/\(\?<?[=!]|\\[1-9]|invalid named capture|invalid escape/.test(pattern + detail)) {
      return {
        ok: false,
        message:
          `This pattern uses a feature we do not run (look-aheads, look-behinds or back-references: ${detail}).` +
          ` Use a simpler pattern, or turn off "regular expression" to match the text exactly.`,
      }
    }
    return {
      ok: false,
      message: `This is not a valid pattern (${detail}). Check that every bracket ( [ { is closed, or turn off "regular expression" to match the text exactly.`,
    }
  }
  // Fail safe: a program we cannot measure is a program we do not run.
  const size = (re as unknown as { re2Input?: { prog?: { inst?: unknown[] } } }).re2Input?.prog?.inst?.length
  if (typeof size !== 'number' || size > MAX_PROGRAM_SIZE) return tooBig()
  return { ok: true, re, size }
}

const tooBig = (): Compiled => ({
  ok: false,
  message:
    'This pattern is too large to run on every post (large counted repeats such as {0,1000} make it so). ' +
    'Use smaller repeat counts, or list the words separately.',
})

/** Vet a lead's regular expression before it is saved or tried: exactly what will run. */
export function checkRegexSafety(pattern: string, wholeWord = false): RegexCheck {
  const c = compileRegex(pattern, wholeWord)
  return c.ok ? { ok: true, size: c.size } : { ok: false, message: c.message }
}

interface Matcher {
  find(view: string): { start: number; end: number } | null
  useLeet: boolean
}
const cache = new Map<string, Matcher | null>()

function compile(word: WatchedWord): Matcher | null {
  const key = `${word.id}\u0000${word.regex ? 'r' : 'p'}${word.wholeWord ? 'w' : ''}\u0000${word.phrase}`
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  let m: Matcher | null = null
  if (word.regex) {
    // A pattern saved before these checks (or edited in the database) is skipped, not run.
    const c = compileRegex(word.phrase, word.wholeWord)
    if (c.ok) {
      const re = c.re
      m = {
        useLeet: false,
        find(view) {
          const found = re.matcher(view)
          return found.find() ? { start: found.start(1), end: found.end(1) } : null
        },
      }
    }
  } else {
    // Normalise the phrase like the post, so "Kіll" typed with a Cyrillic i still matches. A
    // literal with \s+ between its words cannot backtrack badly, so the built-in engine serves.
    const phrase = normalise(word.phrase).leet
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')
    if (phrase) {
      const source = word.wholeWord ? `(?<![\\p{L}\\p{N}_])(?:${escaped})(?![\\p{L}\\p{N}_])` : escaped
      const re = new RegExp(source, 'u')
      m = {
        useLeet: true,
        find(view) {
          const found = re.exec(view)
          return found ? { start: found.index, end: found.index + found[0].length } : null
        },
      }
    }
  }
  if (cache.size > 5_000) cache.clear()
  cache.set(key, m)
  return m
}

/** The community's watched words that occur in the post, first hit of each word. */
export function detectWatchedWords(n: NormalisedText, words: WatchedWord[]): RuleHit[] {
  const hits: RuleHit[] = []
  for (const word of words) {
    const matcher = compile(word)
    if (!matcher) continue
    const found = matcher.find((matcher.useLeet ? n.leet : n.text).slice(0, MAX_REGEX_INPUT))
    if (!found || found.end === found.start) continue
    hits.push({
      wordId: word.id,
      action: word.action,
      ...(word.category ? { category: word.category } : {}),
      ...(word.message ? { message: word.message } : {}),
      evidence: { ...toOriginal(n, found.start, found.end), reason: `watched word "${word.phrase}"` },
    })
  }
  return hits
}

import { isSafePattern } from 'redos-detector'
import type { RuleHit, WatchedWord } from '../types.ts'
import { normalise, toOriginal, type NormalisedText } from '../normalise.ts'

/** Lead-written patterns only ever see this much text, bounding the work a pattern can do. */
export const MAX_REGEX_INPUT = 20_000
const MAX_PATTERN_LENGTH = 200

export type RegexCheck = { ok: true } | { ok: false; message: string }

/**
 * Vet a lead's regular expression before it is saved. Messages are written for a community
 * lead, not a programmer: what is wrong and what to do instead.
 */
export function checkRegexSafety(pattern: string): RegexCheck {
  if (pattern.trim() === '') return { ok: false, message: 'The pattern is empty. Type the word or phrase you want to watch for.' }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, message: `The pattern is longer than ${MAX_PATTERN_LENGTH} characters. Split it into several shorter watched words.` }
  }
  try {
    new RegExp(pattern, 'iu')
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err)
    return { ok: false, message: `This is not a valid pattern (${detail}). Check that every bracket ( [ { is closed, or turn off "regular expression" to match the text exactly.` }
  }
  let result
  try {
    result = isSafePattern(pattern, { unicode: true, maxSteps: 20_000 })
  } catch {
    return { ok: false, message: 'This pattern uses features we cannot check for safety. Use a simpler pattern, or turn off "regular expression".' }
  }
  if (!result.safe && result.error === 'hitMaxSteps') {
    return { ok: false, message: 'This pattern is too complicated for us to check that it is safe. Use a simpler pattern, or list the words separately.' }
  }
  if (!result.safe) {
    return {
      ok: false,
      message: 'This pattern could make the forum very slow on some posts, because it can match the same text in too many ways (for example a repeat inside a repeat, like "(a+)+"). Remove the nested repeat, or list the words separately.',
    }
  }
  return { ok: true }
}

interface Compiled { re: RegExp | null; useLeet: boolean }
const cache = new Map<string, Compiled>()

function compile(word: WatchedWord): Compiled {
  const key = `${word.id}\u0000${word.regex ? 'r' : 'p'}${word.wholeWord ? 'w' : ''}\u0000${word.phrase}`
  let c = cache.get(key)
  if (c) return c
  if (word.regex) {
    // A pattern saved before checks existed (or edited in the database) is skipped, not run.
    c = { re: checkRegexSafety(word.phrase).ok ? new RegExp(wrap(word.phrase, word.wholeWord), 'giu') : null, useLeet: false }
  } else {
    // Normalise the phrase like the post, so "Kіll" typed with a Cyrillic i still matches.
    const phrase = normalise(word.phrase).leet
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')
    c = { re: phrase ? new RegExp(wrap(escaped, word.wholeWord), 'gu') : null, useLeet: true }
  }
  if (cache.size > 5_000) cache.clear()
  cache.set(key, c)
  return c
}

function wrap(source: string, wholeWord: boolean): string {
  return wholeWord ? `(?<![\\p{L}\\p{N}_])(?:${source})(?![\\p{L}\\p{N}_])` : source
}

/** The community's watched words that occur in the post, first hit of each word. */
export function detectWatchedWords(n: NormalisedText, words: WatchedWord[]): RuleHit[] {
  const hits: RuleHit[] = []
  for (const word of words) {
    const { re, useLeet } = compile(word)
    if (!re) continue
    const view = (useLeet ? n.leet : n.text).slice(0, MAX_REGEX_INPUT)
    re.lastIndex = 0
    const m = re.exec(view)
    if (!m || m[0].length === 0) continue
    hits.push({
      wordId: word.id,
      action: word.action,
      ...(word.category ? { category: word.category } : {}),
      ...(word.message ? { message: word.message } : {}),
      evidence: { ...toOriginal(n, m.index, m.index + m[0].length), reason: `watched word "${word.phrase}"` },
    })
  }
  return hits
}

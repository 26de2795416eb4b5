import { describe, expect, it } from 'vitest'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { checkRegexSafety, detectWatchedWords } from '../../../workers/pipeline/detectors/watched-words.ts'
import type { WatchedWord } from '../../../workers/pipeline/types.ts'

const word = (over: Partial<WatchedWord>): WatchedWord => ({ id: 1, phrase: 'x', wholeWord: false, regex: false, action: 'flag', ...over })

describe('checkRegexSafety', () => {
  it('accepts a simple pattern', () => {
    expect(checkRegexSafety('bit(coin|cash)')).toMatchObject({ ok: true })
  })

  it('accepts a nested repeat, which the linear-time engine cannot be made to backtrack on', () => {
    expect(checkRegexSafety('(a+)+$')).toMatchObject({ ok: true })
    const hits = detectWatchedWords(normalise('a'.repeat(20_000) + '!'), [word({ phrase: '(a+)+b', regex: true })])
    expect(hits).toEqual([])
  })

  it('refuses large counted repeats, whole-word wrapping included, with a plain-language message', () => {
    for (const p of ['a{0,1000}a{0,1000}x', 'a{0,200}b{0,200}', '(a{0,50}){0,50}']) {
      const r = checkRegexSafety(p, true)
      expect(r.ok, p).toBe(false)
      if (!r.ok) expect(r.message).toMatch(/too large/)
    }
  })

  it('refuses look-arounds and back-references, which it would not run', () => {
    for (const p of ['(?<=a)b', 'a(?=b)', '(a)\\1']) {
      const r = checkRegexSafety(p)
      expect(r.ok, p).toBe(false)
      if (!r.ok) expect(r.message).toMatch(/feature we do not run/)
    }
  })

  it('refuses invalid syntax', () => {
    const r = checkRegexSafety('(unclosed')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(/not a valid pattern/)
  })

  it('refuses an empty pattern', () => {
    expect(checkRegexSafety('  ').ok).toBe(false)
  })
})

describe('detectWatchedWords', () => {
  it('matches a phrase on normalised text and quotes the original', () => {
    const original = 'Buy CHEAP-ish stuff from ℭ𝔬𝔫𝔱𝔬𝔰𝔬 now'
    const hits = detectWatchedWords(normalise(original), [word({ id: 7, phrase: 'cheap-ish', action: 'hold' })])
    expect(hits).toHaveLength(1)
    expect(hits[0]).toMatchObject({ wordId: 7, action: 'hold' })
    expect(hits[0]!.evidence.phrase).toBe('CHEAP-ish')
  })

  it('sees through leetspeak and zero-width characters', () => {
    const hits = detectWatchedWords(normalise('sp\u200Bo0n'), [word({ phrase: 'spoon' })])
    expect(hits).toHaveLength(1)
  })

  it('respects whole-word matching', () => {
    const words = [word({ id: 1, phrase: 'ass', wholeWord: true })]
    expect(detectWatchedWords(normalise('a class assessment'), words)).toHaveLength(0)
    expect(detectWatchedWords(normalise('what an ass.'), words)).toHaveLength(1)
  })

  it('runs safe regexes and skips unsafe ones', () => {
    const words = [
      word({ id: 1, phrase: 'bit(coin|cash)', regex: true, action: 'block', message: 'No crypto' }),
      word({ id: 2, phrase: 'a{0,1000}a{0,1000}', regex: true }),
    ]
    const hits = detectWatchedWords(normalise('Pay in Bitcoin aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'), words)
    expect(hits.map((h) => h.wordId)).toEqual([1])
    expect(hits[0]).toMatchObject({ action: 'block', message: 'No crypto' })
  })

  it('carries the category of a warn rule', () => {
    const hits = detectWatchedWords(normalise('talk about the diet'), [word({ phrase: 'diet', action: 'warn', category: 'eating_disorder' })])
    expect(hits[0]?.category).toBe('eating_disorder')
  })
})

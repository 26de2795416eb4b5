import { describe, expect, it } from 'vitest'
import { normalise, ownWords, splitQuoted, toOriginal } from '../../../workers/pipeline/normalise.ts'

describe('normalise', () => {
  it('removes zero-width characters so hidden splits do not break words', () => {
    expect(normalise('ki\u200Bll my\u200Cself').leet).toBe('kill myself')
    expect(normalise('o\u200Dver\u2060dose').text).toBe('overdose')
  })

  it('folds Cyrillic and Greek look-alikes to Latin letters', () => {
    expect(normalise('kіll mуѕеlf').text).toBe('kill myself')
    expect(normalise('ΚΙLL').text).toBe('kill')
  })

  it('undoes leetspeak inside words only', () => {
    const n = normalise('g0nna k1ll mys3lf t0night, took 800mg at 3am, call 116 123')
    expect(n.leet).toBe('gonna kill myself tonight, took 800mg at 3am, call 116 123')
    expect(n.text).toContain('k1ll')
  })

  it('keeps sentence punctuation and handles intact', () => {
    expect(normalise('Hello! @sam_99').leet).toBe('hello! @sam_99')
  })

  it('applies NFKC compatibility folding, strips accents and collapses spaces', () => {
    expect(normalise('ＫＩＬＬ   mé\t now').text).toBe('kill me now')
  })

  it('maps a normalised range back to the original text', () => {
    const original = 'I am ki\u200Bll my\u200Bself now'
    const n = normalise(original)
    const at = n.leet.indexOf('kill myself')
    const span = toOriginal(n, at, at + 'kill myself'.length)
    expect(span.phrase).toBe('ki\u200Bll my\u200Bself')
    expect(original.slice(span.start, span.end)).toBe(span.phrase)
  })

  it('keeps one map entry per normalised character', () => {
    const n = normalise('ＡＢ\u200Bc  d')
    expect(n.map).toHaveLength(n.text.length)
    expect(n.leet).toHaveLength(n.text.length)
  })
})

describe('quoted text', () => {
  it('separates Markdown blockquotes (and their lazy continuation) from own words', () => {
    const n = normalise('> I want to die\nstill quoted\n\nMy own reply here')
    expect(splitQuoted(n)).toEqual({ own: 'my own reply here', quoted: 'i want to die\nstill quoted' })
  })

  it('blanks quoted lines without moving offsets', () => {
    const n = normalise('> quoted line\n\nmine')
    const own = ownWords(n)
    expect(own.text).toHaveLength(n.text.length)
    expect(own.text).not.toContain('quoted')
    expect(own.text.endsWith('mine')).toBe(true)
  })
})

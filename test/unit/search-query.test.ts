import { describe, expect, it } from 'vitest'
import { readVarints } from '../../server/services/search-rank.ts'
import { writeVarints } from '../../server/db/search-postgres.ts'
import { parseSearch, snippetHtml, toFtsQuery, toTsQuery } from '../../server/services/search-query.ts'

const fts = (q: string) => toFtsQuery(parseSearch(q))

describe('what a member types becomes a query FTS5 cannot reject', () => {
  it('keeps words, phrases and prefixes', () => {
    expect(fts('Grief  anniversary')).toBe('"grief" "anniversary"')
    expect(fts('"first christmas" alone')).toBe('"first christmas" "alone"')
    expect(fts('cop*')).toBe('"cop"*')
    expect(fts('café')).toBe('"café"')
  })

  it('turns operators, column filters and stray quotes into words or nothing', () => {
    expect(fts('NEAR(a b')).toBe('"near" "a" "b"')
    expect(fts('title:secret OR body:x')).toBe('"title" "secret" "or" "body" "x"')
    expect(fts('"unbalanced quote')).toBe('"unbalanced" "quote"')
    expect(fts('* ** ^ - ( ) "')).toBe('')
    // A one-letter prefix would expand to much of the vocabulary: it is a plain word.
    expect(fts('a*')).toBe('"a"')
  })

  it('bounds the work: 200 characters, 8 terms', () => {
    expect(parseSearch('w '.repeat(5000))).toHaveLength(8)
    expect(fts('x'.repeat(10_000)).length).toBeLessThanOrEqual(202)
  })
})

describe('the same terms as a PostgreSQL tsquery', () => {
  const ts = (q: string, join?: 'all' | 'any') => toTsQuery(parseSearch(q), join)
  it('quotes every word: phrases follow one another (<->), prefixes are :*, all terms must match', () => {
    expect(ts('Grief  anniversary')).toBe("('grief') & ('anniversary')")
    expect(ts('"first christmas" cop*')).toBe("('first' <-> 'christmas') & ('cop':*)")
    expect(ts('"first christmas" cop*', 'any')).toBe("('first' <-> 'christmas') | ('cop':*)")
  })
  it("leaves PostgreSQL's operators and quotes as words or nothing", () => {
    expect(ts("it's NOT a & b | !c <-> d:* \\")).toBe("('it') & ('s') & ('not') & ('a') & ('b') & ('c') & ('d')")
    expect(ts('* \' "')).toBe('')
  })
  it("writes token counts as FTS5's varints", () => {
    for (const v of [
      [0, 0],
      [3, 127],
      [128, 300],
      [2_000_000, 1],
    ])
      expect(readVarints(writeVarints(v))).toEqual(v)
  })
})

describe('snippets escape the member’s text, then mark the matches', () => {
  it('marks whole words and prefixes, case-insensitively, and nothing of the text is markup', () => {
    const s = snippetHtml('Evenings <b>are</b> hard & coping is harder. Copy that.', parseSearch('evenings cop*'))
    expect(s).toBe('<mark>Evenings</mark> &lt;b&gt;are&lt;/b&gt; hard &amp; <mark>coping</mark> is harder. <mark>Copy</mark> that.')
  })

  it('starts near the first match in a long post, with ellipses', () => {
    const text = `${'filler words here. '.repeat(40)}the lanterns by the river ${'more words after. '.repeat(40)}`
    const s = snippetHtml(text, parseSearch('lanterns'))
    expect(s.startsWith('… ')).toBe(true)
    expect(s.endsWith(' …')).toBe(true)
    expect(s).toContain('<mark>lanterns</mark>')
    expect(s.length).toBeLessThan(300)
  })
})

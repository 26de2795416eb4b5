// Relevance for search (issue 21): FTS5's bm25 formula, computed here over one window of
// candidates, with each term's document count bounded in cost. FTS5's bm25() counts every post
// holding each term on every query (a pass over a word's whole list: 13 ms for a word in two thirds
// of a million posts); here a term is counted up to a cap and, past it, estimated from how densely
// it occurs among the newest posts. Everything else is FTS5's: k1 = 1.2, b = 0.75, IDF =
// ln((N - n + 0.5) / (n + 0.5)) (1e-6 when not positive), the title weighing three times the body,
// document lengths from FTS5's own token counts. Pure: no database.
import type { SearchTerm } from './search-query.ts'

export const TITLE_WEIGHT = 3
const K1 = 1.2
const B = 0.75

export interface RankStats {
  /** One IDF per term, in the order of the query's terms. */
  idf: number[]
  /** Average tokens per indexed post (all columns). */
  avgdl: number
}

/** SQLite varints (as FTS5 writes its totals and docsize records), one after another. */
export function readVarints(buf: Uint8Array): number[] {
  const out: number[] = []
  let i = 0
  while (i < buf.length) {
    let v = 0
    for (let k = 0; i < buf.length; k++) {
      const byte = buf[i++]!
      if (k === 8) {
        v = v * 256 + byte
        break
      }
      v = v * 128 + (byte & 0x7f)
      if ((byte & 0x80) === 0) break
    }
    out.push(v)
  }
  return out
}

export interface TermCount {
  /** Posts counted (at most `cap`), newest first. */
  n: number
  /** The oldest post among those counted. */
  oldest: number | null
}

/**
 * The statistics bm25 needs. A term found in fewer than `cap` posts has its exact count (as FTS5
 * would); one that reaches the cap is estimated as cap x (posts indexed / ids spanned by its
 * newest `cap` posts): its density among recent posts, applied to the whole index.
 */
export function rankStats(totals: Uint8Array | null, newest: number | null, counts: TermCount[], cap: number): RankStats {
  const [nRow = 0, ...columns] = totals ? readVarints(totals) : []
  const tokens = columns.reduce((a, b) => a + b, 0)
  const rows = Math.max(1, nRow)
  const idf = counts.map(({ n, oldest }) => {
    let hits = n
    if (n >= cap && oldest !== null && newest !== null) hits = Math.min(rows, Math.max(cap, (cap * rows) / Math.max(1, newest - oldest + 1)))
    const v = Math.log((rows - hits + 0.5) / (hits + 0.5))
    return v > 0 ? v : 1e-6
  })
  return { idf, avgdl: Math.max(1e-9, tokens / rows) }
}

/** A cursor's statistics: at most `maxTerms` IDFs, all positive, and a positive length. */
export const isRankStats = (v: unknown, maxTerms: number): v is RankStats =>
  typeof v === 'object' &&
  v !== null &&
  Array.isArray((v as RankStats).idf) &&
  (v as RankStats).idf.length <= maxTerms &&
  (v as RankStats).idf.every((x) => Number.isFinite(x) && x > 0) &&
  Number.isFinite((v as RankStats).avgdl) &&
  (v as RankStats).avgdl > 0

/** Lower case, compatibility forms and diacritics folded, as FTS5's unicode61 remove_diacritics 2 does. */
const fold = (s: string) => (/[^ -~\s]/.test(s) ? s.normalize('NFKD').replace(/\p{M}/gu, '') : s).toLowerCase()

/** One RegExp per term: its words in a row, whole words, the last one a prefix for "word*". */
export function termMatchers(terms: SearchTerm[]): RegExp[] {
  return terms.map((t) => {
    // Words are letters, digits and marks only (search-query.ts): nothing in them is special to a RegExp.
    const words = t.words.map(fold)
    const tail = t.prefix ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'
    return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[^\\p{L}\\p{N}]+')}${tail}`, 'gu')
  })
}

const countIn = (re: RegExp, text: string) => {
  let n = 0
  re.lastIndex = 0
  while (re.exec(text)) n++
  return n
}

export interface RankInput {
  id: number
  title: string
  body: string
  /** FTS5's docsize record: tokens in the title (0 unless the thread's first post), then the body. */
  sz: Uint8Array
}

/** bm25 of one candidate, higher is better (FTS5's bm25() returns the same number negated). */
export function bm25(c: RankInput, matchers: RegExp[], stats: RankStats): number {
  const [titleTokens = 0, bodyTokens = 0] = readVarints(c.sz)
  const title = titleTokens > 0 ? fold(c.title) : ''
  const body = fold(c.body)
  const norm = K1 * (1 - B + (B * (titleTokens + bodyTokens)) / stats.avgdl)
  let score = 0
  matchers.forEach((re, i) => {
    // The index matched every term in this post; a term our reading misses still counts once.
    const freq = TITLE_WEIGHT * (title ? countIn(re, title) : 0) + countIn(re, body) || 1
    score += stats.idf[i]! * ((freq * (K1 + 1)) / (freq + norm))
  })
  return score
}

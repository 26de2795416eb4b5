import table from '../model/crisis-urgency.json' with { type: 'json' }
import { toOriginal, type NormalisedText } from '../normalise.ts'
import type { Evidence } from '../types.ts'
import { LETHAL_MEANS, modifierHits, STRONG_GOODBYE, type CrisisHit, type CrisisResult, type CrisisSignal } from './crisis.ts'
import { IDIOMS, modelTokens } from './crisis-model.ts'
import { isPastFramed } from './context.ts'
import { TokenVocabulary, strongestTokens } from './tokens.ts'

/**
 * The urgency stage: of the posts already flagged at concern (by the rules, or by the flag model),
 * which read like the urgent ones? A naive Bayes model trained by scripts/train-crisis-model.ts on
 * the flagged training posts only (urgent against concern), over the writer's own words (quotes
 * and reported speech excluded, as the rules read them) and over feature tokens for what the rules
 * found: a means, a time, a goodbye, "no plan", the past framing of a recovery story. The rules
 * recognise the urgent wordings someone listed; on posts written afresh most urgent posts reached
 * moderators only at concern. The stage promotes concern to urgent when the score passes a
 * threshold chosen by cross-validation, and cites the words and phrases that made it urgent. It
 * never reads a post nobody flagged, so a resemblance alone never pages anyone.
 */

/** Who put the post at concern: the rules (on evidence) or the flag model (on a resemblance). */
export type ConcernSource = 'rules' | 'model'

export interface UrgencyTable {
  prior: number
  /** Word and word-pair tokens (as modelTokens() gives them) and feature tokens ("#time"), each a log-likelihood ratio. */
  weights: Record<string, number>
}

export interface UrgencyVerdict {
  urgent: boolean
  score: number
  /** On promotion: what made the post urgent, strongest first, quoted from the original text. */
  evidence: Evidence[]
}

/** A feature token and, when a phrase fired for it, that phrase (to cite). */
interface Feature {
  token: string
  hit?: CrisisHit
}

/** Signals whose phrases the rules only read when another one fired; modifierHits() reads them always. */
const MODIFIERS = new Set<CrisisSignal>(['time', 'threat_serious', 'no_plan'])

/**
 * What the rules found, as tokens the model can weigh: "#<signal>" and "#<signal>:<reason>" for every
 * phrase that fired, whether the flag came from the rules or the model, and the cues decide() in
 * crisis.ts gives most weight (a strong farewell, a lethal means, two goodbyes, a story told as past).
 */
export function urgencyFeatures(crisis: CrisisResult, source: ConcernSource): Feature[] {
  const out: Feature[] = [{ token: `#source:${source}` }]
  const hits = [...crisis.hits.filter((h) => !MODIFIERS.has(h.signal) && h.signal !== 'leaving'), ...modifierHits(crisis.view)]
  const seen = new Set<string>()
  const add = (token: string, hit?: CrisisHit) => {
    if (seen.has(token)) return
    seen.add(token)
    out.push(hit ? { token, hit } : { token })
  }
  const goodbyes = new Set<string>()
  for (const h of hits) {
    add(`#${h.signal}`, h)
    add(`#${h.signal}:${h.reason}`, h)
    if (h.signal === 'goodbye') {
      goodbyes.add(h.reason)
      if (STRONG_GOODBYE.has(h.reason)) add('#strong_goodbye', h)
    }
    if (h.signal === 'means' && LETHAL_MEANS.has(h.reason)) add('#lethal_means', h)
  }
  if (goodbyes.size >= 2) add('#goodbyes')
  if (crisis.hits.some((h) => h.signal === 'leaving')) add('#leaving')
  if (isPastFramed(crisis.view, 0, crisis.view.length)) add('#past_frame')
  return out
}

/** The words the model reads: the rules' view, with everyday idioms ("killing me") blanked. */
function wordText(view: string): string {
  return view.replace(IDIOMS, (m) => ' '.repeat(m.length))
}

/** Every token the model reads for a flagged post (what the training script counts). */
export function urgencyTokens(crisis: CrisisResult, source: ConcernSource): Set<string> {
  const tokens = modelTokens(wordText(crisis.view))
  for (const f of urgencyFeatures(crisis, source)) tokens.add(f.token)
  return tokens
}

const WORD = /[a-z0-9']+/g

/**
 * Where each of `tokens` (words or "a_b" pairs) first occurs in `text`, as [start, end). A pair read
 * across the end of a sentence ("anymore. Love") is not cited: it reads as two fragments.
 */
function locate(text: string, tokens: Set<string>): Map<string, [number, number]> {
  const found = new Map<string, [number, number]>()
  let prev: { word: string; start: number; end: number } | undefined
  for (const m of text.matchAll(WORD)) {
    const word = m[0].replace(/'/g, '')
    if (word === '') continue
    const start = m.index!
    const end = start + m[0].length
    if (tokens.has(word) && !found.has(word)) found.set(word, [start, end])
    if (prev && !/[.!?;\n]/.test(text.slice(prev.end, start))) {
      const pair = `${prev.word}_${word}`
      if (tokens.has(pair) && !found.has(pair)) found.set(pair, [prev.start, end])
    }
    prev = { word, start, end }
  }
  return found
}

const REASON_WORDS = 'reads like posts that needed a moderator within minutes (urgency model)'

export class UrgencyModel {
  private readonly vocab: TokenVocabulary
  private readonly wordWeights: Float64Array
  private readonly featureWeights: Map<string, number>
  private readonly prior: number

  constructor(
    table: UrgencyTable,
    readonly threshold: number,
  ) {
    this.prior = table.prior
    const words = Object.keys(table.weights).filter((t) => !t.startsWith('#'))
    this.vocab = new TokenVocabulary(words)
    this.wordWeights = Float64Array.from(this.vocab.tokens, (t) => table.weights[t]!)
    this.featureWeights = new Map(Object.entries(table.weights).filter(([t]) => t.startsWith('#')))
  }

  /** Score a post at concern; `n` is the normalised post, `crisis` what the rules made of it. */
  assess(n: NormalisedText, crisis: CrisisResult, source: ConcernSource): UrgencyVerdict {
    const text = wordText(crisis.view)
    const present = this.vocab.lookup(text)
    const features = urgencyFeatures(crisis, source)
    let s = this.prior
    for (const i of present) s += this.wordWeights[i]!
    for (const f of features) s += this.featureWeights.get(f.token) ?? 0
    if (s <= this.threshold) return { urgent: false, score: s, evidence: [] }

    // What pushed it over: the rules' phrases the model weighs towards urgent (a time, a means, a
    // goodbye), then the words, strongest first. A phrase is cited once, under its strongest reason.
    const cited: { weight: number; start: number; end: number; reason: string }[] = []
    for (const f of features) {
      const w = this.featureWeights.get(f.token) ?? 0
      if (w > 0 && f.hit && f.hit.end > f.hit.start) cited.push({ weight: w, start: f.hit.start, end: f.hit.end, reason: `${f.hit.reason} (urgency model)` })
    }
    const top = strongestTokens(present, this.vocab.tokens, (i) => this.wordWeights[i]!).slice(0, 6)
    const at = locate(text, new Set(top.map(([t]) => t)))
    for (const [t, w] of top) {
      const span = at.get(t)
      if (span) cited.push({ weight: w, start: span[0], end: span[1], reason: REASON_WORDS })
    }
    cited.sort((a, b) => b.weight - a.weight || a.start - b.start)
    const evidence: Evidence[] = []
    const taken: [number, number][] = []
    for (const c of cited) {
      if (taken.some(([s0, e0]) => c.start < e0 && s0 < c.end)) continue
      taken.push([c.start, c.end])
      evidence.push({ ...toOriginal(n, c.start, c.end), reason: c.reason })
      if (evidence.length === 6) break
    }
    return { urgent: true, score: s, evidence }
  }
}

const COMMITTED = new UrgencyModel(table.urgency as UrgencyTable, table.urgencyThreshold as number)

/** The committed model: scripts/train-crisis-model.ts writes workers/pipeline/model/crisis-urgency.json. */
export function modelUrgency(n: NormalisedText, crisis: CrisisResult, source: ConcernSource): UrgencyVerdict {
  return COMMITTED.assess(n, crisis, source)
}

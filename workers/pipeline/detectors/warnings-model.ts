import model from '../model/warnings-nb.json' with { type: 'json' }
import { WARNING_CATEGORIES, type WarningCategory } from '../types.ts'
import type { NormalisedText } from '../normalise.ts'
import { IDIOMS, modelTokens } from './crisis-model.ts'
import { TokenVocabulary, strongestTokens } from './tokens.ts'

/**
 * A second opinion for the content-warning rules: one naive Bayes table per category, trained by
 * scripts/train-warnings-model.ts on the labelled posts the crisis model learns from. The rules
 * know the wordings someone listed ("relapsed", "cut myself"); on posts written afresh they missed
 * about four warnings in ten (a death's last hours told without "breathing stopped", abuse told
 * without the word). The model only ever ADDS a category the rules left out, and only for the
 * categories where cross-validation on the training posts showed that it raised F1 and that at
 * least two in three of its additions were right; each has its own threshold, chosen the same way.
 *
 * It reads the whole post, quoted Markdown included, as the rules do: a content warning is about
 * what a reader will see, and a reader sees the quote (in the labelled sets a reply quoting "I want
 * to die" carries `suicide` while its crisis level is none). Whether the WRITER is in crisis is
 * the crisis detectors' call, and they read the writer's own words only.
 */

export interface WarningModelHit {
  category: WarningCategory
  score: number
  threshold: number
}

interface CategoryModel {
  /** null: cross-validation found no threshold at which the model helped; the rules decide alone. */
  threshold: number | null
  prior?: number
}

// Read loosely, so the training script can still load this module while the file is being rewritten.
const stored = model as {
  categories?: Partial<Record<WarningCategory, CategoryModel>>
  vocabulary?: string[]
  weights?: Partial<Record<WarningCategory, number[]>>
}
const CATEGORIES = stored.categories ?? {}
const VOCABULARY = stored.vocabulary ?? []
const TABLES = stored.weights ?? {}

/** The active categories, in category order. */
const ACTIVE: { category: WarningCategory; index: number; prior: number; threshold: number }[] = []
for (const category of WARNING_CATEGORIES) {
  const m = CATEGORIES[category]
  if (!m || m.threshold === null || m.prior === undefined || !TABLES[category]) continue
  ACTIVE.push({ category, index: ACTIVE.length, prior: m.prior, threshold: m.threshold })
}
const K = ACTIVE.length
const VOCAB = new TokenVocabulary(K === 0 ? [] : VOCABULARY)
/** WEIGHTS[token * K + category index]. */
const WEIGHTS = new Float64Array(VOCAB.tokens.length * K)
for (const a of ACTIVE)
  TABLES[a.category]!.forEach((w, i) => {
    WEIGHTS[i * K + a.index] = w
  })

/** The categories the model may add (the others are left to the rules). */
export const MODEL_CATEGORIES: readonly WarningCategory[] = ACTIVE.map((a) => a.category)

/**
 * The text the warnings model reads: the whole post (quotes included), with the everyday idioms of
 * death and harm ("this paperwork is killing me") removed, so they do not read as a death or a
 * violence. The training script takes modelTokens() of the same text.
 */
export function warningText(n: NormalisedText): string {
  return n.leet.replace(IDIOMS, ' ')
}

/** The tokens of warningText(), as the training script counts them. */
export function warningTokens(n: NormalisedText): Set<string> {
  return modelTokens(warningText(n))
}

function scores(present: number[]): Float64Array {
  const s = new Float64Array(K)
  for (const a of ACTIVE) s[a.index] = a.prior
  for (const t of present) {
    const base = t * K
    for (let i = 0; i < K; i++) s[i] += WEIGHTS[base + i]!
  }
  return s
}

/** Raw scores (summed log-likelihood ratios) for every active category, in MODEL_CATEGORIES order. */
export function warningScores(n: NormalisedText): Float64Array {
  return scores(VOCAB.lookup(warningText(n)))
}

/**
 * The categories the rules did not find (`found`) and the model would add. `allowed` limits the
 * categories considered (a community that turned one off). Deterministic: fixed tables, no state.
 */
export function modelWarnings(n: NormalisedText, found: ReadonlySet<WarningCategory>, allowed?: ReadonlySet<WarningCategory>): WarningModelHit[] {
  const open = ACTIVE.filter((a) => !found.has(a.category) && (allowed === undefined || allowed.has(a.category)))
  if (open.length === 0) return []
  const s = warningScores(n)
  const hits: WarningModelHit[] = []
  for (const a of open) {
    const score = s[a.index]!
    if (score > a.threshold) hits.push({ category: a.category, score, threshold: a.threshold })
  }
  return hits
}

/** The words that pushed a category's score up most: for a moderator, and for tests. */
export function topWarningWords(n: NormalisedText, category: WarningCategory, count = 5): string[] {
  const a = ACTIVE.find((x) => x.category === category)
  if (!a) return []
  return strongestTokens(VOCAB.lookup(warningText(n)), VOCAB.tokens, (t) => WEIGHTS[t * K + a.index]!)
    .slice(0, count)
    .map(([t]) => t.replace('_', ' '))
}

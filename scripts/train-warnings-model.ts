// Trains the content-warnings model (one naive Bayes table per category) and writes
// workers/pipeline/model/warnings-nb.json. Thresholds are chosen by k-fold cross-validation on the
// training posts alone: for each fold a model is trained on the other folds and scores that fold,
// on top of what the rules found, and each category gets the threshold that gives the best F1 of
// rules + model; a category where no threshold helps is left to the rules.
// The F1 is measured on the train-* posts only (written only for training: the rules were never
// tuned on them, so the rules miss there about as much as on posts nobody has seen; on the dev
// corpus and the old probes the rules were widened until they missed almost nothing, which would
// make any addition look like noise). The model itself learns from every training post.
// Usage: node --import tsx scripts/train-warnings-model.ts [--check] [--cv]
//   --check: train again and fail if the committed model differs (CI-safe: no file written).
//   --cv:    print the cross-validation table (rules alone, rules + model) without writing.
// Training posts: the files the crisis model trains on (scripts/train-crisis-model.ts FILES) that
// carry warning labels. probe-d and probe-e are never trained on: they measure posts nobody has seen.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { FILES } from './train-crisis-model.ts'
import { classify } from '../workers/pipeline/classify.ts'
import { normalise } from '../workers/pipeline/normalise.ts'
import { warningTokens } from '../workers/pipeline/detectors/warnings-model.ts'
import { WARNING_CATEGORIES, type WarningCategory } from '../workers/pipeline/types.ts'
import { foldOf as hashFold, scoreWith, round, writeOrCheck } from './model-training.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUT = path.join(root, 'workers/pipeline/model/warnings-nb.json')

interface Post {
  id: string
  community: string
  text: string
  author?: { accountAgeDays: number; postCount: number }
  labels: { warnings?: WarningCategory[] }
}

/** One training post, read once: its tokens, what the rules (without this model) found, and its labels. */
export interface Prepared {
  key: string
  text: string
  tokens: Set<string>
  rules: Set<WarningCategory>
  labels: Set<WarningCategory>
}

export interface TrainOptions {
  /** Weight, in posts, of the smoothing of each class's token rate towards the rate over all posts. */
  strength: number
  /** A token must occur in at least this many training posts. */
  minCount: number
}

/** strength 50 had the best cross-validated F1 of 10, 20, 50, 100 and 200 (2 and 1,000 were worse too). */
export const TRAIN: TrainOptions = { strength: 50, minCount: 2 }
export const FOLDS = 10
/** The grid of thresholds (summed log-likelihood ratios) cross-validation chooses from. */
export const GRID = Array.from({ length: 161 }, (_, i) => -20 + i * 0.5)
/** The posts thresholds are chosen on: those the rules were never tuned on. */
export const CHOOSE_ON = (p: Prepared) => /^train-/.test(p.key)
/**
 * Of the warnings the model adds in cross-validation, at least two in three must be right: a reader
 * who sees a needless warning learns to ignore them. (At 0.5 and 0.6 the nested F1 was about the same and
 * the precision lower; at 2/3 substance_use is left to the rules: what the model added there was
 * right only about half the time.)
 */
export const MIN_ADDED_PRECISION = 2 / 3
/** A category is handed to the model only if it gains at least this much F1 over the rules alone. */
export const MIN_F1_GAIN = 0.01
/** ... and it must add at least this many right warnings there (one post proves nothing). */
export const MIN_ADDED_RIGHT = 2

const load = (f: string): (Post & { file: string })[] =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ({ ...(JSON.parse(l) as Post), file: path.basename(f) }))

export function trainingPosts(files: string[] = FILES): Prepared[] {
  return files
    .flatMap(load)
    .filter((p) => Array.isArray(p.labels.warnings))
    .map((p) => ({
      key: `${p.file}:${p.id}`,
      text: p.text,
      tokens: warningTokens(normalise(p.text)),
      rules: new Set(classify(p, undefined, { warningsModel: false, linear: false }).warnings),
      labels: new Set(p.labels.warnings),
    }))
}

/**
 * Bernoulli naive Bayes for one category, as per-token log-likelihood ratios. The warnings are rare
 * (2 to 40 posts in 100), so add-one smoothing would give every rare word a large positive weight
 * (one in 20 positives looks far likelier than two in 1,000 negatives); instead each class's rate
 * is smoothed towards the token's rate over all posts, as if `strength` more posts had shown that
 * rate, so a word seen once or twice moves the score little and a word seen in no positive post
 * counts against the category.
 */
export function trainTables(posts: Prepared[], opts: TrainOptions = TRAIN): Record<WarningCategory, Table> {
  // One pass counts, for each token, the posts it occurs in and, per category, the positive ones.
  const all = new Map<string, number>()
  const pos = Object.fromEntries(WARNING_CATEGORIES.map((c) => [c, new Map<string, number>()])) as Record<WarningCategory, Map<string, number>>
  const nPos = Object.fromEntries(WARNING_CATEGORIES.map((c) => [c, 0])) as Record<WarningCategory, number>
  for (const p of posts) {
    for (const c of p.labels) nPos[c]++
    for (const t of p.tokens) {
      all.set(t, (all.get(t) ?? 0) + 1)
      for (const c of p.labels) pos[c].set(t, (pos[c].get(t) ?? 0) + 1)
    }
  }
  const n = posts.length
  return Object.fromEntries(
    WARNING_CATEGORIES.map((c) => {
      const nNeg = n - nPos[c]
      const weights = new Map<string, number>()
      for (const [t, count] of all) {
        if (count < opts.minCount) continue
        const cp = pos[c].get(t) ?? 0
        const cn = count - cp
        const base = (count + 1) / (n + 2)
        weights.set(t, round(Math.log((cp + opts.strength * base) / (nPos[c] + opts.strength) / ((cn + opts.strength * base) / (nNeg + opts.strength)))))
      }
      return [c, { prior: round(Math.log((nPos[c] + 1) / (nNeg + 1))), weights }]
    }),
  ) as Record<WarningCategory, Table>
}

export interface Table {
  prior: number
  weights: Map<string, number>
}

export const foldOf = (key: string, k = FOLDS) => hashFold(key, k)

/** Out-of-fold scores: scores[c][i] for post i from a model that never saw it. */
export function outOfFold(posts: Prepared[], opts: TrainOptions = TRAIN, k = FOLDS): Record<WarningCategory, number[]> {
  const scores = Object.fromEntries(WARNING_CATEGORIES.map((c) => [c, new Array<number>(posts.length).fill(0)])) as Record<WarningCategory, number[]>
  const folds = posts.map((p) => foldOf(p.key, k))
  for (let f = 0; f < k; f++) {
    const tables = trainTables(
      posts.filter((_, i) => folds[i] !== f),
      opts,
    )
    for (const c of WARNING_CATEGORIES) {
      posts.forEach((p, i) => {
        if (folds[i] === f) scores[c][i] = scoreWith(tables[c], p.tokens)
      })
    }
  }
  return scores
}

export interface Counts {
  tp: number
  fp: number
  fn: number
}
export const f1 = ({ tp, fp, fn }: Counts) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn))

/** Rules alone and rules + model at threshold t (null: rules alone) for one category. */
export function countsAt(
  posts: Prepared[],
  scores: number[],
  c: WarningCategory,
  t: number | null,
  only?: (p: Prepared) => boolean,
): Counts & { added: number; addedRight: number } {
  const r = { tp: 0, fp: 0, fn: 0, added: 0, addedRight: 0 }
  posts.forEach((p, i) => {
    if (only && !only(p)) return
    const want = p.labels.has(c)
    const byModel = !p.rules.has(c) && t !== null && scores[i]! > t
    const got = p.rules.has(c) || byModel
    if (byModel) {
      r.added++
      if (want) r.addedRight++
    }
    if (want && got) r.tp++
    else if (got) r.fp++
    else if (want) r.fn++
  })
  return r
}

/**
 * The threshold with the best expected F1 of rules + model on posts like those nobody has seen (the
 * highest on a tie), or null when none gains MIN_F1_GAIN. What the model adds rightly is counted on
 * the posts `on` selects (where the rules miss as they do on unseen posts); how often it adds a
 * wrong warning is a rate over every post that neither the rules nor the label warn on (the model
 * is as wrong on those whatever the rules were tuned on), scaled to the selected posts, so a
 * handful of posts does not decide it. The additions must also be right at least
 * MIN_ADDED_PRECISION of the time, reckoned the same way, and right at least MIN_ADDED_RIGHT times
 * on the selected posts.
 */
export function chooseThreshold(posts: Prepared[], scores: number[], c: WarningCategory, on: (p: Prepared) => boolean = CHOOSE_ON): number | null {
  // What the rules did on the selected posts, and the posts the model could add to.
  const base: Counts = { tp: 0, fp: 0, fn: 0 }
  const open: { score: number; want: boolean; on: boolean }[] = []
  let negAll = 0
  let negOn = 0
  posts.forEach((p, i) => {
    const want = p.labels.has(c)
    const selected = on(p)
    if (p.rules.has(c)) {
      if (selected) {
        if (want) base.tp++
        else base.fp++
      }
      return
    }
    if (selected && want) base.fn++
    if (!want) {
      negAll++
      if (selected) negOn++
    }
    open.push({ score: scores[i]!, want, on: selected })
  })
  let best: number | null = null
  let bestF1 = f1(base) + MIN_F1_GAIN
  for (const t of GRID) {
    let rightOn = 0
    let wrongAll = 0
    for (const o of open) {
      if (o.score <= t) continue
      if (!o.want) wrongAll++
      else if (o.on) rightOn++
    }
    if (rightOn < MIN_ADDED_RIGHT) continue
    const expectedWrong = negAll === 0 ? 0 : (wrongAll / negAll) * negOn
    if (rightOn / (rightOn + expectedWrong) < MIN_ADDED_PRECISION) continue
    const v = f1({ tp: base.tp + rightOn, fn: base.fn - rightOn, fp: base.fp + expectedWrong })
    if (v >= bestF1 - 1e-12) {
      best = t
      bestF1 = v
    }
  }
  return best
}

export function crossValidate(posts: Prepared[], opts: TrainOptions = TRAIN) {
  const oof = outOfFold(posts, opts)
  const thresholds = Object.fromEntries(WARNING_CATEGORIES.map((c) => [c, chooseThreshold(posts, oof[c], c)])) as Record<WarningCategory, number | null>
  return { oof, thresholds }
}

const fmt = (r: Counts) => {
  const p = r.tp + r.fp === 0 ? 1 : r.tp / (r.tp + r.fp)
  const rc = r.tp + r.fn === 0 ? 1 : r.tp / (r.tp + r.fn)
  return `P ${p.toFixed(3)} R ${rc.toFixed(3)} F1 ${f1(r).toFixed(3)} (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`
}
const add = (a: Counts, b: Counts) => {
  a.tp += b.tp
  a.fp += b.fp
  a.fn += b.fn
}

/**
 * The cross-validation table: per category and micro, rules alone and rules + model. `nested`:
 * each fold is scored with thresholds chosen on the other nine folds only, so the figure does not
 * flatter the thresholds (the other figures use the thresholds chosen on all folds).
 */
export function cvReport(
  posts: Prepared[],
  oof: Record<WarningCategory, number[]>,
  thresholds: Record<WarningCategory, number | null>,
  only?: (p: Prepared) => boolean,
): string[] {
  const lines: string[] = []
  const microR: Counts = { tp: 0, fp: 0, fn: 0 }
  const microM: Counts = { tp: 0, fp: 0, fn: 0 }
  const nested: Counts = { tp: 0, fp: 0, fn: 0 }
  const fold = new Map(posts.map((p) => [p, foldOf(p.key)]))
  for (const c of WARNING_CATEGORIES) {
    const r = countsAt(posts, oof[c], c, null, only)
    const m = countsAt(posts, oof[c], c, thresholds[c], only)
    add(microR, r)
    add(microM, m)
    for (let f = 0; f < FOLDS; f++) {
      const t = chooseThreshold(posts, oof[c], c, (p) => CHOOSE_ON(p) && fold.get(p) !== f)
      add(
        nested,
        countsAt(posts, oof[c], c, t, (p) => (only === undefined || only(p)) && fold.get(p) === f),
      )
    }
    lines.push(
      `${c.padEnd(16)} t ` +
        `${thresholds[c] === null ? ' off ' : thresholds[c]!.toFixed(1).padStart(5)}  rules ${fmt(r)}  ->  ${fmt(m)}  added ${m.addedRight}/${m.added}`,
    )
  }
  lines.push(`${'micro'.padEnd(24)}rules ${fmt(microR)}  ->  ${fmt(microM)}`)
  lines.push(`${'micro, nested'.padEnd(24)}rules ${fmt(microR)}  ->  ${fmt(nested)}`)
  return lines
}

function main() {
  const posts = trainingPosts()
  const { oof, thresholds } = crossValidate(posts)
  if (process.argv.includes('--cv')) {
    console.log(`${posts.length} posts, ${FOLDS}-fold cross-validation; thresholds chosen on the train-* posts`)
    for (const l of cvReport(posts, oof, thresholds)) console.log(l)
    console.log('\nof which train-* (written only for training; the rules were never tuned on them):')
    for (const l of cvReport(posts, oof, thresholds, CHOOSE_ON)) console.log(l)
    return
  }
  const active = WARNING_CATEGORIES.filter((c) => thresholds[c] !== null)
  const tables = trainTables(posts)
  // Every table has the same tokens (minCount counts all posts), so they share one vocabulary.
  const vocabulary = [...tables.suicide.weights.keys()].sort((a, b) => (a < b ? -1 : 1))
  const model = {
    note: 'Generated by scripts/train-warnings-model.ts; do not edit by hand.',
    trainedOn: FILES.filter((f) => posts.some((p) => p.key.startsWith(`${path.basename(f)}:`))).map((f) => path.relative(root, f)),
    posts: posts.length,
    smoothing: TRAIN,
    folds: FOLDS,
    thresholdsChosenOn: 'out-of-fold scores of the train-* posts (the rules were never tuned on them)',
    minAddedPrecision: MIN_ADDED_PRECISION,
    minAddedRight: MIN_ADDED_RIGHT,
    cv: { all: cvReport(posts, oof, thresholds), trainOnly: cvReport(posts, oof, thresholds, CHOOSE_ON) },
    categories: Object.fromEntries(
      WARNING_CATEGORIES.map((c) => [c, thresholds[c] === null ? { threshold: null } : { threshold: thresholds[c], prior: tables[c].prior }]),
    ),
  }
  // The metadata readable, the vocabulary and each category's weights (aligned to it) one line each.
  const head = JSON.stringify(model, null, 1).replace(/\n}$/, '')
  const weights = active.map((c) => `  ${JSON.stringify(c)}: ${JSON.stringify(vocabulary.map((t) => tables[c].weights.get(t)))}`).join(',\n')
  const json = `${head},\n "vocabulary": ${JSON.stringify(vocabulary)},\n "weights": {\n${weights}\n }\n}\n`
  if (!writeOrCheck('warnings model', 'scripts/train-warnings-model.ts', [{ path: OUT, json }])) return
  console.log(`wrote ${path.relative(root, OUT)}: ${posts.length} posts; model adds ${active.join(', ') || 'nothing'}`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main()

// Trains the spam model (a Bernoulli naive Bayes over words, word pairs and signal tokens) and
// writes workers/pipeline/model/spam-nb.json. See detectSpam() in workers/pipeline/detectors/spam.ts.
// Usage: node --import tsx scripts/train-spam-model.ts [--check] [--cv]
//   --check: train again and fail if the committed model differs (CI-safe: no file written).
//   --cv:    print the cross-validation figures without writing.
// Training posts: the labelled fixtures (heldout, probe-a, b, c and the
// train-* sets). probe-d and probe-e are never trained on: they measure posts nobody has seen.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { modelTokens } from '../workers/pipeline/detectors/crisis-model.ts'
import { findLinks } from '../workers/pipeline/detectors/links.ts'
import { finish, hasChannel, modelStrength, spamRules, spamSignals, type SpamParts } from '../workers/pipeline/detectors/spam.ts'
import { normalise } from '../workers/pipeline/normalise.ts'
import { foldOf as hashFold, scoreWith, round, writeOrCheck } from './model-training.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const FIXTURES = path.join(root, 'test/unit/pipeline/fixtures')
export const FILES = [...['heldout', 'probe-a', 'probe-b', 'probe-c', 'train-t1', 'train-t2', 'train-t3'].map((f) => path.join(FIXTURES, `${f}.jsonl`))]
const OUT = path.join(root, 'workers/pipeline/model/spam-nb.json')

interface Post {
  id: string
  text: string
  author?: { accountAgeDays: number; postCount: number }
  labels: { spam?: boolean }
}

export interface Prepared {
  key: string
  file: string
  spam: boolean
  tokens: Set<string>
  /** The rules as detectSpam() runs them, and without the promotional phrases (counter-signs always read). */
  rules: SpamParts
  generic: SpamParts
  /** The post gives a way to buy (see hasChannel()). */
  channel: boolean
  text: string
}

export function trainingPosts(files: string[] = FILES): Prepared[] {
  return files
    .flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => ({ ...(JSON.parse(l) as Post), file: path.basename(f, '.jsonl') })),
    )
    .filter((p) => typeof p.labels.spam === 'boolean')
    .map((p) => {
      const n = normalise(p.text)
      const links = findLinks(n)
      const signals = spamSignals(n, links, p.author)
      return {
        key: `${p.file}:${p.id}`,
        file: p.file,
        spam: p.labels.spam!,
        tokens: new Set([...modelTokens(n.leet), ...signals]),
        rules: spamRules(n, links, p.author, true, true),
        generic: spamRules(n, links, p.author, false, true),
        channel: hasChannel(signals),
        text: p.text,
      }
    })
}

export interface TrainOptions {
  /** Weight, in posts, of the smoothing of each class's token rate towards the rate over all posts. */
  strength: number
  /** A token must occur in at least this many training posts. */
  minCount: number
}

export const TRAIN: TrainOptions = { strength: 50, minCount: 2 }
export const FOLDS = 10

export interface Table {
  prior: number
  weights: Map<string, number>
}

/**
 * Bernoulli naive Bayes (present tokens only, as the other models), as per-token log-likelihood
 * ratios. Spam is rare (about 8 posts in 100), so add-one smoothing would give a word seen in one ad
 * a large weight; each class's rate is smoothed towards the token's rate over all posts instead, as
 * if `strength` more posts had shown that rate (the warnings model does the same).
 */
export function trainTable(posts: Prepared[], opts: TrainOptions = TRAIN): Table {
  const all = new Map<string, number>()
  const pos = new Map<string, number>()
  let nPos = 0
  for (const p of posts) {
    if (p.spam) nPos++
    for (const t of p.tokens) {
      all.set(t, (all.get(t) ?? 0) + 1)
      if (p.spam) pos.set(t, (pos.get(t) ?? 0) + 1)
    }
  }
  const n = posts.length
  const nNeg = n - nPos
  const weights = new Map<string, number>()
  for (const [t, count] of all) {
    if (count < opts.minCount) continue
    const cp = pos.get(t) ?? 0
    const cn = count - cp
    const base = (count + 1) / (n + 2)
    weights.set(t, round(Math.log((cp + opts.strength * base) / (nPos + opts.strength) / ((cn + opts.strength * base) / (nNeg + opts.strength)))))
  }
  return { prior: round(Math.log((nPos + 1) / (nNeg + 1))), weights }
}

export const foldOf = (key: string, k = FOLDS) => hashFold(key, k)

/** Out-of-fold scores: scores[i] for post i from a model that never saw it. `group`: the folds (default: FOLDS by hash). */
export function outOfFold(posts: Prepared[], opts: TrainOptions = TRAIN, group: (p: Prepared) => string | number = (p) => foldOf(p.key)): number[] {
  const scores = new Array<number>(posts.length).fill(0)
  const groups = posts.map(group)
  for (const g of new Set(groups)) {
    const table = trainTable(
      posts.filter((_, i) => groups[i] !== g),
      opts,
    )
    posts.forEach((p, i) => {
      if (groups[i] === g) scores[i] = scoreWith(table, p.tokens)
    })
  }
  return scores
}

export interface Counts {
  tp: number
  fp: number
  fn: number
}
const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp))
const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn))
const fmt = (c: Counts) => `P ${precision(c).toFixed(3)} R ${recall(c).toFixed(3)} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`

/** The model's part in a decision, as in SpamModel without the tables. threshold null: the rules alone. */
export interface Setting {
  threshold: number | null
  weight: number
  alone: number | null
  aloneWeight: number
}
export const ALONE_WEIGHT = 0.5
const RULES_ALONE: Setting = { threshold: null, weight: 0, alone: null, aloneWeight: 0 }

/** As detectSpam() decides (score >= 0.5), with the model's out-of-fold log-odds `score`. */
export function decide(parts: SpamParts, score: number, channel: boolean, m: Setting): boolean {
  const strength = modelStrength(m, parts.raw, score, channel)
  const raw = parts.raw + (strength === 'alone' ? m.aloneWeight : strength === 'beside' ? m.weight : 0)
  return finish(raw, parts.benign, [], []).score >= 0.5
}

/**
 * The views of a post's rule signals: as they are; 'minus-one', less its strongest promotional
 * phrase (an ad worded in a way the lexicon does not know); 'generic', with no promotional phrase
 * at all (links, account age, disguise, emoji, shouting only).
 */
export type View = 'rules' | 'minus-one' | 'generic'

export function partsIn(p: Prepared, view: View): SpamParts {
  if (view === 'generic') return p.generic
  if (view === 'minus-one' && p.rules.promo.length > 0) return { ...p.rules, raw: p.rules.raw - Math.max(...p.rules.promo) }
  return p.rules
}

export function counts(posts: Prepared[], scores: number[], m: Setting, view: View, only?: (p: Prepared) => boolean): Counts {
  const c = { tp: 0, fp: 0, fn: 0 }
  posts.forEach((p, i) => {
    if (only && !only(p)) return
    const got = decide(partsIn(p, view), scores[i]!, p.channel, m)
    if (got && p.spam) c.tp++
    else if (got) c.fp++
    else if (p.spam) c.fn++
  })
  return c
}

/** The model on its own: log-odds above t. */
export function modelAlone(posts: Prepared[], scores: number[], t: number, only?: (p: Prepared) => boolean): Counts {
  const c = { tp: 0, fp: 0, fn: 0 }
  posts.forEach((p, i) => {
    if (only && !only(p)) return
    const got = scores[i]! > t
    if (got && p.spam) c.tp++
    else if (got) c.fp++
    else if (p.spam) c.fn++
  })
  return c
}

/** What cross-validation chooses from. */
export const STRENGTHS = [20, 50, 200]
export const WEIGHTS = [0.2, 0.25, 0.3, 0.35, 0.4]
export const GRID = Array.from({ length: 61 }, (_, i) => -5 + i * 0.5)
/**
 * A setting must hold no member's post in cross-validation, at its weight and at this much more:
 * a margin for member posts whose rule signals come a little closer to the line than any here.
 */
export const MARGIN = 0.1
/**
 * The model speaks alone only this far (in log-odds) above the highest-scoring member post it would
 * have flagged in cross-validation: e^2, over seven times the odds of any member post seen.
 */
export const ALONE_MARGIN = 2

export interface Choice extends Setting {
  strength: number
}

/**
 * The setting cross-validation chooses, precision first, from out-of-fold scores.
 * Beside a rule: on the training posts the rules were widened until they missed no spam, so what
 * the model adds there cannot be seen on them as they are; instead each spam post is also scored in
 * the minus-one view. Among the settings under which no member post would be held (full rules, at
 * the weight and at weight + MARGIN), the one that recovers the most spam in the minus-one view; on
 * a tie the higher threshold, then the lower weight, then the lower strength.
 * Alone: ALONE_MARGIN above the highest score of a member post that speaking alone would flag (one
 * that gives a way to buy, where no free-resource counter-sign pulls the score back).
 */
export function choose(posts: Prepared[], oofByStrength: Map<number, number[]>, only?: (p: Prepared) => boolean): Choice | null {
  let best: (Choice & { tp: number }) | null = null
  for (const strength of STRENGTHS) {
    const oof = oofByStrength.get(strength)!
    for (const weight of WEIGHTS) {
      for (const threshold of GRID) {
        const m = { threshold, weight, alone: null, aloneWeight: ALONE_WEIGHT }
        if (counts(posts, oof, m, 'rules', only).fp > 0) continue
        if (counts(posts, oof, { ...m, weight: weight + MARGIN }, 'rules', only).fp > 0) continue
        const tp = counts(posts, oof, m, 'minus-one', only).tp
        if (!best || tp > best.tp || (tp === best.tp && (threshold > best.threshold! || (threshold === best.threshold && weight < best.weight)))) {
          best = { strength, ...m, tp }
        }
      }
    }
  }
  if (!best) return null
  const oof = oofByStrength.get(best.strength)!
  let highest = -Infinity
  posts.forEach((p, i) => {
    if (p.spam || (only && !only(p))) return
    if (decide(p.rules, Infinity, p.channel, { ...best!, alone: -Infinity })) highest = Math.max(highest, oof[i]!)
  })
  const alone = Math.ceil((highest + ALONE_MARGIN) * 2) / 2
  return { strength: best.strength, threshold: best.threshold, weight: best.weight, alone: Number.isFinite(alone) ? alone : null, aloneWeight: ALONE_WEIGHT }
}

/** The cross-validation figures for a choice: out-of-fold (10 folds), nested, and leaving each file out. */
export function cvReport(posts: Prepared[], oofByStrength: Map<number, number[]>, c: Choice): string[] {
  const oof = oofByStrength.get(c.strength)!
  const beside: Setting = { ...c, alone: null }
  const lines: string[] = []
  const trainOnly = (p: Prepared) => p.file.startsWith('train-')
  for (const [name, only] of [
    ['all training posts', undefined],
    ['train-* only', trainOnly],
  ] as const) {
    lines.push(`${name}:`)
    for (const view of ['rules', 'minus-one', 'generic'] as const) {
      lines.push(
        `  ${view.padEnd(9)} rules alone ${fmt(counts(posts, oof, RULES_ALONE, view, only))}; + model ` +
          `beside ${fmt(counts(posts, oof, beside, view, only))}; + alone ${fmt(counts(posts, oof, c, view, only))}`,
      )
    }
    lines.push(`  model alone above ${c.alone} (any post, no channel needed): ${fmt(modelAlone(posts, oof, c.alone ?? Infinity, only))}`)
  }
  // Nested: each fold scored with the setting chosen on the other nine folds only.
  const nested = Object.fromEntries((['rules', 'minus-one', 'generic'] as const).map((v) => [v, { tp: 0, fp: 0, fn: 0 }])) as Record<View, Counts>
  for (let f = 0; f < FOLDS; f++) {
    const inner = choose(posts, oofByStrength, (p) => foldOf(p.key) !== f)
    if (!inner) continue
    for (const view of ['rules', 'minus-one', 'generic'] as const) {
      const k = counts(posts, oofByStrength.get(inner.strength)!, inner, view, (p) => foldOf(p.key) === f)
      nested[view].tp += k.tp
      nested[view].fp += k.fp
      nested[view].fn += k.fn
    }
  }
  lines.push('nested (setting chosen without the fold it scores), rules + model:')
  for (const view of ['rules', 'minus-one', 'generic'] as const) lines.push(`  ${view.padEnd(9)} ${fmt(nested[view])}`)
  // Leave one file out: each labelled set scored by a model trained on the others (written apart, by other hands).
  const lofo = outOfFold(posts, { ...TRAIN, strength: c.strength }, (p) => p.file)
  lines.push('leaving each file out (model trained on the other files), rules + model:')
  for (const view of ['rules', 'minus-one', 'generic'] as const) lines.push(`  ${view.padEnd(9)} ${fmt(counts(posts, lofo, c, view))}`)
  lines.push(`  model alone above ${c.alone} (any post, no channel needed): ${fmt(modelAlone(posts, lofo, c.alone ?? Infinity))}`)
  return lines
}

function main() {
  const posts = trainingPosts()
  const oofByStrength = new Map(STRENGTHS.map((s) => [s, outOfFold(posts, { ...TRAIN, strength: s })]))
  const c = choose(posts, oofByStrength)
  if (!c) throw new Error('no setting holds no member post: the model would stay off')
  const cv = cvReport(posts, oofByStrength, c)
  if (process.argv.includes('--cv')) {
    console.log(
      `${posts.length} posts (${posts.filter((p) => p.spam).length} spam), ` +
        `${FOLDS}-fold cross-validation; chosen: strength ${c.strength}, beside a ` +
        `rule above ${c.threshold} adds ${c.weight}, alone above ${c.alone} adds ${c.aloneWeight}`,
    )
    for (const l of cv) console.log(l)
    return
  }
  const table = trainTable(posts, { ...TRAIN, strength: c.strength })
  const vocabulary = [...table.weights.keys()].filter((t) => !t.startsWith(':')).sort((a, b) => (a < b ? -1 : 1))
  const signals = Object.fromEntries([...table.weights].filter(([t]) => t.startsWith(':')).sort(([a], [b]) => (a < b ? -1 : 1)))
  const model = {
    note: 'Generated by scripts/train-spam-model.ts; do not edit by hand.',
    trainedOn: FILES.map((f) => path.relative(root, f)),
    posts: posts.length,
    spamPosts: posts.filter((p) => p.spam).length,
    smoothing: { strength: c.strength, minCount: TRAIN.minCount },
    folds: FOLDS,
    chosenBy:
      `cross-validation, see choose(): beside a rule, no member post held (at the weight and ` +
      `at +${MARGIN}) and the most spam recovered when each ad loses its strongest ` +
      `promotional phrase; alone, ${ALONE_MARGIN} log-odds above the highest member post it would flag`,
    threshold: c.threshold,
    weight: c.weight,
    alone: c.alone,
    aloneWeight: c.aloneWeight,
    cv,
    prior: table.prior,
    signals,
  }
  const head = JSON.stringify(model, null, 1).replace(/\n}$/, '')
  const json = `${head},\n "vocabulary": ${JSON.stringify(vocabulary)},\n "weights": ${JSON.stringify(vocabulary.map((t) => table.weights.get(t)))}\n}\n`
  if (!writeOrCheck('spam model', 'scripts/train-spam-model.ts', [{ path: OUT, json }])) return
  console.log(
    `wrote ${path.relative(root, OUT)}: ${posts.length} posts, ${vocabulary.length} tokens; ` +
      `beside a rule above ${c.threshold} adds ${c.weight}, alone above ${c.alone} adds ${c.aloneWeight}`,
  )
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main()

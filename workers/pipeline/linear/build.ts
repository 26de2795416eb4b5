/**
 * Builds a safety model file (stack.ts) from labelled posts: reads each post through the rule
 * stages once, cross-validates every model (k folds by a hash of the post's key), fits Platt
 * calibration on the out-of-fold scores, chooses the thresholds on those same out-of-fold
 * probabilities (training posts only; the blind sets are never read here), then trains each model
 * on all the posts. Deterministic. Used by tools/train-safety.ts and `alongside safety train`.
 */
import { ruleStage, sharesQuoted, SHORT_WORDS, wordCount } from '../scan.ts'
import { benignSigns } from '../detectors/spam.ts'
import { defaultSafetySettings, WARNING_CATEGORIES, type CrisisLevel, type WarningCategory } from '../types.ts'
import { featurize, type Features } from './features.ts'
import { toModelJson, type LinearModelJson } from './model.ts'
import { citedHits, isShortUnflagged, contactTokens, crisisTokens, spamTokens, warningTokens, type SafetyModelFile } from './stack.ts'
import { chooseCrisis, chooseF1, crisisLevels } from './thresholds.ts'
import { crossValidate, fitPlatt, sigmoid, trainLogistic, type TrainOptions } from './train.ts'

export interface LabelledPost {
  /** Unique across the training files (file name and id): the fold is a hash of it. */
  key: string
  text: string
  author?: { accountAgeDays: number; postCount: number }
  labels: { crisis: CrisisLevel; warnings: WarningCategory[]; spam: boolean; contact: boolean }
}

export interface BuildOptions {
  bits?: number
  folds?: number
  /** Flagged recall the crisis thresholds must keep on the out-of-fold scores. */
  flaggedRecall?: number
  /** Largest share of non-urgent posts that may read as urgent out of fold. */
  falseUrgentRate?: number
  /**
   * Share of urgent posts that may be left at none out of fold (rounded down: 0 under 200 urgent
   * posts). Without any slack, one unusual post decides the flag threshold for every post.
   */
  urgentMissRate?: number
  log?: (line: string) => void
}

export interface Figures {
  posts: number
  urgentAtNone: number
  flaggedP: number
  flaggedR: number
  falseUrgent: number
  urgentR: number
  spamP: number
  spamR: number
  contactP: number
  contactR: number
  warningsF1: number
  confusion: Record<CrisisLevel, Record<CrisisLevel, number>>
}

export interface Prepared {
  post: LabelledPost
  crisis: Features
  warnings: Features
  spam: Features
  contact: Features
  level: CrisisLevel
  /** The rules' own level (before the older statistical models). */
  ruled: CrisisLevel
  rulesCited: boolean
  /** A short post in which no crisis phrase fired (stack.ts raiseBar). */
  shortUnflagged: boolean
  /** A private detail inside a quoted reply: contact whatever the model says (scan.ts sharesQuoted). */
  quotedDetail: boolean
  /** A short note: the rules and the older model give its warnings (scan.ts). */
  short: boolean
  found: Set<WarningCategory>
}

const OPTS: Record<'crisis' | 'other', Omit<TrainOptions, 'bits'>> = {
  crisis: { epochs: 12, rate: 0.3, l2: 1e-6 },
  other: { epochs: 10, rate: 0.3, l2: 1e-6 },
}

export function prepare(posts: LabelledPost[], bits: number): Prepared[] {
  const settings = defaultSafetySettings()
  return posts.map((post) => {
    const r = ruleStage({ text: post.text, settings, ...(post.author ? { author: { ...post.author, recentTexts: [] } } : {}) }, { quotedContact: true })
    const text = featurize(r.n.text, [], bits, false)
    return {
      post,
      crisis: featurize(r.assessed.rules.view, crisisTokens(r.assessed), bits),
      warnings: withTokens(text, warningTokens(r.found, r.assessed.level, r.ruleFound, r.assessed.rules.hits), bits),
      spam: withTokens(text, spamTokens(r.spam.score, r.spam.reasons, post.author, r.links, r.links.length > 0 ? benignSigns(r.n).reasons : []), bits),
      contact: withTokens(text, contactTokens(r.findings, r.quotedFindings, r.isSpam), bits),
      level: r.assessed.level,
      ruled: r.assessed.rules.level,
      rulesCited: citedHits(r.assessed).length > 0,
      shortUnflagged: isShortUnflagged(r.assessed),
      quotedDetail: sharesQuoted(r.quotedFindings),
      short: wordCount(r.n.text) < SHORT_WORDS,
      found: r.found,
    }
  })
}

/** The whole post's features plus one model's named tokens (at scan time the two are scored apart, scan.ts). */
function withTokens(text: Features, tokens: string[], bits: number): Features {
  const extra = featurize('', tokens, bits)
  return { index: text.index.concat(extra.index), value: text.value.concat(extra.value) }
}

interface Fitted {
  json: LinearModelJson
  oof: number[]
}

function fit(xs: Features[], ys: boolean[], keys: string[], k: number, opts: TrainOptions): Fitted {
  const logits = crossValidate(xs, ys, keys, k, opts)
  const platt = fitPlatt(logits, ys)
  const final = trainLogistic(xs, ys, opts)
  return { json: toModelJson(final.w, final.bias, platt, opts.bits), oof: logits.map((s) => sigmoid(platt[0] * s + platt[1])) }
}

const pr = (got: boolean[], want: boolean[]) => {
  let tp = 0,
    fp = 0,
    fn = 0
  for (let i = 0; i < got.length; i++) {
    if (got[i] && want[i]) tp++
    else if (got[i]) fp++
    else if (want[i]) fn++
  }
  return { tp, fp, fn, p: tp + fp === 0 ? 1 : tp / (tp + fp), r: tp + fn === 0 ? 1 : tp / (tp + fn) }
}

export function figuresOf(
  want: LabelledPost['labels'][],
  got: { crisis: CrisisLevel; warnings: Set<WarningCategory>; spam: boolean; contact: boolean }[],
): Figures {
  const L: CrisisLevel[] = ['none', 'concern', 'urgent']
  const confusion = Object.fromEntries(L.map((e) => [e, Object.fromEntries(L.map((g) => [g, 0]))])) as Figures['confusion']
  want.forEach((w, i) => confusion[w.crisis][got[i]!.crisis]++)
  const flagged = pr(
    got.map((g) => g.crisis !== 'none'),
    want.map((w) => w.crisis !== 'none'),
  )
  const urgent = pr(
    got.map((g) => g.crisis === 'urgent'),
    want.map((w) => w.crisis === 'urgent'),
  )
  const spam = pr(
    got.map((g) => g.spam),
    want.map((w) => w.spam),
  )
  const contact = pr(
    got.map((g) => g.contact),
    want.map((w) => w.contact),
  )
  let tp = 0,
    fp = 0,
    fn = 0
  want.forEach((w, i) => {
    for (const c of WARNING_CATEGORIES) {
      const a = w.warnings.includes(c),
        b = got[i]!.warnings.has(c)
      if (a && b) tp++
      else if (b) fp++
      else if (a) fn++
    }
  })
  return {
    posts: want.length,
    urgentAtNone: confusion.urgent.none,
    flaggedP: flagged.p,
    flaggedR: flagged.r,
    falseUrgent: urgent.fp,
    urgentR: urgent.r,
    spamP: spam.p,
    spamR: spam.r,
    contactP: contact.p,
    contactR: contact.r,
    warningsF1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn),
    confusion,
  }
}

export interface Prediction {
  crisis: CrisisLevel
  warnings: Set<WarningCategory>
  spam: boolean
  contact: boolean
}

export function buildSafetyModels(
  posts: LabelledPost[],
  trainedOn: string[],
  options: BuildOptions = {},
): { file: SafetyModelFile; cv: Figures; predictions: Prediction[] } {
  const bits = options.bits ?? 16
  const k = options.folds ?? 5
  const log = options.log ?? (() => {})
  const p = prepare(posts, bits)
  const keys = posts.map((x) => x.key)
  const L = posts.map((x) => x.labels)
  log(`read ${p.length} posts through the rules`)

  const flagged = fit(
    p.map((x) => x.crisis),
    L.map((l) => l.crisis !== 'none'),
    keys,
    k,
    { bits, ...OPTS.crisis },
  )
  const urgent = fit(
    p.map((x) => x.crisis),
    L.map((l) => l.crisis === 'urgent'),
    keys,
    k,
    { bits, ...OPTS.crisis },
  )
  log('crisis models fitted')
  const crisisT = chooseCrisis(p, flagged.oof, urgent.oof, {
    flaggedRecall: options.flaggedRecall ?? 0.97,
    falseUrgentRate: options.falseUrgentRate ?? 0.002,
    urgentMissRate: options.urgentMissRate ?? 0.005,
  })
  const spam = fit(
    p.map((x) => x.spam),
    L.map((l) => l.spam),
    keys,
    k,
    { bits, ...OPTS.other },
  )
  const contact = fit(
    p.map((x) => x.contact),
    L.map((l) => l.contact),
    keys,
    k,
    { bits, ...OPTS.other },
  )
  const spamT = chooseF1(
    spam.oof,
    L.map((l) => l.spam),
  )
  const contactT = chooseF1(
    contact.oof.map((x, i) => (p[i]!.quotedDetail ? 1 : x)),
    L.map((l) => l.contact),
  )
  const warnings = {} as Record<WarningCategory, Fitted>
  const warningT = {} as Record<WarningCategory, number>
  for (const c of WARNING_CATEGORIES) {
    const ys = L.map((l) => l.warnings.includes(c))
    warnings[c] = fit(
      p.map((x) => x.warnings),
      ys,
      keys,
      k,
      { bits, ...OPTS.other },
    )
    warningT[c] = chooseF1(warnings[c].oof, ys)
  }
  log('spam, contact and warning models fitted')
  for (const c of WARNING_CATEGORIES) {
    const ys = L.map((l) => l.warnings.includes(c))
    const got = warnings[c].oof.map((x) => x >= warningT[c])
    const s = pr(got, ys)
    log(`  warning ${c}: threshold ${warningT[c]}, cross-validated P ${s.p.toFixed(2)} R ${s.r.toFixed(2)} (${ys.filter(Boolean).length} posts)`)
  }

  const levels = crisisLevels(p, flagged.oof, urgent.oof, crisisT)
  // Out of fold: each post as a model that never saw it reads it.
  const predictions: Prediction[] = p.map((_, i) => ({
    crisis: levels[i]!,
    warnings: p[i]!.short ? new Set(p[i]!.found) : new Set(WARNING_CATEGORIES.filter((c) => warnings[c].oof[i]! >= warningT[c])),
    spam: spam.oof[i]! >= spamT,
    contact: contact.oof[i]! >= contactT || p[i]!.quotedDetail,
  }))
  const cv = figuresOf(L, predictions)
  const file: SafetyModelFile = {
    note: 'Generated by tools/train-safety.ts (or alongside safety train); do not edit by hand.',
    format: 1,
    bits,
    trainedOn,
    posts: posts.length,
    crisisFlag: flagged.json,
    crisisUrgent: urgent.json,
    spam: spam.json,
    contact: contact.json,
    warnings: Object.fromEntries(WARNING_CATEGORIES.map((c) => [c, warnings[c].json])) as Record<WarningCategory, LinearModelJson>,
    thresholds: { crisis: crisisT, spam: spamT, contact: contactT, warnings: warningT },
    cv: { folds: k, ...roundFigures(cv) },
  }
  return { file, cv, predictions }
}

function roundFigures(f: Figures): Record<string, unknown> {
  return Object.fromEntries(Object.entries(f).map(([key, v]) => [key, typeof v === 'number' ? Math.round(v * 1000) / 1000 : v]))
}

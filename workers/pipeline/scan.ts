import type { NormalisedText } from './normalise.ts'
import type { CrisisLevel, Evidence, ScanInput, ScanStage, Verdict, WarningCategory } from './types.ts'
import { normalise } from './normalise.ts'
import { detectCrisis, type CrisisResult } from './detectors/crisis.ts'
import { modelCrisis, type ModelVerdict } from './detectors/crisis-model.ts'
import { modelUrgency } from './detectors/urgency.ts'
import { detectWarnings } from './detectors/warnings.ts'
import { modelWarnings } from './detectors/warnings-model.ts'
import { findLinks } from './detectors/links.ts'
import { detectSpam } from './detectors/spam.ts'
import { detectContact } from './detectors/contact.ts'
import { detectWatchedWords } from './detectors/watched-words.ts'

export const SPAM_THRESHOLD = 0.5

export interface ScanOptions {
  /** false: the rules only, without either statistical model (to see what each layer adds). */
  model?: boolean
  /** false: without the content-warnings model only (its training script measures what it adds). */
  warningsModel?: boolean
  /** false: without the urgency stage only (concern is never promoted to urgent by a model). */
  urgency?: boolean
}

/** The crisis models scan() consults; the training script passes ones trained per cross-validation fold. */
export interface CrisisModels {
  flag: (n: NormalisedText) => ModelVerdict
  urgency: typeof modelUrgency
}
const COMMITTED_MODELS: CrisisModels = { flag: modelCrisis, urgency: modelUrgency }

export interface CrisisAssessment {
  rules: CrisisResult
  /** The flag model's verdict, when the rules left the post at none. */
  model?: ModelVerdict
  /** Rules and flag model: what the content warnings are derived from. */
  flagged: CrisisResult
  /** The level and evidence the verdict carries: `flagged`, promoted to urgent by the urgency stage. */
  level: CrisisLevel
  evidence: Evidence[]
}

/**
 * Crisis in three layers. The rules know the wordings someone listed and decide none, concern or
 * urgent on evidence. The flag model catches posts that only resemble crisis posts: it can raise a
 * level the rules left at none to concern, never lower one. The urgency stage reads only posts at
 * concern and promotes those that read like the urgent ones, citing the words that made them so.
 */
export function assessCrisis(n: NormalisedText, opts: ScanOptions = {}, models: CrisisModels = COMMITTED_MODELS): CrisisAssessment {
  const rules = detectCrisis(n)
  const model = rules.level === 'none' && opts.model !== false ? models.flag(n) : undefined
  const flagged: CrisisResult = model && model.level !== 'none'
    ? { ...rules, level: model.level, evidence: [{ phrase: model.topWords.join(', '), start: 0, end: 0, reason: 'resembles crisis posts (statistical model): a moderator should read it' }] }
    : rules
  if (flagged.level === 'concern' && opts.model !== false && opts.urgency !== false) {
    const u = models.urgency(n, rules, model ? 'model' : 'rules')
    if (u.urgent) return { rules, model, flagged, level: 'urgent', evidence: [...u.evidence, ...flagged.evidence] }
  }
  return { rules, model, flagged, level: flagged.level, evidence: flagged.evidence }
}

/** Pure and synchronous: (text, community settings, author context) -> verdict. */
export function scan(input: ScanInput, opts: ScanOptions = {}): Verdict {
  const { settings, author } = input
  // Fail safe, stage by stage: a stage that throws is recorded in `failed` and the post goes to a
  // moderator; it never reads as "nothing found". The other stages still run.
  const failed: NonNullable<Verdict['failed']> = []
  const guard = <T>(stage: ScanStage, fallback: T, run: () => T): T => {
    try {
      return run()
    } catch (err) {
      failed.push({ stage, message: err instanceof Error ? err.message : String(err) })
      return fallback
    }
  }
  const n = guard('normalise', undefined, () => normalise(input.text)) ?? plainNormalised(input.text)

  const none: CrisisResult = { level: 'none', evidence: [], signals: new Set(), hits: [], view: n.text }
  const assessed = guard<CrisisAssessment>('crisis', {
    rules: none, flagged: { ...none, level: 'concern' }, level: 'concern',
    evidence: [{ phrase: '', start: 0, end: 0, reason: 'the crisis check failed on this post: a moderator should read it' }],
  }, () => assessCrisis(n, opts))
  // Warnings come from the rules and the flag model; the urgency stage changes how fast a
  // moderator must look, not what the post is about.
  const { model, flagged: crisis } = assessed
  const links = guard('spam', [], () => findLinks(n))
  const spam = guard('spam', { score: 0, reasons: ['the spam check failed on this post'] }, () => detectSpam(n, links, author))
  const isSpam = spam.score >= SPAM_THRESHOLD
  const findings = guard('contact', [], () => detectContact(n, { spam: isSpam }))
  const rules = guard('rules', [], () => detectWatchedWords(n, settings.watchedWords))

  const enabled = new Set(settings.warningCategories)
  const found = guard('warnings', new Set<WarningCategory>(), () => {
    // An ad listing "tramadol, oxycodone" is held as spam, not read as a member's story:
    // topic warnings on it would only add noise. Crisis-derived warnings still apply.
    const found = new Set<WarningCategory>(isSpam && crisis.level === 'none' ? [] : detectWarnings(n, crisis))
    for (const hit of rules) if (hit.action === 'warn' && hit.category) found.add(hit.category)
    // Most posts the model flags talk about ending a life without the words the rules know; a
    // self-harm or violence post, or plain hopelessness, is not about suicide.
    if (model && model.level !== 'none' && model.aboutEnding && !found.has('self_harm') && !found.has('violence')) found.add('suicide')
    // The warnings model adds categories the rules missed on posts that resemble those carrying
    // them; never on a spam post the rules gave no warning, for the same reason as above.
    if (opts.model !== false && opts.warningsModel !== false && !(isSpam && crisis.level === 'none')) {
      for (const hit of modelWarnings(n, found, enabled)) found.add(hit.category)
    }
    return found
  })

  const verdict: Verdict = {
    crisis: { level: assessed.level, evidence: assessed.evidence },
    warnings: settings.warningCategories.length === 0 ? [] : [...found].filter((c) => enabled.has(c)).sort(byCategoryOrder),
    spam: { score: spam.score, isSpam, hold: spam.score >= settings.spamHoldThreshold, reasons: spam.reasons },
    contact: { found: findings.length > 0, findings },
    rules,
    linksBlocked: links.some((l) => !l.email) && author !== undefined && author.accountAgeDays < settings.linksMinAccountDays,
  }
  if (failed.length > 0) verdict.failed = failed
  return verdict
}

/** When normalise() itself fails: the text lower-cased, with an identity map, so the stages still read it. */
function plainNormalised(text: string): NormalisedText {
  // toLowerCase() can change a string's length (İ): keep only what maps one to one.
  const lower = [...text].map((c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('')
  const map = Array.from({ length: lower.length }, (_, i) => i)
  return { original: text, text: lower, leet: lower, map, mapEnd: map.map((i) => i + 1) }
}

const ORDER: WarningCategory[] = ['suicide', 'self_harm', 'substance_use', 'eating_disorder', 'abuse', 'violence', 'death']
function byCategoryOrder(a: WarningCategory, b: WarningCategory): number {
  return ORDER.indexOf(a) - ORDER.indexOf(b)
}

/** What a batch's scan gives for each post: its verdict, or why it could not be scanned. */
export type ScanOutcome = { verdict: Verdict } | { error: string }

/** Each input scanned on its own, in order: one that throws is an error in its place, not a lost batch. */
export function scanEach(inputs: ScanInput[]): ScanOutcome[] {
  return inputs.map((input) => {
    try {
      return { verdict: scan(input) }
    } catch (err) {
      return { error: (err as Error).message }
    }
  })
}

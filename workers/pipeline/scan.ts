import type { ScanInput, Verdict, WarningCategory } from './types.ts'
import { normalise } from './normalise.ts'
import { detectCrisis } from './detectors/crisis.ts'
import { modelCrisis } from './detectors/crisis-model.ts'
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
}

/** Pure and synchronous: (text, community settings, author context) -> verdict. */
export function scan(input: ScanInput, opts: ScanOptions = {}): Verdict {
  const { settings, author } = input
  const n = normalise(input.text)

  const rulesCrisis = detectCrisis(n)
  // The rules know the wordings someone listed; the model catches posts that only resemble crisis
  // posts. It can raise a level the rules left at none, never lower one.
  const model = rulesCrisis.level === 'none' && opts.model !== false ? modelCrisis(n) : undefined
  const crisis = model && model.level !== 'none'
    ? { ...rulesCrisis, level: model.level, evidence: [{ phrase: model.topWords.join(', '), start: 0, end: 0, reason: 'resembles crisis posts (statistical model): a moderator should read it' }] }
    : rulesCrisis
  const links = findLinks(n)
  const spam = detectSpam(n, links, author)
  const isSpam = spam.score >= SPAM_THRESHOLD
  const findings = detectContact(n, { spam: isSpam })
  const rules = detectWatchedWords(n, settings.watchedWords)

  // An ad listing "tramadol, oxycodone" is held as spam, not read as a member's story:
  // topic warnings on it would only add noise. Crisis-derived warnings still apply.
  const found = new Set<WarningCategory>(isSpam && crisis.level === 'none' ? [] : detectWarnings(n, crisis))
  for (const hit of rules) if (hit.action === 'warn' && hit.category) found.add(hit.category)
  // Most posts the model flags talk about ending a life without the words the rules know; a
  // self-harm or violence post, or plain hopelessness, is not about suicide.
  if (model && model.level !== 'none' && model.aboutEnding && !found.has('self_harm') && !found.has('violence')) found.add('suicide')
  const enabled = new Set(settings.warningCategories)
  // The warnings model adds categories the rules missed on posts that resemble those carrying
  // them; never on a spam post the rules gave no warning, for the same reason as above.
  if (opts.model !== false && opts.warningsModel !== false && !(isSpam && crisis.level === 'none')) {
    for (const hit of modelWarnings(n, found, enabled)) found.add(hit.category)
  }

  return {
    crisis: { level: crisis.level, evidence: crisis.evidence },
    warnings: settings.warningCategories.length === 0 ? [] : [...found].filter((c) => enabled.has(c)).sort(byCategoryOrder),
    spam: { score: spam.score, isSpam, hold: spam.score >= settings.spamHoldThreshold, reasons: spam.reasons },
    contact: { found: findings.length > 0, findings },
    rules,
    linksBlocked: links.some((l) => !l.email) && author !== undefined && author.accountAgeDays < settings.linksMinAccountDays,
  }
}

const ORDER: WarningCategory[] = ['suicide', 'self_harm', 'substance_use', 'eating_disorder', 'abuse', 'violence', 'death']
function byCategoryOrder(a: WarningCategory, b: WarningCategory): number {
  return ORDER.indexOf(a) - ORDER.indexOf(b)
}

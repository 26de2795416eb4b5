/**
 * The last stage of a scan: logistic regressions that read the post (words, word pairs, character
 * 4-grams) together with what the rules found (named tokens: which crisis phrases fired and in
 * whose voice and tense, which warnings, spam reasons and contact kinds the rules saw), and decide.
 * Trained by tools/train-safety.ts (or `alongside safety train` in a deployment) with thresholds
 * chosen by cross-validation on training posts only and Platt-calibrated probabilities.
 *
 * What each decision may do:
 * - crisis: keep or drop a flag the rules raised, raise an unflagged post to concern (never further),
 *   and keep or give urgent ONLY to a post on which the rules cited phrases: what pages a moderator
 *   must be explainable, so the evidence of an urgent verdict is always the rules' phrases.
 * - warnings, spam, contact: decide from the rules' findings and the text together; the rules'
 *   reasons and findings are kept as evidence.
 */
import type { NormalisedText } from '../normalise.ts'
import { toOriginal } from '../normalise.ts'
import type { CrisisAssessment } from '../scan.ts'
import type { CrisisHit } from '../detectors/crisis.ts'
import { WARNING_CATEGORIES, type AuthorContext, type ContactFinding, type CrisisLevel, type Evidence, type WarningCategory } from '../types.ts'
import { featurize } from './features.ts'
import { LinearModel, ModelBank, type LinearModelJson } from './model.ts'

export interface CrisisThresholds {
  /** Keep a rules-urgent post flagged when P(flagged) reaches this. */
  keepUrgentFlag: number
  /** Keep a post the rules (or the old flag model) put at concern when P(flagged) reaches this. */
  keepConcern: number
  /** Raise a post nobody flagged to concern when P(flagged) reaches this. */
  raise: number
  /** A rules-urgent post stays urgent when P(urgent) reaches this. */
  keepUrgent: number
  /** A post the rules cited phrases on becomes urgent when P(urgent) reaches this. */
  raiseUrgent: number
}

export interface SafetyModelFile {
  note: string
  format: 1
  bits: number
  trainedOn: string[]
  posts: number
  crisisFlag: LinearModelJson
  crisisUrgent: LinearModelJson
  spam: LinearModelJson
  contact: LinearModelJson
  warnings: Record<WarningCategory, LinearModelJson>
  thresholds: {
    crisis: CrisisThresholds
    spam: number
    contact: number
    warnings: Record<WarningCategory, number>
  }
  /** Cross-validated figures on the training posts (tools/train-safety.ts prints them too). */
  cv: Record<string, unknown>
}

export interface SafetyModels {
  file: SafetyModelFile
  bits: number
  crisisFlag: LinearModel
  crisisUrgent: LinearModel
  spam: LinearModel
  contact: LinearModel
  warnings: Record<WarningCategory, LinearModel>
  /** crisisFlag and crisisUrgent, over the crisis features. */
  crisisBank: ModelBank
  /** spam, contact, then the warning categories in WARNING_CATEGORIES order, over the whole post. */
  textBank: ModelBank
}

export function loadSafetyModels(file: SafetyModelFile): SafetyModels {
  if (file.format !== 1) throw new Error(`safety model file: unknown format ${String(file.format)}`)
  const crisisFlag = new LinearModel(file.crisisFlag)
  const crisisUrgent = new LinearModel(file.crisisUrgent)
  const spam = new LinearModel(file.spam)
  const contact = new LinearModel(file.contact)
  const warnings = Object.fromEntries(WARNING_CATEGORIES.map((c) => [c, new LinearModel(file.warnings[c])])) as Record<WarningCategory, LinearModel>
  return {
    file, bits: file.bits, crisisFlag, crisisUrgent, spam, contact, warnings,
    crisisBank: new ModelBank([crisisFlag, crisisUrgent]),
    textBank: new ModelBank([spam, contact, ...WARNING_CATEGORIES.map((c) => warnings[c])]),
  }
}

// ---------------------------------------------------------------------------------------------
// Writer's state: who, when, whose words, for each sentence in which a crisis phrase fired.

const FIRST_PERSON = /\b(?:i|i'?m|im|i'?ve|ive|i'?ll|ill|i'?d|me|my|myself|mine)\b/
const OTHER_PERSON = /\b(?:he|she|they|him|her|them|his|hers|their|himself|herself|themselves|he'?s|she'?s|they'?re|my (?:mum|mom|mother|dad|father|son|daughter|brother|sister|husband|wife|partner|friend|boyfriend|girlfriend|nan|gran|grandad|grandma|uncle|aunt|cousin|client|patient))\b/
const PAST = /\b(?:was|were|had|did|used to|ago|back then|last (?:year|month|week|winter|summer|spring|autumn)|in (?:19|20)\d\d|when i was|at the time|years? (?:before|later)|anniversary)\b|\b\w+ed\b/
const FUTURE = /\b(?:going to|gonna|gunna|will|i'?ll|ill|tonight|tomorrow|soon|planning|plan to|about to|ready to|this (?:weekend|week|evening))\b/
const NOW = /\b(?:now|right now|today|tonight|at the moment|currently|am|i'?m|im|keep|can'?t|cant|don'?t|dont)\b/
const QUESTION_HELP = /\?|\b(?:how (?:do|can|should) i help|what (?:do|should) i do|what would you do|any advice)\b/
const SENTENCE_BREAK = /[.!?\n]/

function sentenceOf(view: string, start: number, end: number): string {
  let s = start
  while (s > 0 && !SENTENCE_BREAK.test(view[s - 1]!)) s--
  let e = end
  while (e < view.length && !SENTENCE_BREAK.test(view[e]!)) e++
  return view.slice(s, e + 1)
}

/** "who:when" for the sentence around a phrase: self or other, past, future or now. */
export function writerState(view: string, hit: Pick<CrisisHit, 'start' | 'end'>): string {
  const sentence = sentenceOf(view, hit.start, hit.end)
  const self = FIRST_PERSON.test(sentence)
  const other = OTHER_PERSON.test(sentence)
  const who = self && !other ? 'self' : other && !self ? 'other' : self ? 'both' : 'none'
  const when = FUTURE.test(sentence) ? 'future' : PAST.test(sentence) && !NOW.test(sentence) ? 'past' : 'now'
  return `${who}:${when}${QUESTION_HELP.test(sentence) ? ':ask' : ''}`
}

/** Named tokens for the crisis models: what the rules (and the older models) made of the post. */
export function crisisTokens(a: CrisisAssessment): string[] {
  const out = [`#level:${a.level}`, `#rules:${a.rules.level}`, `#flagmodel:${a.model?.level ?? 'unread'}`]
  const view = a.rules.view
  const seen = new Set<string>(out)
  const add = (t: string) => { if (!seen.has(t)) { seen.add(t); out.push(t) } }
  for (const h of a.rules.hits) {
    add(`#sig:${h.signal}`)
    add(`#why:${h.reason}`)
    if (h.end > h.start) {
      const st = writerState(view, h)
      add(`#state:${st}`)
      add(`#sigstate:${h.signal}:${st}`)
    }
  }
  if (a.rules.hits.length === 0) add('#nohits')
  return out
}

/** Named tokens for the content-warning models: the categories the rules (and the older model) found. */
export function warningTokens(found: ReadonlySet<WarningCategory>, level: CrisisLevel): string[] {
  const out = [`#level:${level}`]
  for (const c of found) out.push(`#warn:${c}`)
  if (found.size === 0) out.push('#warn:none')
  return out
}

const bucket = (x: number, edges: number[]) => { let i = 0; while (i < edges.length && x >= edges[i]!) i++; return i }

export function spamTokens(score: number, reasons: string[], author: AuthorContext | undefined, links: number): string[] {
  const out = [`#spamscore:${bucket(score, [0.2, 0.35, 0.5, 0.7, 0.85])}`, `#links:${bucket(links, [1, 2, 4])}`]
  for (const r of reasons) out.push(`#spamwhy:${r.replace(/\d+(?:\.\d+)?/g, '#').replace(/:.*$/, '')}`)
  if (author) out.push(`#age:${bucket(author.accountAgeDays, [1, 3, 8, 31, 180])}`, `#posts:${bucket(author.postCount, [1, 3, 10, 50])}`)
  else out.push('#age:unknown')
  return out
}

export function contactTokens(findings: ContactFinding[], quotedFindings: ContactFinding[], isSpamByRules: boolean): string[] {
  const out = [`#rulespam:${isSpamByRules}`]
  for (const f of findings) out.push(`#contact:${f.kind}`)
  for (const f of quotedFindings) out.push(`#quotedcontact:${f.kind}`)
  if (findings.length === 0 && quotedFindings.length === 0) out.push('#contact:none')
  return out
}

// ---------------------------------------------------------------------------------------------
// Decisions.

export interface CrisisDecision {
  level: CrisisLevel
  evidence: Evidence[]
  pFlag: number
  pUrgent: number
}

const pct = (p: number) => `${Math.round(p * 100)}%`

/** The crisis level from the rules' assessment and the two models' probabilities. */
export function decideCrisis(n: NormalisedText, a: CrisisAssessment, pFlag: number, pUrgent: number, t: CrisisThresholds, topWords: () => string[]): CrisisDecision {
  const cited = a.rules.hits.filter((h) => h.end > h.start && h.signal !== 'leaving')
  const flagged = (a.level === 'urgent' && pFlag >= t.keepUrgentFlag) || (a.level === 'concern' && pFlag >= t.keepConcern) || pFlag >= t.raise
  if (!flagged) return { level: 'none', evidence: [], pFlag, pUrgent }
  const urgent = cited.length > 0 && ((a.level === 'urgent' && pUrgent >= t.keepUrgent) || pUrgent >= t.raiseUrgent)
  if (urgent) {
    // The rules' own evidence when they said urgent; otherwise every phrase they saw, with the model's reading.
    const evidence = a.level === 'urgent' && a.evidence.length > 0
      ? a.evidence
      : cited.slice(0, 6).map((h) => ({ ...toOriginal(n, h.start, h.end), reason: `${h.reason} (read as urgent: ${pct(pUrgent)} of such posts in training were)` }))
    return { level: 'urgent', evidence, pFlag, pUrgent }
  }
  if (a.level !== 'none' && a.evidence.length > 0) {
    const evidence = a.level === 'urgent'
      ? a.evidence.map((e) => ({ ...e, reason: `${e.reason} (kept at concern: the post reads as not urgent)` }))
      : a.evidence
    return { level: 'concern', evidence, pFlag, pUrgent }
  }
  const words = topWords()
  return {
    level: 'concern',
    evidence: [{ phrase: words.join(', '), start: 0, end: 0, reason: `resembles posts that needed a moderator (statistical model, ${pct(pFlag)}): a moderator should read it` }],
    pFlag, pUrgent,
  }
}

/** The words of `text` that push `model` up most (for the evidence of a model-raised concern). */
export function strongestWords(model: LinearModel, text: string, bits: number, k = 5): string[] {
  const mask = (1 << bits) - 1
  const scored = new Map<string, number>()
  for (const m of text.matchAll(/[a-z0-9']+/g)) {
    const word = m[0].replace(/'/g, '')
    if (word.length < 3 || scored.has(word)) continue
    const f = featurize(word, [], bits)
    scored.set(word, model.weight(f.index[0]! & mask))
  }
  return [...scored].filter(([, w]) => w > 0).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, k).map(([w]) => w)
}

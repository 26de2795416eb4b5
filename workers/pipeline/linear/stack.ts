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
import { STRONG_GOODBYE, type CrisisHit } from '../detectors/crisis.ts'
import { writerState } from '../detectors/context.ts'
import { WARNING_CATEGORIES, type AuthorContext, type ContactFinding, type CrisisLevel, type Evidence, type WarningCategory } from '../types.ts'
import type { FoundLink } from '../detectors/links.ts'
import { featurize } from './features.ts'
import { LinearModel, ModelBank, type LinearModelJson } from './model.ts'

export interface CrisisThresholds {
  /** Keep a post the rules put at urgent flagged when P(flagged) reaches this. */
  keepUrgentFlag: number
  /** Keep a post the rules put at concern when P(flagged) reaches this. */
  keepConcern: number
  /** Raise a post nobody flagged to concern when P(flagged) reaches this. */
  raise: number
  /** A post the rules put at urgent stays urgent when P(urgent) reaches this. */
  keepUrgent: number
  /** A post the older urgency stage promoted to urgent (on rule phrases) stays urgent when P(urgent) reaches this. */
  keepPromoted: number
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
    file,
    bits: file.bits,
    crisisFlag,
    crisisUrgent,
    spam,
    contact,
    warnings,
    crisisBank: new ModelBank([crisisFlag, crisisUrgent]),
    textBank: new ModelBank([spam, contact, ...WARNING_CATEGORIES.map((c) => warnings[c])]),
  }
}

/** "who:when[:ask]" for the sentence around a phrase (context.ts writerState). */
export function stateToken(view: string, hit: Pick<CrisisHit, 'start' | 'end'>): string {
  const st = writerState(view, hit.start, hit.end)
  return `${st.who}:${st.when}${st.asks ? ':ask' : ''}`
}

/** Named tokens for the crisis models: what the rules (and the older models) made of the post. */
export function crisisTokens(a: CrisisAssessment): string[] {
  const out = [`#level:${a.level}`, `#rules:${a.rules.level}`, `#flagmodel:${a.model?.level ?? 'unread'}`]
  const view = a.rules.view
  const seen = new Set<string>(out)
  const add = (t: string) => {
    if (!seen.has(t)) {
      seen.add(t)
      out.push(t)
    }
  }
  for (const h of a.rules.hits) {
    add(`#sig:${h.signal}`)
    add(`#why:${h.reason}`)
    if (h.end > h.start) {
      const st = stateToken(view, h)
      add(`#state:${st}`)
      add(`#sigstate:${h.signal}:${st}`)
    }
  }
  if (a.rules.hits.length === 0) add('#nohits')
  // How much the writer wrote: a short note ("won't be reading email until Sunday") carries few words
  // for the text features, each weighing more.
  let words = 0
  for (const _ of view.matchAll(/[a-z0-9]+/g)) if (++words >= 120) break
  const length = words < 12 ? 'short' : words < 40 ? 'medium' : words < 120 ? 'long' : 'very long'
  add(`#length:${length}`)
  // The older flag model's word counts say less on a short note than on a long post: its opinion
  // and the rules' level, by length, so the weights can differ.
  add(`#flagmodel:${a.model?.level ?? 'unread'}:${length}`)
  add(`#level:${a.level}:${a.rules.hits.length === 0 ? 'nohits' : 'hits'}:${length}`)
  return out
}

/** Named tokens for the content-warning models: the categories the rules (and the older model) found. */
export function warningTokens(
  found: ReadonlySet<WarningCategory>,
  level: CrisisLevel,
  ruleFound: ReadonlySet<WarningCategory> = found,
  hits: readonly Pick<CrisisHit, 'signal'>[] = [],
): string[] {
  const out = [`#level:${level}`]
  // Which layer found each category: the rules' phrases, or only the older naive Bayes model (which
  // on long posts finds much more and is wrong more often), so the weights can differ.
  for (const c of found) out.push(ruleFound.has(c) ? `#warn:${c}` : `#warnnb:${c}`)
  if (found.size === 0) out.push('#warn:none')
  // The crisis phrases the rules saw (a goodbye, an overdose, a threat) say what the post is about.
  for (const h of hits) {
    const t = `#wsig:${h.signal}`
    if (!out.includes(t)) out.push(t)
  }
  return out
}

const bucket = (x: number, edges: number[]) => {
  let i = 0
  while (i < edges.length && x >= edges[i]!) i++
  return i
}

export function spamTokens(
  score: number,
  reasons: string[],
  author: AuthorContext | undefined,
  links: readonly FoundLink[],
  benign: readonly string[] = [],
): string[] {
  let web = 0,
    trusted = 0
  for (const l of links)
    if (!l.email) {
      web++
      if (l.trusted) trusted++
    }
  // Links to charities and public bodies, and the counter-signs of a member sharing free help ("free
  // online meetings", "a support group"), read even where no spam rule fired: a new member
  // recommending SMART Recovery's free meetings is not an advert (the labelling guide). The callers
  // read the counter-signs only on a post with a link, which keeps the scan fast.
  const out = [
    `#spamscore:${bucket(score, [0.2, 0.35, 0.5, 0.7, 0.85])}`,
    `#links:${bucket(links.length, [1, 2, 4])}`,
    `#trustedlinks:${bucket(trusted, [1, 2])}:${bucket(web - trusted, [1, 2])}`,
  ]
  for (const r of reasons) out.push(`#spamwhy:${r.replace(/\d+(?:\.\d+)?/g, '#').replace(/:.*$/, '')}`)
  for (const r of benign) out.push(`#benign:${r}`)
  // In the training posts nearly every day-old account was a spammer: on its own the model would hold
  // a new member's first words ("The details of that day."), so scan() lets it call spam without a
  // rule signal only when sure, and then without holding.
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

/**
 * The rule phrases that can explain an urgent verdict: every phrase that fired, except a threat
 * with nothing to say it is meant ("I swear I'm gonna kill him" about a brother is an idiom by the
 * guide) and an ordinary leaving.
 */
export function citedHits(a: CrisisAssessment): CrisisHit[] {
  const hits = a.rules.hits
  const meant = hits.some(
    (h) => h.signal === 'weapon' || h.signal === 'threat_serious' || (h.signal === 'threat' && h.reason === 'plans a way to kill someone'),
  )
  const cited = hits.filter((h) => h.end > h.start && h.signal !== 'leaving' && h.signal !== 'no_plan' && (h.signal !== 'threat' || meant))
  // A time, a "means it" or one everyday farewell alone ("Sorry everyone ... tonight") is no evidence
  // of danger: there must be a crisis phrase proper, a strong farewell (notes written, affairs put in
  // order), or two different farewells.
  const farewells = new Set(cited.filter((h) => h.signal === 'goodbye').map((h) => h.reason))
  const core = cited.some((h) => CORE.has(h.signal)) || farewells.size >= 2 || [...farewells].some((r) => STRONG_GOODBYE.has(r))
  return core ? cited : []
}

const CORE = new Set<CrisisHit['signal']>(['acute', 'intent', 'ideation', 'passive', 'means', 'vague_intent', 'threat', 'weapon', 'hopeless'])

/**
 * What raising an unflagged post takes. A short note in which no crisis phrase fired ("Every night
 * this month. It is exhausting.", "I won't be reading email until Sunday") has few words, each
 * weighing much: the model raises it only when sure (SHORT_RAISE).
 */
export function raiseBar(a: CrisisAssessment, t: CrisisThresholds): number {
  return isShortUnflagged(a) ? Math.max(t.raise, SHORT_RAISE) : t.raise
}
export const SHORT_RAISE = 0.9
export function isShortUnflagged(a: CrisisAssessment): boolean {
  if (a.rules.hits.length > 0) return false
  let words = 0
  for (const _ of a.rules.view.matchAll(/[a-z0-9]+/g)) if (++words >= 20) return false
  return true
}

/** The crisis level from the rules' assessment and the two models' probabilities. */
export function decideCrisis(
  n: NormalisedText,
  a: CrisisAssessment,
  pFlag: number,
  pUrgent: number,
  t: CrisisThresholds,
  topWords: () => string[],
): CrisisDecision {
  const cited = citedHits(a)
  // Keeping a flag needs less than raising one only when the RULES raised it, on phrases they cite;
  // a flag from the older statistical model alone is a resemblance, judged like any unflagged post.
  const ruled = a.rules.level
  const flagged = (ruled === 'urgent' && pFlag >= t.keepUrgentFlag) || (ruled === 'concern' && pFlag >= t.keepConcern) || pFlag >= raiseBar(a, t)
  if (!flagged) return { level: 'none', evidence: [], pFlag, pUrgent }
  // Urgent only on phrases the rules cite: what pages a moderator must be explainable by rule
  // evidence, never by a resemblance alone.
  const urgent =
    cited.length > 0 && ((ruled === 'urgent' && pUrgent >= t.keepUrgent) || (a.level === 'urgent' && pUrgent >= t.keepPromoted) || pUrgent >= t.raiseUrgent)
  if (urgent) {
    // The rules' own evidence when they said urgent; otherwise every phrase they saw, with the model's reading.
    const evidence =
      a.level === 'urgent' && a.evidence.length > 0
        ? a.evidence
        : cited
            .slice(0, 6)
            .map((h) => ({ ...toOriginal(n, h.start, h.end), reason: `${h.reason} (read as urgent: ${pct(pUrgent)} of such posts in training were)` }))
    return { level: 'urgent', evidence, pFlag, pUrgent }
  }
  if (a.level !== 'none' && a.evidence.length > 0) {
    const evidence =
      a.level === 'urgent' ? a.evidence.map((e) => ({ ...e, reason: `${e.reason} (kept at concern: the post reads as not urgent)` })) : a.evidence
    return { level: 'concern', evidence, pFlag, pUrgent }
  }
  const words = topWords()
  return {
    level: 'concern',
    evidence: [
      {
        phrase: words.join(', '),
        start: 0,
        end: 0,
        reason: `resembles posts that needed a moderator (statistical model, ${pct(pFlag)}): a moderator should read it`,
      },
    ],
    pFlag,
    pUrgent,
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
  return [...scored]
    .filter(([, w]) => w > 0)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, k)
    .map(([w]) => w)
}

import type { CrisisLevel, Evidence } from '../types.ts'
import { ownWords, toOriginal, type NormalisedText } from '../normalise.ts'
import {
  ACUTE,
  GOODBYE,
  HOPELESS_STRONG,
  HOPELESS_WEAK,
  IDEATION,
  INTENT,
  MEANS,
  NO_PLAN,
  PASSIVE,
  THREAT,
  THREAT_SERIOUS,
  THREAT_METHOD,
  TIME,
  VAGUE_INTENT,
  WEAPON,
  INGEST_GATE,
  LEAVING_BENIGN,
  PLACE_GATE,
  WEAPON_GATE,
} from '../lexicons/crisis.ts'
import { GOODBYE_NOW, OVERDOSE_NOW, PLACE_NOW, PLAN_NOW, SELF_INJURY_NOW, THREAT_NOW } from '../lexicons/crisis-now.ts'
import { blankReportedSpeech } from './context.ts'
import { collect, ingestHits, NEG_AND_PAST, NONE, placeHits, selfEndHits, selfInjuryHits, STRICT } from './crisis-hits.ts'

export type CrisisSignal =
  | 'acute'
  | 'overdose'
  | 'self_harm_now'
  | 'intent'
  | 'ideation'
  | 'passive'
  | 'hopeless'
  | 'hopeless_weak'
  | 'means'
  | 'time'
  | 'goodbye'
  | 'vague_intent'
  | 'threat'
  | 'weapon'
  | 'threat_serious'
  | 'no_plan'
  | 'overdose_means'
  | 'leaving'

export interface CrisisResult {
  level: CrisisLevel
  evidence: Evidence[]
  /** Which kinds of signal fired; the warnings detector reads these. */
  signals: Set<CrisisSignal>
  /** Every phrase that fired, cited or not (offsets into `view`); the urgency stage reads these. */
  hits: readonly CrisisHit[]
  /** What the rules read: the writer's own words (quotes and reported speech blanked, same length). */
  view: string
}

export interface CrisisHit {
  signal: CrisisSignal
  /** Offsets into the normalised text (and `view`, which has the same length). */
  start: number
  end: number
  reason: string
}
type Hit = CrisisHit

export function detectCrisis(n: NormalisedText): CrisisResult {
  // Quoted Markdown and reported speech are someone else's words, not the writer's state.
  const own = ownWords(n)
  const view = blankReportedSpeech(own.leet)
  const hits: Hit[] = []

  selfEndHits(view, hits)
  if (INGEST_GATE.test(view)) ingestHits(view, hits)
  selfInjuryHits(view, hits)
  if (PLACE_GATE.test(view)) placeHits(view, hits)
  collect(view, ACUTE, 'acute', NEG_AND_PAST, hits)
  // The writer's own danger now, in general shapes (lexicons/crisis-now.ts).
  collect(view, OVERDOSE_NOW, 'acute', STRICT, hits)
  collect(view, SELF_INJURY_NOW, 'acute', STRICT, hits)
  collect(view, PLAN_NOW, 'intent', STRICT, hits)
  collect(view, PLACE_NOW, 'means', STRICT, hits)
  collect(view, GOODBYE_NOW, 'goodbye', NEG_AND_PAST, hits)
  collect(view, THREAT_NOW.slice(0, 2), 'threat', STRICT, hits)
  collect(view, THREAT_NOW.slice(2, 3), 'weapon', NEG_AND_PAST, hits)
  collect(view, INTENT, 'intent', STRICT, hits)
  collect(view, IDEATION, 'ideation', STRICT, hits)
  collect(view, PASSIVE, 'passive', STRICT, hits)
  collect(view, HOPELESS_STRONG, 'hopeless', NEG_AND_PAST, hits)
  collect(view, HOPELESS_WEAK, 'hopeless_weak', NEG_AND_PAST, hits)
  collect(view, GOODBYE, 'goodbye', NEG_AND_PAST, hits)
  collect(view, VAGUE_INTENT, 'vague_intent', STRICT, hits)
  collect(view, THREAT, 'threat', STRICT, hits)
  collect(view, THREAT_METHOD, 'threat', STRICT, hits)
  if (WEAPON_GATE.test(view)) collect(view, WEAPON, 'weapon', NEG_AND_PAST, hits)
  // Means, times and "no plan" only ever modify the signals above; most posts have none
  // of those, and skipping these groups then keeps the scan fast.
  // Means are always read: a rope or a hoard of pills is a signal even in a post with no other
  // crisis words (the safety net in decide() below).
  collect(view, MEANS, 'means', NEG_AND_PAST, hits)
  if (hits.length > 0) {
    collect(view, THREAT_NOW.slice(3), 'threat_serious', NONE, hits)
    collect(view, TIME, 'time', NONE, hits)
    collect(view, THREAT_SERIOUS, 'threat_serious', NONE, hits)
    collect(view, NO_PLAN, 'no_plan', NONE, hits)
  }

  if (hits.length > 0 && LEAVING_BENIGN.test(view)) hits.push({ signal: 'leaving', start: 0, end: 0, reason: 'an ordinary leaving' })

  const signals = new Set(hits.map((h) => h.signal))
  for (const h of hits) {
    if (h.signal === 'acute' && /overdose/.test(h.reason)) signals.add('overdose')
    if (h.signal === 'acute' && /self-harm|bleeding/.test(h.reason)) signals.add('self_harm_now')
    if (h.signal === 'means' && /pills|dose|all at once/.test(h.reason)) signals.add('overdose_means')
  }
  const level = decide(hits, signals)
  const cited = level === 'none' ? [] : hits.filter((h) => CITED[level].has(h.signal))
  return {
    level,
    signals,
    evidence: cited.map((h) => ({ ...toOriginal(n, h.start, h.end), reason: h.reason })),
    hits,
    view,
  }
}

/**
 * Times, "no plan" and "I mean it" are only read when another crisis phrase fired (they only ever
 * modify one); the urgency stage wants them on every post it reads, including those only the
 * statistical model flagged. Same filters as in detectCrisis().
 */
export function modifierHits(view: string): CrisisHit[] {
  const hits: Hit[] = []
  collect(view, TIME, 'time', NONE, hits)
  collect(view, THREAT_SERIOUS, 'threat_serious', NONE, hits)
  collect(view, NO_PLAN, 'no_plan', NONE, hits)
  return hits
}

const CITED: Record<'concern' | 'urgent', Set<CrisisSignal>> = {
  urgent: new Set<CrisisSignal>(['acute', 'intent', 'ideation', 'passive', 'means', 'time', 'goodbye', 'vague_intent', 'threat', 'weapon', 'threat_serious']),
  concern: new Set<CrisisSignal>(['ideation', 'passive', 'hopeless', 'hopeless_weak', 'goodbye', 'means']),
}

// Farewell cues that ordinary posts rarely contain; the rest ("thanks for everything",
// "my sister will have the dog") also turn up in holiday and leaving-the-forum posts.
export const STRONG_GOODBYE = new Set([
  'has written notes or letters',
  'said goodbyes',
  'put affairs in order',
  'a last post',
  'asks not to be stopped',
  'will not be here',
  'thanks as if leaving',
  'leaves last messages',
  'given things away',
])

/** Means that can end a life on their own, as opposed to a dose or a vague "it's all sorted". */
export const LETHAL_MEANS = new Set([
  'a method',
  'weighted pockets',
  'a rope',
  'stockpiled pills',
  'has enough put by',
  'pills ready',
  'all at once',
  'a place',
  'booked somewhere to die',
])

function decide(hits: Hit[], s: Set<CrisisSignal>): CrisisLevel {
  const distinct = (signal: CrisisSignal) => new Set(hits.filter((h) => h.signal === signal).map((h) => h.reason)).size
  const farewell = new Set(hits.filter((h) => h.signal === 'goodbye').map((h) => h.reason))
  const strong = [...farewell].filter((r) => STRONG_GOODBYE.has(r)).length
  const goodbyes = farewell.size
  const noPlan = s.has('no_plan')
  const wish = s.has('ideation') || s.has('passive')
  const vague = hits.filter((h) => h.signal === 'vague_intent')
  const reunion = vague.some((h) => h.reason === 'says they will join the dead')
  const doIt = vague.some((h) => h.reason !== 'says they will join the dead')

  if (s.has('acute') || s.has('intent')) return 'urgent'
  // A concrete way to kill the person cared for, or a partner, said as the writer's own thought now.
  if (hits.some((h) => h.signal === 'threat' && h.reason === 'plans a way to kill someone')) return 'urgent'
  // "Last post for a while, moving to Canada, thank you all": a farewell with nothing else
  // behind it is an ordinary leaving.
  const other = wish || s.has('means') || s.has('hopeless') || s.has('hopeless_weak') || vague.length > 0 || s.has('threat')
  if (s.has('leaving') && !other) return 'none'
  if (s.has('threat') && (s.has('weapon') || s.has('threat_serious'))) return 'urgent'
  if (s.has('weapon') && s.has('threat_serious') && s.has('time')) return 'urgent'
  // An explicit "no plan" keeps a wish at concern even if a day is mentioned (corpus d003).
  // A wish plus a decision already made and a time: "I've made my choice and it's tonight".
  if (wish && !noPlan && s.has('time') && farewell.has('has decided')) return 'urgent'
  if (wish && !noPlan && (s.has('means') || strong > 0 || goodbyes >= 2 || (s.has('ideation') && s.has('time')))) return 'urgent'
  if (doIt && (s.has('means') || strong > 0 || (s.has('time') && goodbyes > 0))) return 'urgent'
  if (reunion && (s.has('means') || goodbyes > 0)) return 'urgent'
  // Goodbye posts often never name suicide: a strong farewell cue with another, three
  // weaker ones, or one plus means.
  if ((strong >= 1 && goodbyes >= 2) || goodbyes >= 3 || (goodbyes >= 1 && s.has('means') && !noPlan)) return 'urgent'

  // Safety net, for wordings no lexicon lists yet: a lethal means at hand together with any
  // distress or a time, or a strong farewell with a time or distress, is urgent. Missing an
  // urgent post is worse than a moderator reading one that was not.
  const lethal = hits.some((h) => h.signal === 'means' && LETHAL_MEANS.has(h.reason))
  const distress = wish || s.has('hopeless') || s.has('hopeless_weak') || goodbyes > 0 || vague.length > 0
  if (!noPlan && lethal && (distress || s.has('time'))) return 'urgent'
  // Sitting by a river or on a bridge is ordinary, unless the post also carries distress or a time.
  const nearDrop = hits.some((h) => h.signal === 'means' && h.reason === 'near a drop or water')
  if (!noPlan && nearDrop && (distress || s.has('time') || s.has('hopeless'))) return 'urgent'
  if (!noPlan && strong >= 1 && (s.has('time') || s.has('hopeless') || s.has('hopeless_weak') || wish)) return 'urgent'

  if (wish || s.has('hopeless') || distinct('hopeless_weak') >= 2 || goodbyes >= 2) return 'concern'
  // A hoard of pills or a rope with nothing else said still deserves a check-in.
  if (lethal || (strong >= 1 && vague.length > 0)) return 'concern'
  if (s.has('threat') && s.has('time')) return 'concern'
  return 'none'
}

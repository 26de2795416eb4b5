import type { CrisisLevel, Evidence } from '../types.ts'
import { ownWords, toOriginal, type NormalisedText } from '../normalise.ts'
import {
  ACUTE,
  GOODBYE,
  HOPELESS_STRONG,
  HOPELESS_WEAK,
  IDEATION,
  IDEATION_BEFORE,
  INTENT,
  INTENT_BEFORE,
  MEANS,
  NO_PLAN,
  PASSIVE,
  PAST_BEFORE,
  SELF_END,
  THREAT,
  THREAT_SERIOUS,
  THREAT_METHOD,
  TIME,
  VAGUE_INTENT,
  WEAPON,
  type LexiconEntry,
  INGEST,
  INGEST_CONTEXT,
  INGEST_GATE,
  INGEST_HARMLESS,
  LEAVING_BENIGN,
  PLACE_GATE,
  WEAPON_GATE,
  PLACE_PAST,
  PLACE_STRONG,
  PLACE_WEAK,
  SELF_INJURY,
  SELF_INJURY_ACCIDENT,
  SELF_INJURY_EVIDENCE,
} from '../lexicons/crisis.ts'
import { GOODBYE_NOW, OVERDOSE_NOW, PLACE_NOW, PLAN_NOW, SELF_INJURY_NOW, THREAT_NOW } from '../lexicons/crisis-now.ts'
import {
  asksForHelp,
  blankReportedSpeech,
  clauseBefore,
  isHypothetical,
  isNegated,
  isPastFramed,
  sentenceAround,
  sentenceEnd,
  sentenceStart,
  writerState,
} from './context.ts'
import { mayMatch } from '../literal-gate.ts'

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

// Which context tests each kind of phrase must pass before it counts.
interface Filters {
  negation: boolean
  past: boolean
  hypothetical: boolean
}
const STRICT: Filters = { negation: true, past: true, hypothetical: true }
const NEG_AND_PAST: Filters = { negation: true, past: true, hypothetical: false }
const NONE: Filters = { negation: false, past: false, hypothetical: false }

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

/** With no drug named, only a container or a whole supply reads as an overdose ("did the whole bag"). */
const INGEST_UNNAMED =
  /\b(?:boxes|box|packets?|packs?|strips?|bottles?|blister|sheets|tubs|bags?|scripts|prescriptions|whole|entire|full|handfuls?|everything|every|rest|month|week|fortnight|supply|stash)\b/

const RECENT_DAYS = /\blast (?:week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/
const DISTANT_PAST = /\b(?:years?|when i was|used to|as a (?:teen|teenager|kid|child)|in my teens)\b/
const SELF_HARM_TALK =
  /\b(?:cut|cuts|cutting|self[- ]?harm\w*|sharpener|razor|my (?:arms?|legs?|wrists?|skin|thighs?|forearms?)|(?:did|do|have) ?n[o']?t (?:do|done|use|used|cut) it)\b/
const OTHER_SUBJECT_NOW = /\b(?:he|she|they)(?:'s|'d|'ve|'re| is| was| has| had| have| are| were)?(?: been)?(?: \w+ing)?\s*$/
const OWN_STATE = new Set<CrisisSignal>(['intent', 'ideation', 'passive', 'hopeless', 'vague_intent'])
const THIRD_PARTY_SUBJECT =
  /\b(?:he|she|they|his|her|husband|wife|partner|son|daughter|mum|mom|dad|stepdad|stepfather|father|uncle|boyfriend|girlfriend|ex|friend|brother|sister|nan|gran|grandad|grandma|patient|client|someone|somebody|people)(?:'s|'d|'ve)?(?: \w+)?(?: (?:has|had|have|just|must have|might have))?\s*$/

/** An ingestion is only a use unless the post is in the past, negated or asked about. */
function ingestHits(view: string, hits: Hit[]): void {
  INGEST.lastIndex = 0
  let context: boolean | undefined
  for (let m = INGEST.exec(view); m !== null; m = INGEST.exec(view)) {
    const start = m.index
    const end = start + m[0].length
    if (isNegated(view, start, 25) || isPastFramed(view, start, end) || isHypothetical(view, start, end)) continue
    const before = clauseBefore(view, start, 40)
    if (/\b(?:if|whether|how many|what happens|in case)\b/.test(before)) continue
    // Someone else's dose ("my husband took his whole box of tablets to his mum's") or carrying it somewhere.
    if (THIRD_PARTY_SUBJECT.test(before)) continue
    if (/^ (?:to|round|over|back|into|out of|with (?:me|him|her))\b/.test(view.slice(end, end + 15))) continue
    // A named drug in a big quantity is an overdose on its own; "did the whole bag" needs
    // recency, purpose or the body failing somewhere in the post.
    if (m[1] === undefined || /\btoo (?:many|much)\b/.test(m[0])) {
      if (!(INGEST_UNNAMED.test(m[0]) || m[1] !== undefined) || INGEST_HARMLESS.test(view.slice(end, end + 40))) continue
      context ??= INGEST_CONTEXT.test(view)
      if (!context) continue
    }
    hits.push({ signal: 'acute', start, end, reason: 'overdose taken' })
  }
}

function selfInjuryHits(view: string, hits: Hit[]): void {
  if (!mayMatch(SELF_INJURY, view)) return
  SELF_INJURY.lastIndex = 0
  for (let m = SELF_INJURY.exec(view); m !== null; m = SELF_INJURY.exec(view)) {
    const start = m.index
    const end = start + m[0].length
    if (isNegated(view, start, 25) || isHypothetical(view, start, end)) continue
    if (isPastFramed(view, start, end)) {
      // Days ago, not years ("Last Tuesday I cut my arm, the first time since I was seventeen"): not
      // happening now, but a moderator should check in.
      const sentence = sentenceAround(view, start, end)
      if (RECENT_DAYS.test(sentence) && !DISTANT_PAST.test(sentence))
        hits.push({ signal: 'hopeless', start, end, reason: 'hurt themselves in the last few days' })
      continue
    }
    const around = view.slice(sentenceStart(view, start), Math.min(view.length, sentenceEnd(view, end) + 120))
    if (SELF_INJURY_ACCIDENT.test(sentenceAround(view, start, end))) continue
    if (/\b(?:urge|urges|want(?:ed)? to|tempted|thinking|scared|afraid|stop myself|stopped|used to|clean|since)\b/.test(clauseBefore(view, start, 30))) continue
    // Someone else's blow ("he hit my face", "my dad banged my head on the table") is not the writer's self-injury.
    if (!m[0].includes('myself') && THIRD_PARTY_SUBJECT.test(clauseBefore(view, start, 30))) continue
    if (!SELF_INJURY_EVIDENCE.test(around)) continue
    hits.push({ signal: 'acute', start, end, reason: 'just self-harmed' })
  }
}

function placeHits(view: string, hits: Hit[]): void {
  for (const [re, strong] of [
    [PLACE_STRONG, true],
    [PLACE_WEAK, false],
  ] as const) {
    if (!mayMatch(re, view)) continue
    re.lastIndex = 0
    for (let m = re.exec(view); m !== null; m = re.exec(view)) {
      const start = m.index
      const end = start + m[0].length
      if (isNegated(view, start, 25) || isPastFramed(view, start, end) || isHypothetical(view, start, end)) continue
      if (PLACE_PAST.test(sentenceAround(view, start, end))) continue
      hits.push(strong ? { signal: 'acute', start, end, reason: 'at a dangerous place' } : { signal: 'means', start, end, reason: 'near a drop or water' })
    }
  }
}

function collect(view: string, lexicon: LexiconEntry[], signal: CrisisSignal, f: Filters, hits: Hit[]): void {
  for (const { re, reason } of lexicon) {
    if (!mayMatch(re, view)) continue
    re.lastIndex = 0
    for (let m = re.exec(view); m !== null; m = re.exec(view)) {
      if (m[0].length === 0) {
        re.lastIndex++
        continue
      }
      const start = m.index
      const end = start + m[0].length
      if (f.negation && isNegated(view, start, 25)) continue
      if (f.past && isPastFramed(view, start, end)) continue
      if (f.hypothetical && isHypothetical(view, start, end)) continue
      if (reason === 'just self-harmed' && SELF_INJURY_ACCIDENT.test(sentenceAround(view, start, end))) continue
      if (
        reason === 'just self-harmed' &&
        /\b(?:urge|urges|want(?:ed)? to|tempted|thinking|thought|scared|afraid|stop myself|stopped|used to|clean|since)\b/.test(clauseBefore(view, start, 30))
      )
        continue
      if (reason === 'overdose taken' && THIRD_PARTY_SUBJECT.test(clauseBefore(view, start, 40))) continue
      // Whose means: "my friend has pills lined up on her desk" is someone else's danger, told by
      // the one trying to help (writer's state over topic).
      if (signal === 'means' || signal === 'goodbye' || signal === 'vague_intent') {
        const st = writerState(view, start, end)
        if (signal === 'means' && st.who === 'other') continue
        // Someone else's farewell, asked about by the writer ("she sent me 'tell the boys I loved them', what do I do?").
        if (st.who === 'other' && asksForHelp(view)) continue
      }
      if (reason === 'bleeding' && SELF_INJURY_ACCIDENT.test(sentenceAround(view, start, end))) continue
      // Someone else's thoughts, asked about by the helper ("my husband told me he's been having
      // suicidal thoughts ... what do I say to him tonight?"): the writer is not the one at risk.
      if (OWN_STATE.has(signal) && OTHER_SUBJECT_NOW.test(clauseBefore(view, start, 30)) && asksForHelp(view)) continue
      // A blade or knife taken out to cut oneself is the means of an urge to self-harm, not a weapon
      // against someone ("I got the sharpener out and took the blade out. I haven't done it.").
      if (signal === 'weapon' && SELF_HARM_TALK.test(sentenceAround(view, start, end))) continue
      // Fear of an urge ("I am afraid I will do it") is the urge, resisted: not a stated intent.
      if (signal === 'vague_intent' && /\b(?:afraid|scared|worried|frightened|terrified|fear)\b/.test(clauseBefore(view, start, 25))) continue
      hits.push({ signal, start, end, reason })
    }
  }
}

/**
 * "kill myself" and its kin: intent, ideation or nothing, depending on the words before
 * (going to / want to / tried to / not) and after (a time).
 */
function selfEndHits(view: string, hits: Hit[]): void {
  if (!mayMatch(SELF_END, view)) return
  SELF_END.lastIndex = 0
  for (let m = SELF_END.exec(view); m !== null; m = SELF_END.exec(view)) {
    const start = m.index
    const end = start + m[0].length
    const before = clauseBefore(view, start, 50)
    if (PAST_BEFORE.test(before)) continue
    if (isPastFramed(view, start, end) || isHypothetical(view, start, end)) continue
    // "My partner keeps saying he'll jump off the bridge": someone else's words, not the writer's plan.
    if (lastSubjectIsOther(before)) continue
    const intentAt = lastMatch(INTENT_BEFORE, before)
    const ideationAt = lastMatch(IDEATION_BEFORE, before)
    // Negation only counts close to the verb phrase: "I'm not going to kill myself" is
    // negated, "nobody knows I'm going to kill myself" is not.
    const anchor = Math.max(intentAt, ideationAt)
    const negWindow = anchor >= 0 ? before.slice(Math.max(0, anchor - 12)) : before.slice(-20)
    if (/\b(?:not|never|n't|dont|wont|wouldnt|no)\b|n't\b/.test(negWindow)) continue
    // "one more speech and I'll kill myself lol. Kidding." is hyperbole, unless the writer
    // insists it is not ("lol. not joking for once").
    if ((JOKE_AFTER.test(view.slice(end, end + 40)) || JOKE_BEFORE.test(clauseBefore(view, start, 60))) && !NOT_JOKING.test(view)) continue

    const after = view.slice(end, end + 40)
    const soon =
      /^[^.!?\n]{0,30}\b(?:tonight|tonite|tomorrow|today|now|this (?:weekend|week|evening)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|after|when|once|at \d)/.test(
        after,
      )
    // "kms", "ctb" and "gonna unalive" carry their own intent; "wanna unalive" is a wish.
    const slang = /^(?:kms|ctb)$|^(?:gonna|going to|gunna|will|about to|planning to|plan to|ready to) unaliv/.test(m[0])
    if (/^(?:want to|wanna) unaliv/.test(m[0])) {
      hits.push({ signal: 'ideation', start, end, reason: 'thinks of ending their life' })
      continue
    }
    // "If I have to sit through X I'll kill myself": conditional hyperbole is a thought, not a plan.
    const conditional = /^(?:if|when|one more)\b/.test(sentenceAround(view, start, end).trimStart())
    let signal: CrisisSignal
    if (conditional && !soon) signal = 'ideation'
    else if (ideationAt > intentAt) signal = soon ? 'intent' : 'ideation'
    else if (intentAt >= 0 || soon || slang) signal = 'intent'
    else signal = 'ideation'
    hits.push({ signal, start, end, reason: signal === 'intent' ? 'states intent to end their life' : 'thinks of ending their life' })
  }
}

const JOKE_AFTER = /^[^.!?\n]{0,20}[.!,]?\s*(?:lol|lmao|lmfao|haha\w*|jk|just kidding|kidding|only joking|joking|\u{1F602}|\u{1F923})/u
const JOKE_BEFORE = /(?:\b(?:lol|lmao|lmfao|haha\w*|jk|rofl)\b|\u{1F602}|\u{1F923}|\u{1F480})/u
const NOT_JOKING = /\b(?:not (?:joking|kidding)|no joke|i'?m serious|i mean it|not even joking)\b/

const INTENT_BEFORE_G = new RegExp(INTENT_BEFORE.source, 'g')
const IDEATION_BEFORE_G = new RegExp(IDEATION_BEFORE.source, 'g')

function lastMatch(re: RegExp, s: string): number {
  const g = re === INTENT_BEFORE ? INTENT_BEFORE_G : IDEATION_BEFORE_G
  let last = -1
  for (const m of s.matchAll(g)) last = m.index!
  return last
}

const SUBJECT = /\b(?:i|i'?m|im|i'?ll|i'?ve|ive|i'?d|me|he|she|they|he'?ll|she'?ll|they'?ll|he'?s|she'?s|they'?re|he'?d|she'?d|they'?d)\b/g
function lastSubjectIsOther(before: string): boolean {
  let last = ''
  for (const m of before.matchAll(SUBJECT)) last = m[0]
  return /^(?:he|she|they)/.test(last)
}

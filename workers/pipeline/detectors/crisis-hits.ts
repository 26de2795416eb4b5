// The phrase readers of the crisis detector: each lexicon group with the context tests it must
// pass (negation, past, hypothetical, someone else's words) before a phrase counts as a hit.
import type { CrisisHit as Hit, CrisisSignal } from './crisis.ts'
import {
  IDEATION_BEFORE,
  INGEST,
  INGEST_CONTEXT,
  INGEST_HARMLESS,
  INTENT_BEFORE,
  PAST_BEFORE,
  PLACE_PAST,
  PLACE_STRONG,
  PLACE_WEAK,
  SELF_END,
  SELF_INJURY,
  SELF_INJURY_ACCIDENT,
  SELF_INJURY_EVIDENCE,
  type LexiconEntry,
} from '../lexicons/crisis.ts'
import { asksForHelp, clauseBefore, isHypothetical, isNegated, isPastFramed, sentenceAround, sentenceEnd, sentenceStart, writerState } from './context.ts'
import { mayMatch } from '../literal-gate.ts'

// Which context tests each kind of phrase must pass before it counts.
interface Filters {
  negation: boolean
  past: boolean
  hypothetical: boolean
}
export const STRICT: Filters = { negation: true, past: true, hypothetical: true }
export const NEG_AND_PAST: Filters = { negation: true, past: true, hypothetical: false }
export const NONE: Filters = { negation: false, past: false, hypothetical: false }

/** With no drug named, only a container or a whole supply reads as an overdose ("did the whole bag"). */
const INGEST_UNNAMED = new RegExp(
  '\\b(?:boxes|box|packets?|packs?|strips?|bottles?|blister|sheets|tubs|bags?|scripts|prescriptions|' +
    'whole|entire|full|handfuls?|everything|every|rest|month|week|fortnight|supply|stash)\\b',
)

const RECENT_DAYS = /\blast (?:week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/
const DISTANT_PAST = /\b(?:years?|when i was|used to|as a (?:teen|teenager|kid|child)|in my teens)\b/
const SELF_HARM_TALK = new RegExp(
  '\\b(?:cut|cuts|cutting|self[- ]?harm\\w*|sharpener|razor|my (?:arms?|legs?|wrists?|skin|thighs?|' +
    "forearms?)|(?:did|do|have) ?n[o']?t (?:do|done|use|used|cut) it)\\b",
)
const OTHER_SUBJECT_NOW = /\b(?:he|she|they)(?:'s|'d|'ve|'re| is| was| has| had| have| are| were)?(?: been)?(?: \w+ing)?\s*$/
const OWN_STATE = new Set<CrisisSignal>(['intent', 'ideation', 'passive', 'hopeless', 'vague_intent'])
const THIRD_PARTY_SUBJECT = new RegExp(
  '\\b(?:he|she|they|his|her|husband|wife|partner|son|daughter|mum|mom|dad|stepdad|stepfather|father|' +
    'uncle|boyfriend|girlfriend|ex|friend|brother|sister|nan|gran|grandad|grandma|patient|client|someone|' +
    "somebody|people)(?:'s|'d|'ve)?(?: \\w+)?(?: (?:has|had|have|just|must have|might have))?\\s*$",
)

/** An ingestion is only a use unless the post is in the past, negated or asked about. */
export function ingestHits(view: string, hits: Hit[]): void {
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

export function selfInjuryHits(view: string, hits: Hit[]): void {
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

export function placeHits(view: string, hits: Hit[]): void {
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

export function collect(view: string, lexicon: LexiconEntry[], signal: CrisisSignal, f: Filters, hits: Hit[]): void {
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
export function selfEndHits(view: string, hits: Hit[]): void {
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
    const soon = SOON_AFTER.test(after)
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

// A time word right after the phrase: "... tonight", "... on Friday", "... once they're asleep".
const SOON_AFTER = new RegExp(
  '^[^.!?\\n]{0,30}\\b(?:tonight|tonite|tomorrow|today|now|this (?:weekend|week|evening)|on (?:monday|' +
    'tuesday|wednesday|thursday|friday|saturday|sunday)|after|when|once|at \\d)',
)
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

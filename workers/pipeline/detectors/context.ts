// Shared context tests for phrase detectors: whether a match is negated, told in the past,
// or hypothetical. Each looks at the clause or sentence around a match in the normalised text.

const SENTENCE_END = /[.!?;\n]/
const CLAUSE_END = /[.!?;\n,:()\u2014\u2013]| - /

export function sentenceStart(text: string, at: number): number {
  let i = at - 1
  while (i >= 0 && !SENTENCE_END.test(text[i]!)) i--
  return i + 1
}

export function sentenceEnd(text: string, at: number): number {
  let i = at
  while (i < text.length && !SENTENCE_END.test(text[i]!)) i++
  return i
}

export function clauseStart(text: string, at: number): number {
  let i = at - 1
  while (i >= 0 && !CLAUSE_END.test(text[i]!)) i--
  return i + 1
}

export function sentenceAround(text: string, start: number, end: number): string {
  return text.slice(sentenceStart(text, start), sentenceEnd(text, end))
}

/** Up to `chars` characters before `at`, not crossing the start of the clause. */
export function clauseBefore(text: string, at: number, chars = 40): string {
  return text.slice(Math.max(clauseStart(text, at), at - chars), at)
}

const NEGATION = new RegExp(
  "\\b(?:not|never|no|nor|nothing|nobody|cannot|won'?t|wouldn'?t|don'?t|doesn'?t|didn'?t|isn'?t|" +
    "aren'?t|haven'?t|hasn'?t|ain'?t|can'?t|shouldn'?t|dont|wont|didnt|isnt|havent|aint|cant|" +
    "wouldnt|n't)\\b|n't\\b",
)

export function isNegated(text: string, start: number, window = 40): boolean {
  return NEGATION.test(clauseBefore(text, start, window))
}

// Told as history: "three years ago", "in 2021", "used to", "at my worst", "back then".
const PAST_FRAME = new RegExp(
  '\\b(?:(?:\\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|' +
    'couple of)\\s+(?:years?|months?|weeks?|winters?|summers?|christmases)\\s+(?:ago|back)|years? ago|' +
    'used to|back then|back when|since (?:19|20)\\d\\d|at (?:my|the) worst|in (?:19|20)\\d\\d|' +
    'last (?:year|winter|spring|summer|autumn)|that (?:year|winter|time)|when i was (?:younger|' +
    '(?:a )?(?:kid|teen|teenager|child|student)|\\d+|at uni|in (?:school|hospital|high school|secondary|' +
    'college)|using|drinking|still (?:using|drinking))|as a (?:teen|teenager|kid|child)|in my teens|' +
    'last (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|before i got (?:clean|' +
    'sober|help)|(?:first|early) (?:couple of )?years after)\\b',
)

// A belief the writer has since left behind: "I genuinely believed my kids would be better off".
const PAST_BELIEF = /\b(?:believed|was convinced|was sure|were convinced|used to (?:think|feel|believe)|felt back then)\b(?: that)?[^.!?\n]*$/

export function isPastFramed(text: string, start: number, end: number): boolean {
  return PAST_FRAME.test(sentenceAround(text, start, end)) || PAST_BELIEF.test(clauseBefore(text, start, 60))
}

const HYPOTHETICAL = new RegExp(
  '\\b(?:if i ever|if (?:you|someone|anyone|they|he|she) (?:ever|were|was)|what (?:if|would|should|' +
    'do) (?:i|you)|how (?:do|can|would|should) (?:you|i|we)|someone who|people who|anyone who)\\b',
)

export function isHypothetical(text: string, start: number, end: number): boolean {
  return HYPOTHETICAL.test(sentenceAround(text, start, end))
}

// Reported speech in inline quotes: Mum keeps saying 'I want to die'. Those are someone
// else's words; the writer is not saying them about themself.
const REPORTED_QUOTE = new RegExp(
  '\\b(?:say|says|said|saying|told|tells|telling|asked|asks|wrote|writes|posted|posts|put|texted|' +
    'messaged|screamed|shouted|yelled|goes|went|called me|like|caption|captioned|message|text|note|' +
    'status|reads|read)\\b[^.!?\\n]{0,25}?\\s*(["\'])((?:[^"\'\\n]|' +
    "(?<=[a-z])'(?=[a-z])){2,200}?)\\1(?![a-z])",
  'g',
)

/** Blank inline quoted reported speech with spaces (same length). */
export function blankReportedSpeech(text: string): string {
  if (!text.includes('"') && !text.includes("'")) return text
  return text.replace(REPORTED_QUOTE, (whole, _q: string, inner: string) => {
    const at = whole.lastIndexOf(inner)
    return whole.slice(0, at) + ' '.repeat(inner.length) + whole.slice(at + inner.length)
  })
}

// Writer's state: who a sentence is about (the writer, someone else, both) and when (past, now,
// future). The crisis rules use it to tell the writer's danger from someone else's; the linear stage
// reads it for every phrase that fired.
// The writer as a subject ("I", "I've", "myself"); "me" and "my" also turn up in others' stories ("she sent me").
const FIRST_PERSON = /\b(?:i|i'?m|im|i'?ve|ive|i'?ll|i'?d|myself)\b/
const OTHER_PERSON = new RegExp(
  "\\b(?:he|she|they|him|her|them|his|hers|their|himself|herself|themselves|he'?s|she'?s|they'?re|" +
    '(?:my|our|a) (?:mum|mom|mother|dad|father|son|daughter|brother|sister|husband|wife|partner|friend|' +
    'mate|boyfriend|girlfriend|nan|gran|grandad|grandma|uncle|aunt|cousin|client|patient|flatmate|' +
    'roommate|colleague|sponsee))\\b',
)
const PAST_TENSE = new RegExp(
  '\\b(?:was|were|had|did|used to|ago|back then|last (?:year|month|week|winter|summer|spring|autumn)|' +
    'in (?:19|20)\\d\\d|when i was|at the time|years? (?:before|later)|anniversary)\\b|\\b\\w{3,}ed\\b',
)
const FUTURE_TENSE = /\b(?:going to|gonna|gunna|will|i'?ll|tonight|tomorrow|soon|planning|plan to|about to|ready to|this (?:weekend|week|evening))\b/
const PRESENT_MARK = /\b(?:now|right now|today|at the moment|currently|am|i'?m|im|keep|can'?t|cant|don'?t|dont)\b/
const ASKS_HELP = /\?|\b(?:how (?:do|can|should) i help|what (?:do|should|can) i do|what would you do|any advice)\b/

export interface WriterState {
  who: 'self' | 'other' | 'both' | 'none'
  when: 'past' | 'now' | 'future'
  /** The sentence asks what to do or how to help. */
  asks: boolean
}

export function writerState(view: string, start: number, end: number): WriterState {
  const sentence = sentenceAround(view, start, end)
  const self = FIRST_PERSON.test(sentence)
  // The subject pronouns of "my friend has pills": someone else, unless the writer is in it too.
  const other = OTHER_PERSON.test(sentence)
  const who = self && other ? 'both' : self ? 'self' : other ? 'other' : 'none'
  const when = FUTURE_TENSE.test(sentence) ? 'future' : PAST_TENSE.test(sentence) && !PRESENT_MARK.test(sentence) ? 'past' : 'now'
  return { who, when, asks: ASKS_HELP.test(view.slice(sentenceStart(view, start), Math.min(view.length, sentenceEnd(view, end) + 1))) }
}

const ASKS_WHAT_TO_DO = new RegExp(
  '\\b(?:what (?:do|should|can) i (?:do|say)|should i (?:call|ring|phone|go|tell)|how (?:do|can|' +
    'should) i (?:help|support|get)|did i do (?:the )?right|what would you do|any advice|was i right)\\b',
)

/** The writer asks what to do or how to help: the post is about someone else's danger. */
export function asksForHelp(view: string): boolean {
  return ASKS_WHAT_TO_DO.test(view)
}

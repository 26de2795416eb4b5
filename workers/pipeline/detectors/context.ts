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

const NEGATION = /\b(?:not|never|no|nor|nothing|nobody|cannot|won'?t|wouldn'?t|don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|haven'?t|hasn'?t|ain'?t|can'?t|shouldn'?t|dont|wont|didnt|isnt|havent|aint|cant|wouldnt|n't)\b|n't\b/

export function isNegated(text: string, start: number, window = 40): boolean {
  return NEGATION.test(clauseBefore(text, start, window))
}

// Told as history: "three years ago", "in 2021", "used to", "at my worst", "back then".
const PAST_FRAME = /\b(?:(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|couple of)\s+(?:years?|months?|weeks?|winters?|summers?|christmases)\s+ago|years? ago|used to|back then|back when|at (?:my|the) worst|in (?:19|20)\d\d|last (?:year|winter|spring|summer|autumn)|that (?:year|winter|time)|when i was (?:younger|a (?:kid|teen|child)|\d+|at uni|in (?:school|hospital))|before i got (?:clean|sober|help)|(?:first|early) (?:couple of )?years after)\b/

// A belief the writer has since left behind: "I genuinely believed my kids would be better off".
const PAST_BELIEF = /\b(?:believed|was convinced|was sure|were convinced|used to (?:think|feel|believe)|felt back then)\b(?: that)?[^.!?\n]*$/

export function isPastFramed(text: string, start: number, end: number): boolean {
  return PAST_FRAME.test(sentenceAround(text, start, end)) || PAST_BELIEF.test(clauseBefore(text, start, 60))
}

const HYPOTHETICAL = /\b(?:if i ever|if (?:you|someone|anyone|they|he|she) (?:ever|were|was)|what (?:if|would|should|do) (?:i|you)|how (?:do|can|would|should) (?:you|i|we)|someone who|people who|anyone who)\b/

export function isHypothetical(text: string, start: number, end: number): boolean {
  return HYPOTHETICAL.test(sentenceAround(text, start, end))
}

// Reported speech in inline quotes: Mum keeps saying 'I want to die'. Those are someone
// else's words; the writer is not saying them about themself.
const REPORTED_QUOTE = /\b(?:say|says|said|saying|told|tells|telling|asked|asks|wrote|writes|posted|posts|put|texted|messaged|screamed|shouted|yelled|goes|went|called me|like)\b[^.!?\n]{0,25}?\s*(["'])((?:[^"'\n]|(?<=[a-z])'(?=[a-z])){2,200}?)\1(?![a-z])/g

/** Blank inline quoted reported speech with spaces (same length). */
export function blankReportedSpeech(text: string): string {
  if (!text.includes('"') && !text.includes("'")) return text
  return text.replace(REPORTED_QUOTE, (whole, _q: string, inner: string) => {
    const at = whole.lastIndexOf(inner)
    return whole.slice(0, at) + ' '.repeat(inner.length) + whole.slice(at + inner.length)
  })
}

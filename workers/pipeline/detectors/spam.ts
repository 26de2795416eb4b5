import stored from '../model/spam-nb.json' with { type: 'json' }
import type { AuthorContext } from '../types.ts'
import type { NormalisedText } from '../normalise.ts'
import { BENIGN_PATTERNS, COMMERCIAL_DOMAIN_WORDS, FREE_MAIL_DOMAINS, PROMO_PATTERNS, SPAMMY_TLDS, type SpamPattern } from '../lexicons/spam.ts'
import type { FoundLink } from './links.ts'
import { TokenVocabulary, byWeight } from './tokens.ts'
import { mayMatch } from '../literal-gate.ts'

export interface SpamResult {
  score: number
  reasons: string[]
}

/**
 * The second opinion: a Bernoulli naive Bayes over the post's words and word pairs (modelTokens()
 * in crisis-model.ts, read through TokenVocabulary) plus the signal tokens of spamSignals(), trained
 * by scripts/train-spam-model.ts. The rules know the sales phrases someone listed; on posts written
 * afresh they missed about a third of the spam (a "helpline" that takes insurance, a rehab referral
 * "DM me", a price list). The model reads the whole register of an advert: a business voice, an
 * offer, a price, a phone number, a link from an account with no history. It speaks as one more
 * reason, with the words that moved it, in two strengths (both chosen by cross-validation):
 * - beside a rule signal, when its log-odds pass `threshold`, it adds `weight` (< 0.5);
 * - on its own, only when its log-odds pass `alone` (well above any member's post seen in
 *   cross-validation) and the post gives a way to buy (a link, a phone number, a handle, a
 *   business email, a price, "message me"), it adds `aloneWeight` (0.5): enough to flag the post
 *   for a moderator, not to hold it (the default hold is 0.7), and a free resource's counter-signs
 *   still pull it back. A new member's "struggling with addiction, any advice on detox?" reads
 *   much like a rehab's opening line; it gives no way to buy.
 */
export interface SpamModel {
  /** Log-odds the model must exceed to speak beside a rule signal; null: the model is off. */
  threshold: number | null
  /** Score units added then. */
  weight: number
  /** Log-odds above which it speaks with no rule signal; null: never. */
  alone: number | null
  aloneWeight: number
  prior: number
  vocab: TokenVocabulary
  wordWeights: Float64Array
  signals: ReadonlyMap<string, number>
}

export interface StoredSpamModel {
  threshold: number | null
  weight?: number
  alone?: number | null
  aloneWeight?: number
  prior: number
  signals: Record<string, number>
  vocabulary: string[]
  weights: number[]
}

export function loadSpamModel(m: StoredSpamModel): SpamModel {
  const vocab = new TokenVocabulary(m.threshold === null ? [] : m.vocabulary)
  return {
    threshold: m.threshold,
    weight: m.weight ?? 0,
    alone: m.threshold === null ? null : (m.alone ?? null),
    aloneWeight: m.aloneWeight ?? 0,
    prior: m.prior,
    vocab,
    wordWeights: Float64Array.from(vocab.tokens, (_, i) => m.weights[i]!),
    signals: new Map(Object.entries(m.signals)),
  }
}

/** The committed model (workers/pipeline/model/spam-nb.json). */
export const SPAM_MODEL: SpamModel = loadSpamModel(stored as StoredSpamModel)

/** The reasons the model gives, before the words that moved it. */
export const MODEL_REASON = 'reads like an advert (statistical model)'
export const MODEL_REASON_ALONE = 'reads strongly like an advert (statistical model)'

/**
 * The rule signals in parts: `raw` (every signal but the free-resource counter-signs), and `benign`,
 * the counter-signs, which apply only to a post with some other signal. The training script
 * combines them with the model exactly as detectSpam() does.
 */
export interface SpamParts {
  raw: number
  /** The weights of the promotional phrases among `raw`. */
  promo: number[]
  benign: number
  reasons: string[]
  benignReasons: string[]
}

/**
 * A 0..1 score built from independent signals, each with a reason a moderator can read.
 * Links alone are not spam (members share charities and books); links from a new account
 * to a commercial domain, wrapped in sales language, are.
 */
export function detectSpam(n: NormalisedText, links: FoundLink[], author?: AuthorContext, model: SpamModel = SPAM_MODEL): SpamResult {
  const parts = spamRules(n, links, author)
  let raw = parts.raw
  const reasons = parts.reasons
  // The model can speak only beside a rule signal or, alone, on a post that gives a way to buy; on
  // the rest (most members' posts) it is not read at all, which keeps the scan fast.
  if (model.threshold !== null && (raw > 0 || (model.alone !== null && givesChannel(n, links)))) {
    const m = modelScore(model, n, links, author)
    const strength = modelStrength(model, raw, m.score, m.channel)
    if (strength !== null && raw <= 0) {
      // The counter-signs were not read for a post with no rule signal.
      const b = benignSigns(n)
      parts.benign = b.benign
      parts.benignReasons = b.reasons
    }
    if (strength === 'alone') {
      raw += model.aloneWeight
      reasons.push(`${MODEL_REASON_ALONE}: ${m.top.join(', ')}`)
    } else if (strength === 'beside') {
      raw += model.weight
      reasons.push(`${MODEL_REASON}: ${m.top.join(', ')}`)
    }
  }
  return finish(raw, parts.benign, reasons, parts.benignReasons)
}

/**
 * How the model speaks on a post with rule signals `raw` and model log-odds `score`: 'alone' (it
 * would decide even with no rule signal; beside one it weighs as much), 'beside' a rule signal, or
 * not at all. The training script decides the same way.
 */
export function modelStrength(model: Pick<SpamModel, 'threshold' | 'alone'>, raw: number, score: number, channel: boolean): 'alone' | 'beside' | null {
  if (model.threshold === null) return null
  if (model.alone !== null && score > model.alone && (channel || raw > 0)) return 'alone'
  if (raw > 0 && score > model.threshold) return 'beside'
  return null
}

/** The final score from the parts: the counter-signs count only when something else fired. */
export function finish(raw: number, benign: number, reasons: string[], benignReasons: string[]): SpamResult {
  const score = raw > 0 ? raw + benign : raw
  const all = raw > 0 ? [...reasons, ...benignReasons] : reasons
  return { score: Math.round(Math.max(0, Math.min(1, score)) * 100) / 100, reasons: all.filter((_, i) => i < 12) }
}

/**
 * The rules' signals. `lexicon: false` leaves out the promotional phrases (PROMO_PATTERNS), keeping
 * only the generic signals (links, account age, disguise, emoji, shouting, repeats): the training
 * script uses it to see what the model adds on spam whose wording the lexicon does not know.
 */
export function spamRules(n: NormalisedText, links: FoundLink[], author?: AuthorContext, lexicon = true, alwaysBenign = false): SpamParts {
  const reasons: string[] = []
  let score = 0
  const add = (weight: number, reason: string) => {
    score += weight
    reasons.push(reason)
  }

  const web = links.filter((l) => !l.email)
  const untrusted = web.filter((l) => !l.trusted)
  if (untrusted.length > 0) {
    add(0.25 + Math.min(0.2, 0.1 * (untrusted.length - 1)), `links to ${untrusted.map((l) => l.domain || l.text).join(', ')}`)
    if (untrusted.some((l) => COMMERCIAL_DOMAIN_WORDS.test(l.domain + l.path))) add(0.2, 'commercial words in the link')
    if (untrusted.some((l) => SPAMMY_TLDS.has(l.suffix))) add(0.15, 'link on a throwaway domain')
    if (untrusted.some((l) => (l.domain.match(/-/g) ?? []).length >= 2)) add(0.1, 'keyword-stuffed domain')
    if (author && (author.accountAgeDays <= 7 || author.postCount <= 3)) add(0.2, 'new account posting links')
    const words = n.text.split(/\s+/).length
    if (words / untrusted.length < 25) add(0.1, 'high link density')
  }
  if (links.some((l) => l.obfuscated)) add(0.45, 'disguised link')
  const businessMail = links.filter((l) => l.email && !l.trusted && !FREE_MAIL_DOMAINS.has(l.domain))
  if (businessMail.some((l) => COMMERCIAL_DOMAIN_WORDS.test(l.domain))) add(0.25, `business email at ${businessMail[0]!.domain}`)

  // Both views: the plain one keeps prices and emails intact, the leet one undoes "n0 prescripti0n".
  const views = n.leet === n.text ? [n.text] : [n.text, n.leet]
  const promo: number[] = []
  if (lexicon)
    for (const pattern of PROMO_PATTERNS)
      if (views.some((v) => matches(pattern, v))) {
        add(pattern.weight, pattern.reason)
        promo.push(pattern.weight)
      }

  if (SALES_EMOJI.test(n.original)) add(0.1, 'sales emoji')
  if ((n.original.match(SHOUTING) ?? []).length >= 3) add(0.1, 'shouting')

  if (author?.recentTexts?.length) {
    const mine = shingles(n.text)
    // The overlap is at most the smaller set over the larger, so posts of very different lengths
    // are not compared shingle by shingle.
    const repeats = (theirs: Set<string>) => Math.min(mine.size, theirs.size) >= REPEAT * Math.max(mine.size, theirs.size) && jaccard(mine, theirs) >= REPEAT
    if (author.recentTexts.some((t) => repeats(recentShingles(t)))) add(0.5, 'repeats an earlier post')
  }

  // The counter-signs count only beside another signal (see finish()); the model adds one only
  // where a rule fired, so they are read only then.
  const b = score > 0 || alwaysBenign ? benignSigns(n) : { benign: 0, reasons: [] }
  return { raw: score, promo, benign: b.benign, reasons, benignReasons: b.reasons }
}

/** The counter-signs of a member sharing free help (BENIGN_PATTERNS). */
export function benignSigns(n: NormalisedText): { benign: number; reasons: string[] } {
  let benign = 0
  const reasons: string[] = []
  for (const pattern of BENIGN_PATTERNS)
    if (matches(pattern, n.leet)) {
      benign += pattern.weight
      reasons.push(pattern.reason)
    }
  return { benign, reasons }
}

const SALES_EMOJI = /[\u{1F4B0}\u{1F525}\u{1F449}\u{1F4B8}\u{1F911}\u{1F4B5}\u{1F680}]/u
const SHOUTING = /\b[A-Z]{4,}\b/g

// Signal tokens: names start with ":" so they can never be a word token.
const PRICE = /[$£€]\s?\d|\d ?(?:usd|gbp|eur|dollars|pounds)\b/
const PERCENT = /\d ?%/
const PHONE_LIKE = /(?:\+\d{1,3}[\s.-]?|\(\d{3,5}\)[\s.-]?|\b\d{3,5}[\s.-]?)\d{3}[\s.-]?\d{3,4}\b/
const HANDLE = /(?:^|[\s(])@[a-z0-9_.]{3,}/
const DM_ME = /\b(?:dm|pm|message|inbox|whatsapp|text|email|contact|ask) me\b/
const CODE = /\b[A-Z]{3,}\d{1,3}\b|\bcode\b/
const OPENING_QUESTION = /^[^.!?\n]{3,70}\?/

/** Readable names for the signals, for the moderator. */
export const SIGNAL_NAMES: Readonly<Record<string, string>> = {
  ':link': 'a link',
  ':link-disguised': 'a disguised link',
  ':link-commercial': 'a shop-like link',
  ':link-query': 'a tracked link',
  ':link-trusted': 'a charity or public link',
  ':email-business': 'a business email',
  ':new-account': 'a new account',
  ':young-account': 'a young account',
  ':few-posts': 'few posts before',
  ':price': 'a price',
  ':percent': 'a percentage',
  ':phone': 'a phone number',
  ':handle': 'a handle',
  ':dm-me': '"message me"',
  ':code': 'a code',
  ':caps': 'shouting',
  ':emoji': 'sales emoji',
  ':exclaim': '"!!"',
  ':opening-question': 'an opening question',
}

/** The signal tokens of a post, each once. The training script adds them to the post's word tokens. */
export function spamSignals(n: NormalisedText, links: FoundLink[], author?: AuthorContext): string[] {
  const out: string[] = []
  const web = links.filter((l) => !l.email)
  const untrusted = web.filter((l) => !l.trusted)
  if (untrusted.length > 0) out.push(':link')
  else if (web.length > 0) out.push(':link-trusted')
  if (links.some((l) => l.obfuscated)) out.push(':link-disguised')
  if (untrusted.some((l) => COMMERCIAL_DOMAIN_WORDS.test(l.domain + l.path))) out.push(':link-commercial')
  if (untrusted.some((l) => l.path.includes('?') || l.path.includes('='))) out.push(':link-query')
  if (links.some((l) => l.email && !l.trusted && !FREE_MAIL_DOMAINS.has(l.domain))) out.push(':email-business')
  if (author) {
    if (author.accountAgeDays <= 7) out.push(':new-account')
    else if (author.accountAgeDays <= 30) out.push(':young-account')
    if (author.postCount <= 3) out.push(':few-posts')
  }
  const t = n.text
  if (PRICE.test(t)) out.push(':price')
  if (PERCENT.test(t)) out.push(':percent')
  if (PHONE_LIKE.test(t)) out.push(':phone')
  if (HANDLE.test(t)) out.push(':handle')
  if (DM_ME.test(n.leet)) out.push(':dm-me')
  if (CODE.test(n.original)) out.push(':code')
  if ((n.original.match(SHOUTING) ?? []).length >= 2) out.push(':caps')
  if (SALES_EMOJI.test(n.original)) out.push(':emoji')
  if (t.includes('!!')) out.push(':exclaim')
  if (OPENING_QUESTION.test(t)) out.push(':opening-question')
  return out
}

/** Signals that give a way to buy: without one the model never speaks alone. */
const CHANNELS = new Set([':link', ':link-disguised', ':email-business', ':phone', ':handle', ':price', ':dm-me'])
export const hasChannel = (signals: readonly string[]) => signals.some((s) => CHANNELS.has(s))

/** hasChannel(spamSignals(...)), without reading the rest. */
function givesChannel(n: NormalisedText, links: FoundLink[]): boolean {
  if (links.some((l) => l.obfuscated || (!l.trusted && (!l.email || !FREE_MAIL_DOMAINS.has(l.domain))))) return true
  const t = n.text
  return PRICE.test(t) || PHONE_LIKE.test(t) || HANDLE.test(t) || DM_ME.test(n.leet)
}

/**
 * The model's log-odds for a post, the (up to three) tokens that pushed it up most, and whether
 * the post gives a way to buy.
 */
export function modelScore(
  model: SpamModel,
  n: NormalisedText,
  links: FoundLink[],
  author?: AuthorContext,
): { score: number; top: string[]; channel: boolean } {
  let s = model.prior
  const up: [string, number][] = []
  for (const i of model.vocab.lookup(n.leet)) {
    const w = model.wordWeights[i]!
    s += w
    if (w > 0) up.push([model.vocab.tokens[i]!.replace('_', ' '), w])
  }
  const signals = spamSignals(n, links, author)
  for (const sig of signals) {
    const w = model.signals.get(sig) ?? 0
    s += w
    if (w > 0) up.push([SIGNAL_NAMES[sig] ?? sig, w])
  }
  // The three strongest, a word giving way to a pair that contains it ("insurance accepted", not "accepted").
  const top: string[] = []
  for (const [t] of up.sort(byWeight)) {
    const within = top.findIndex((u) => ` ${t} `.includes(` ${u} `))
    if (within >= 0) {
      top[within] = t
      continue
    }
    if (top.length === 3 || top.some((u) => ` ${u} `.includes(` ${t} `))) continue
    top.push(t)
  }
  return { score: s, top, channel: hasChannel(signals) }
}

function matches(pattern: SpamPattern, s: string): boolean {
  if (!mayMatch(pattern.re, s)) return false
  pattern.re.lastIndex = 0
  return pattern.re.test(s)
}

/** Jaccard similarity of two posts' word 3-shingles: copy-pasted ads score near 1. */
function jaccard(sa: Set<string>, sb: Set<string>): number {
  if (sa.size === 0 || sb.size === 0) return 0
  let common = 0
  for (const s of sa) if (sb.has(s)) common++
  return common / (sa.size + sb.size - common)
}

/** Jaccard similarity from which a post counts as repeating one of its author's last posts. */
const REPEAT = 0.6

// An author's last posts come with each of their new ones, so under a burst the same few texts
// are compared again and again: their shingles are kept for the last 256 texts compared (about
// 2 MB at most; the reply bench has 50 members, so 250 texts in play).
const RECENT_CACHE_SIZE = 256
const recentCache = new Map<string, Set<string>>()
function recentShingles(text: string): Set<string> {
  let set = recentCache.get(text)
  if (set) {
    recentCache.delete(text)
  } else {
    set = shingles(text)
    if (recentCache.size >= RECENT_CACHE_SIZE) recentCache.delete(recentCache.keys().next().value!)
  }
  recentCache.set(text, set)
  return set
}

function shingles(s: string): Set<string> {
  const words = s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  const out = new Set<string>()
  if (words.length < 3) {
    if (words.length > 0) out.add(words.join(' '))
    return out
  }
  for (let i = 0; i + 3 <= words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`)
  return out
}

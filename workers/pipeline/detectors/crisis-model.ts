import model from '../model/crisis-nb.json' with { type: 'json' }
import { ownWords, type NormalisedText } from '../normalise.ts'

/**
 * A second opinion for the crisis rules: a naive Bayes model over words and word pairs, trained
 * by scripts/train-crisis-model.ts on the labelled posts in test/unit/pipeline/fixtures and the
 * shared dev corpus. Rules recognise the wordings someone listed; on posts written afresh they
 * missed most urgent ones. The model catches posts that merely resemble crisis posts, so a
 * moderator sees them; it only ever raises a level the rules left at none.
 */
export interface ModelVerdict {
  level: 'none' | 'concern'
  score: number
  /** The words that pushed the score up most, for the moderator. */
  topWords: string[]
}

interface NbTable {
  prior: number
  /** token -> log-likelihood ratio */
  weights: Record<string, number>
}

const FLAG = model.flag as NbTable
const FLAG_W = new Map(Object.entries(FLAG.weights))

/** Chosen by cross-validation on the training posts (recall first): see scripts/train-crisis-model.ts. */
export const FLAG_THRESHOLD = model.flagThreshold as number

/** The same tokens the training script counts: words and adjacent word pairs, each once. */
export function modelTokens(text: string): Set<string> {
  const words = (text.toLowerCase().match(/[a-z0-9']+/g) ?? []).map((w) => w.replace(/'/g, '')).filter(Boolean)
  const out = new Set<string>(words)
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]}_${words[i]}`)
  return out
}

function score(table: NbTable, weights: Map<string, number>, tokens: Set<string>) {
  let s = table.prior
  const contributions: [string, number][] = []
  for (const t of tokens) {
    const w = weights.get(t)
    if (w === undefined) continue
    s += w
    if (w > 0) contributions.push([t, w])
  }
  return { s, contributions }
}

/**
 * The writer says plainly that they are safe or do not mean it literally. The model reads words,
 * not negation, so it defers to such a statement; the rules still judge the post.
 */
const SAYS_SAFE = /\b(?:i'?m|i am|im) not (?:suicidal|going to (?:kill|hurt|harm) myself|going to do anything|in danger)\b|\bnot (?:going|gonna) to (?:do anything|use|drink|act on (?:it|them))\b|\bnot like that\b|\bbefore any(?:one|body) (?:worries|panics|jumps|reports|calls)\b|\bi'?m (?:safe|ok|okay)(?: though| for now| now)?[.!,]/

/** Everyday idioms that use the words of death and harm; they are removed before the model reads. */
const IDIOMS = /\b(?:(?:be|been|is|was) the death of me|killing me|kill(?:ed)? me (?:for|if)|would(?: have|'ve)? killed me|(?:i'?d|i would) kill for|dying (?:to|for)|to die for|die of (?:embarrassment|shame|boredom|laughter)|(?:nearly|almost) died laughing|dead (?:tired|on my feet|boring|easy)|shoot me now|kill(?:ing)? time|drop dead gorgeous)\b/g

export function modelCrisis(n: NormalisedText): ModelVerdict {
  // The writer's own words: quoted Markdown is someone else's.
  const own = ownWords(n).leet.replace(IDIOMS, ' ')
  if (SAYS_SAFE.test(own)) return { level: 'none', score: 0, topWords: [] }
  const tokens = modelTokens(own)
  const flag = score(FLAG, FLAG_W, tokens)
  if (flag.s <= FLAG_THRESHOLD) return { level: 'none', score: flag.s, topWords: [] }
  const topWords = flag.contributions.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([t]) => t.replace('_', ' '))
  // Only ever concern: a high-priority item a moderator reads within hours, and crisis lines to
  // the writer, but no alert to every moderator. Paging people on a resemblance would teach them
  // to ignore alerts; urgent stays the rules' call, on evidence a moderator can read.
  return { level: 'concern', score: flag.s, topWords }
}

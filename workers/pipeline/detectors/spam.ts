import type { AuthorContext } from '../types.ts'
import type { NormalisedText } from '../normalise.ts'
import { BENIGN_PATTERNS, COMMERCIAL_DOMAIN_WORDS, FREE_MAIL_DOMAINS, PROMO_PATTERNS, SPAMMY_TLDS, type SpamPattern } from '../lexicons/spam.ts'
import type { FoundLink } from './links.ts'

export interface SpamResult {
  score: number
  reasons: string[]
}

/**
 * A 0..1 score built from independent signals, each with a reason a moderator can read.
 * Links alone are not spam (members share charities and books); links from a new account
 * to a commercial domain, wrapped in sales language, are.
 */
export function detectSpam(n: NormalisedText, links: FoundLink[], author?: AuthorContext): SpamResult {
  const reasons: string[] = []
  let score = 0
  const add = (weight: number, reason: string) => { score += weight; reasons.push(reason) }

  const web = links.filter((l) => !l.email)
  const untrusted = web.filter((l) => !l.trusted)
  if (untrusted.length > 0) {
    add(0.25 + Math.min(0.2, 0.1 * (untrusted.length - 1)), `links to ${untrusted.map((l) => l.domain || l.text).join(', ')}`)
    if (untrusted.some((l) => COMMERCIAL_DOMAIN_WORDS.test(l.domain + l.path))) add(0.2, 'commercial words in the link')
    if (untrusted.some((l) => SPAMMY_TLDS.has(l.suffix))) add(0.15, 'link on a throwaway domain')
    if (untrusted.some((l) => (l.domain.match(/-/g) ?? []).length >= 2)) add(0.1, 'keyword-stuffed domain')
    // Dormant accounts too: a years-old account with a handful of posts that suddenly links to a shop.
    if (author && (author.accountAgeDays <= 7 || author.postCount <= 5)) add(0.2, 'new account posting links')
    const words = n.text.split(/\s+/).length
    if (words / untrusted.length < 25) add(0.1, 'high link density')
  }
  if (links.some((l) => l.obfuscated)) add(0.45, 'disguised link')
  const businessMail = links.filter((l) => l.email && !l.trusted && !FREE_MAIL_DOMAINS.has(l.domain))
  if (businessMail.some((l) => COMMERCIAL_DOMAIN_WORDS.test(l.domain))) add(0.25, `business email at ${businessMail[0]!.domain}`)

  // Both views: the plain one keeps prices and emails intact, the leet one undoes "n0 prescripti0n".
  const views = [n.text, n.leet]
  for (const pattern of PROMO_PATTERNS) if (views.some((v) => matches(pattern, v))) add(pattern.weight, pattern.reason)

  if (/[\u{1F4B0}\u{1F525}\u{1F449}\u{1F4B8}\u{1F911}\u{1F4B5}\u{1F680}]/u.test(n.original)) add(0.1, 'sales emoji')
  if ((n.original.match(/\b[A-Z]{4,}\b/g) ?? []).length >= 3) add(0.1, 'shouting')

  if (author?.recentTexts?.some((t) => similarity(n.text, t) >= 0.6)) add(0.5, 'repeats an earlier post')

  if (score > 0) {
    for (const pattern of BENIGN_PATTERNS) if (matches(pattern, n.leet)) add(pattern.weight, pattern.reason)
  }
  return { score: Math.round(Math.max(0, Math.min(1, score)) * 100) / 100, reasons: reasons.filter((_, i) => i < 12) }
}

function matches(pattern: SpamPattern, s: string): boolean {
  pattern.re.lastIndex = 0
  return pattern.re.test(s)
}

/** Jaccard similarity of word 3-shingles: copy-pasted ads score near 1. */
export function similarity(a: string, b: string): number {
  const sa = shingles(a)
  const sb = shingles(b.toLowerCase())
  if (sa.size === 0 || sb.size === 0) return 0
  let common = 0
  for (const s of sa) if (sb.has(s)) common++
  return common / (sa.size + sb.size - common)
}

function shingles(s: string): Set<string> {
  const words = s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  const out = new Set<string>()
  if (words.length < 3) { if (words.length > 0) out.add(words.join(' ')); return out }
  for (let i = 0; i + 3 <= words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`)
  return out
}

import { WARNING_CATEGORIES, type WarningCategory } from '../types.ts'
import type { NormalisedText } from '../normalise.ts'
import { WARNING_LEXICON } from '../lexicons/warnings.ts'
import { mayMatch } from '../literal-gate.ts'
import type { CrisisResult } from './crisis.ts'

/**
 * Content warnings for the whole post, quoted text included (readers see it too).
 * Unlike crisis, warnings are about what the text mentions, so "I'm not suicidal" still
 * carries `suicide`: a reader who avoids the topic wants the warning either way.
 */
export function detectWarnings(n: NormalisedText, crisis?: CrisisResult): WarningCategory[] {
  const found = new Set<WarningCategory>()
  const pending: WarningCategory[] = []
  for (const category of WARNING_CATEGORIES) {
    const lex = WARNING_LEXICON[category]
    let view = n.leet
    for (const re of lex.ignore ?? []) if (mayMatch(re, view)) view = view.replace(re, (m) => ' '.repeat(m.length))
    if (lex.strong.some((re) => test(re, view))) {
      found.add(category)
      continue
    }
    if (lex.weak.length > 0) {
      const words = new Set<string>()
      for (const re of lex.weak) if (mayMatch(re, view)) for (const m of view.matchAll(re)) words.add(m[0])
      if (words.size >= 2) {
        found.add(category)
        continue
      }
    }
    if (lex.ambiguous?.some((re) => test(re, view))) pending.push(category)
  }
  // "Relapse" belongs to whatever else the post is about; alone, it is about drink and drugs.
  const claimed = found.has('eating_disorder') || found.has('self_harm')
  for (const category of pending) if (!claimed) found.add(category)
  if (crisis) addFromCrisis(crisis, found)
  return WARNING_CATEGORIES.filter((c) => found.has(c))
}

// A crisis verdict implies what the post is about even when no topic word appears:
// a goodbye post is about suicide, "took all my pills" is an overdose.
function addFromCrisis(crisis: CrisisResult, found: Set<WarningCategory>): void {
  const s = crisis.signals
  if (s.has('overdose')) {
    found.add('suicide')
    found.add('substance_use')
  }
  // An urgent post whose means is a supply of pills or a drug ("pills are counted out", "40 zopiclone
  // and the flat to myself") describes an overdose, planned: the warning a reader needs is the same.
  if (s.has('overdose_means') && crisis.level === 'urgent') found.add('substance_use')
  if (s.has('self_harm_now')) found.add('self_harm')
  if (s.has('intent') || s.has('ideation') || s.has('passive')) found.add('suicide')
  // Urgent for any reason other than self-harm or a threat to others means ending their life.
  if (crisis.level === 'urgent' && !s.has('threat') && !s.has('weapon') && !s.has('self_harm_now')) {
    found.add('suicide')
  }
  if (crisis.level === 'urgent' && (s.has('threat') || s.has('weapon'))) found.add('violence')
}

function test(re: RegExp, s: string): boolean {
  if (!mayMatch(re, s)) return false
  re.lastIndex = 0
  return re.test(s)
}

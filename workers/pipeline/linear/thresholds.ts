// Threshold choice for the safety models: a grid search on the out-of-fold probabilities
// (training posts only), for the crisis levels and for the single-threshold models.
import type { CrisisLevel } from '../types.ts'
import type { BuildOptions, Prepared } from './build.ts'
import { SHORT_RAISE, type CrisisThresholds } from './stack.ts'

const GRID = [
  0, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98, 1.01,
]

export function crisisLevels(p: Prepared[], pf: number[], pu: number[], t: CrisisThresholds): CrisisLevel[] {
  return p.map((x, i) => {
    const flagged =
      (x.ruled === 'urgent' && pf[i]! >= t.keepUrgentFlag) ||
      (x.ruled === 'concern' && pf[i]! >= t.keepConcern) ||
      pf[i]! >= (x.shortUnflagged ? Math.max(t.raise, SHORT_RAISE) : t.raise)
    if (!flagged) return 'none'
    return x.rulesCited && ((x.ruled === 'urgent' && pu[i]! >= t.keepUrgent) || (x.level === 'urgent' && pu[i]! >= t.keepPromoted) || pu[i]! >= t.raiseUrgent)
      ? 'urgent'
      : 'concern'
  })
}

export function chooseCrisis(
  p: Prepared[],
  pf: number[],
  pu: number[],
  o: Required<Pick<BuildOptions, 'flaggedRecall' | 'falseUrgentRate' | 'urgentMissRate'>>,
): CrisisThresholds {
  const want = p.map((x) => x.post.labels.crisis)
  const flaggedWanted = want.filter((w) => w !== 'none').length
  const missAllowed = Math.floor(o.urgentMissRate * want.filter((w) => w === 'urgent').length)
  // Flag thresholds: no urgent post left at none, flagged recall kept, then the best precision.
  let best: { t: [number, number, number]; precision: number; recall: number } | undefined
  for (const a of GRID)
    for (const b of GRID)
      for (const c of GRID) {
        if (c < b) continue // raising a post nobody flagged never needs less than keeping one
        let tp = 0,
          fp = 0,
          urgentMissed = 0
        for (let i = 0; i < p.length; i++) {
          const lvl = p[i]!.ruled
          const f = (lvl === 'urgent' && pf[i]! >= a) || (lvl === 'concern' && pf[i]! >= b) || pf[i]! >= (p[i]!.shortUnflagged ? Math.max(c, SHORT_RAISE) : c)
          if (f) {
            if (want[i] !== 'none') tp++
            else fp++
          } else if (want[i] === 'urgent') urgentMissed++
        }
        if (urgentMissed > missAllowed) continue
        const recall = tp / Math.max(1, flaggedWanted)
        const precision = tp / Math.max(1, tp + fp)
        const ok = recall >= o.flaggedRecall
        const bestOk = best !== undefined && best.recall >= o.flaggedRecall
        if (
          !best ||
          (ok && !bestOk) ||
          (ok === bestOk &&
            (ok
              ? precision > best.precision || (precision === best.precision && recall > best.recall)
              : recall > best.recall || (recall === best.recall && precision > best.precision)))
        ) {
          best = { t: [a, b, c], precision, recall }
        }
      }
  const [keepUrgentFlag, keepConcern, raise] = best?.t ?? [0, 0, 1.01]
  const nonUrgent = want.filter((w) => w !== 'urgent').length
  let bestU: { t: [number, number, number]; found: number; falseUrgent: number } | undefined
  const base = crisisLevels(p, pf, pu, { keepUrgentFlag, keepConcern, raise, keepUrgent: 2, keepPromoted: 2, raiseUrgent: 2 })
  for (const a of GRID)
    for (const b of GRID)
      for (const c of GRID) {
        if (c < a || c < b) continue // raising needs at least what keeping needs
        let found = 0,
          falseUrgent = 0
        for (let i = 0; i < p.length; i++) {
          const x = p[i]!
          if (base[i] === 'none' || !x.rulesCited) continue
          if ((x.ruled === 'urgent' && pu[i]! >= a) || (x.level === 'urgent' && pu[i]! >= b) || pu[i]! >= c) {
            if (want[i] === 'urgent') found++
            else falseUrgent++
          }
        }
        if (falseUrgent > o.falseUrgentRate * nonUrgent) continue
        if (!bestU || found > bestU.found || (found === bestU.found && falseUrgent < bestU.falseUrgent)) bestU = { t: [a, b, c], found, falseUrgent }
      }
  const [keepUrgent, keepPromoted, raiseUrgent] = bestU?.t ?? [1.01, 1.01, 1.01]
  return { keepUrgentFlag, keepConcern, raise, keepUrgent, keepPromoted, raiseUrgent }
}

/** The threshold with the best F1 (ties: the higher one, fewer false alarms). */
export function chooseF1(probs: number[], ys: boolean[]): number {
  let best = { t: 0.5, f1: -1 }
  for (const t of GRID) {
    let tp = 0,
      fp = 0,
      fn = 0
    for (let i = 0; i < probs.length; i++) {
      const got = probs[i]! >= t
      if (got && ys[i]) tp++
      else if (got) fp++
      else if (ys[i]) fn++
    }
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
    if (f1 >= best.f1) best = { t, f1 }
  }
  return best.t
}

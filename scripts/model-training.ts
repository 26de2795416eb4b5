// Shared by the model training scripts (crisis, warnings, spam).
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** A fixed fold per post, from its file and id (FNV-1a), so the split never depends on file order. */
export function foldOf(key: string, k: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h % k
}

/** Weights are stored to four decimals, so a retrain reproduces the committed JSON exactly. */
export const round = (x: number) => Math.round(x * 1e4) / 1e4

/** A naive Bayes table's log-odds for a post's tokens. */
export function scoreWith(table: { prior: number; weights: Map<string, number> }, tokens: Set<string>): number {
  let s = table.prior
  for (const t of tokens) s += table.weights.get(t) ?? 0
  return s
}

/**
 * With `--check` (CI): fail unless every committed model file equals its retraining, writing
 * nothing. Otherwise write them. Returns true when it wrote.
 */
export function writeOrCheck(label: string, script: string, files: { path: string; json: string }[]): boolean {
  if (process.argv.includes('--check')) {
    const stale = files.filter((f) => readFileSync(f.path, 'utf8') !== f.json)
    if (stale.length) {
      console.error(`${stale.map((f) => path.basename(f.path)).join(' and ')} out of date: run node --import tsx ${script}`)
      process.exit(1)
    }
    console.log(`${label} is up to date`)
    return false
  }
  for (const f of files) writeFileSync(f.path, f.json)
  return true
}

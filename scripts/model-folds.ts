// Shared by the model training scripts (crisis, warnings, spam).

/** A fixed fold per post, from its file and id (FNV-1a), so the split never depends on file order. */
export function foldOf(key: string, k: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) { h ^= key.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0 }
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

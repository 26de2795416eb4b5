/**
 * Training for the linear models: L2-regularised logistic regression by AdaGrad over hashed
 * sparse features, k-fold cross-validation (out-of-fold scores for every training post), Platt
 * calibration on those scores, and threshold choice. Pure and deterministic (a seeded shuffle), so
 * that a retrain reproduces a committed model byte for byte. Used by tools/train-safety.ts and by
 * `alongside safety train` in a deployment; nothing here runs at scan time.
 */
import type { Features } from './features.ts'

export interface TrainOptions {
  bits: number
  epochs?: number
  rate?: number
  l2?: number
  /** Weight of a positive example (rare labels: > 1). */
  positiveWeight?: number
}

export interface Trained {
  w: Float64Array
  bias: number
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s / 0x100000000
  }
}

export function trainLogistic(xs: Features[], ys: boolean[], opts: TrainOptions): Trained {
  const size = 1 << opts.bits
  const epochs = opts.epochs ?? 15
  const rate = opts.rate ?? 0.4
  const l2 = opts.l2 ?? 1e-6
  const pw = opts.positiveWeight ?? 1
  const w = new Float64Array(size)
  const g2 = new Float64Array(size).fill(1e-8)
  let bias = 0
  let gb = 1e-8
  const order = xs.map((_, i) => i)
  const random = rng(0x5eed + xs.length)
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    for (const k of order) {
      const { index, value } = xs[k]!
      let s = bias
      for (let i = 0; i < index.length; i++) s += w[index[i]!]! * value[i]!
      const p = 1 / (1 + Math.exp(-s))
      const y = ys[k] ? 1 : 0
      const g = (p - y) * (y === 1 ? pw : 1)
      for (let i = 0; i < index.length; i++) {
        const f = index[i]!
        const gi = g * value[i]! + l2 * w[f]!
        g2[f] += gi * gi
        w[f] -= (rate * gi) / Math.sqrt(g2[f]!)
      }
      gb += g * g
      bias -= (rate * g) / Math.sqrt(gb)
    }
  }
  return { w, bias }
}

export function logitOf(m: Trained, f: Features): number {
  let s = m.bias
  for (let i = 0; i < f.index.length; i++) s += m.w[f.index[i]!]! * f.value[i]!
  return s
}

/** A fixed fold per post from its key (FNV-1a), so the split never depends on file order. */
export function foldOf(key: string, k: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h % k
}

/**
 * The fold of every post, by writer: a key is `source:id` (source: the training file, one writer's
 * hand), and every post of one source lands in one fold, the largest sources first, each to the
 * fold with the fewest posts so far. Thresholds chosen on these out-of-fold scores are chosen on
 * hands the model never read, as the unseen sets judge it; random folds put a writer's habits on
 * both sides and promised 0.3% false urgent where new hands got 1.2-1.8%. With fewer sources
 * than folds (one file of a deployment's own labels), the fold is a hash of each post's key.
 */
export function foldsOf(keys: string[], k: number): number[] {
  const source = (key: string) => key.slice(0, Math.max(0, key.lastIndexOf(':')))
  const sizes = new Map<string, number>()
  for (const key of keys) sizes.set(source(key), (sizes.get(source(key)) ?? 0) + 1)
  if (sizes.size < k) return keys.map((key) => foldOf(key, k))
  const fill = new Array<number>(k).fill(0)
  const foldOfSource = new Map<string, number>()
  const bySize = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  for (const [name, n] of bySize) {
    const f = fill.indexOf(Math.min(...fill))
    foldOfSource.set(name, f)
    fill[f] = fill[f]! + n
  }
  return keys.map((key) => foldOfSource.get(source(key))!)
}

/** Out-of-fold logits: each post scored by a model trained without its fold. */
export function crossValidate(xs: Features[], ys: boolean[], keys: string[], k: number, opts: TrainOptions): number[] {
  const folds = foldsOf(keys, k)
  const out = new Array<number>(xs.length).fill(0)
  for (let f = 0; f < k; f++) {
    const train = xs.map((_, i) => i).filter((i) => folds[i] !== f)
    const m = trainLogistic(
      train.map((i) => xs[i]!),
      train.map((i) => ys[i]!),
      opts,
    )
    for (let i = 0; i < xs.length; i++) if (folds[i] === f) out[i] = logitOf(m, xs[i]!)
  }
  return out
}

/** Platt scaling: the a, b of p = sigmoid(a * logit + b) that best fit the labels (log loss). */
export function fitPlatt(logits: number[], ys: boolean[]): [number, number] {
  const pos = ys.filter(Boolean).length
  const neg = ys.length - pos
  // Platt's smoothed targets keep the fit finite on separable data.
  const hi = (pos + 1) / (pos + 2),
    lo = 1 / (neg + 2)
  const loss = (a: number, b: number) => {
    let l = 0
    for (let i = 0; i < logits.length; i++) {
      const z = a * logits[i]! + b
      const t = ys[i] ? hi : lo
      // log(1 + e^z) - t z, computed stably
      l += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z
    }
    return l
  }
  let a = 1,
    b = 0
  let current = loss(a, b)
  for (let it = 0; it < 100; it++) {
    let ga = 0,
      gb = 0,
      haa = 1e-6,
      hab = 0,
      hbb = 1e-6
    for (let i = 0; i < logits.length; i++) {
      const p = sigmoid(a * logits[i]! + b)
      const d = p - (ys[i] ? hi : lo)
      const h = p * (1 - p)
      ga += d * logits[i]!
      gb += d
      haa += h * logits[i]! * logits[i]!
      hab += h * logits[i]!
      hbb += h
    }
    const det = haa * hbb - hab * hab
    let da = (hbb * ga - hab * gb) / det
    let db = (haa * gb - hab * ga) / det
    // Backtracking: a Newton step on nearly separable scores can overshoot.
    let step = 1
    let next = loss(a - da, b - db)
    while (!(next <= current) && step > 1e-6) {
      step /= 2
      next = loss(a - step * da, b - step * db)
    }
    if (!(next <= current)) break
    da *= step
    db *= step
    a -= da
    b -= db
    const gain = current - next
    current = next
    if (gain < 1e-9) break
  }
  return [a, b]
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

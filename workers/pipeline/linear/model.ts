import type { Features } from './features.ts'

/**
 * A logistic regression over hashed features (features.ts), as stored in a model file: the
 * weights quantised to 16 bits (base64), the bias, and the Platt scaling fitted on the training
 * posts' cross-validated scores, so that prob() is a calibrated probability.
 */
export interface LinearModelJson {
  bits: number
  bias: number
  /** weight = int16 * scale */
  scale: number
  /** base64 of little-endian Int16 weights, 2^bits of them. */
  weights: string
  /** Calibration: p = 1 / (1 + exp(-(a * logit + b))). */
  platt: [number, number]
}

export class LinearModel {
  readonly bits: number
  /** The stored 16-bit weights and their scale (weight = q * scale), for a ModelBank. */
  readonly quantised: Int16Array
  readonly scale: number
  private readonly w: Float32Array
  private readonly bias: number
  private readonly a: number
  private readonly b: number

  constructor(json: LinearModelJson) {
    this.bits = json.bits
    const bytes = Buffer.from(json.weights, 'base64')
    if (bytes.length !== 2 << json.bits) throw new Error(`linear model: expected ${2 << json.bits} weight bytes, got ${bytes.length}`)
    // Copied out of the Buffer (its bytes may sit at an odd offset of a shared pool) in one move:
    // models load on a scan thread's first scan, and a post waits for them. Little-endian, as written.
    const q = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))
    this.quantised = q
    this.scale = json.scale
    this.w = new Float32Array(q.length)
    for (let i = 0; i < q.length; i++) this.w[i] = q[i]! * json.scale
    this.bias = json.bias
    ;[this.a, this.b] = json.platt
  }

  /** The raw score (log-odds before calibration). */
  logit(f: Features): number {
    let s = this.bias
    const { index, value } = f
    for (let i = 0; i < index.length; i++) s += this.w[index[i]!]! * value[i]!
    return s
  }

  /** The calibrated probability that the label applies. */
  prob(f: Features): number {
    return this.calibrate(this.logit(f))
  }

  /** A raw score (bias included) as a calibrated probability. */
  calibrate(logit: number): number {
    return 1 / (1 + Math.exp(-(this.a * logit + this.b)))
  }

  /** The features' part of the score, without the bias. */
  partial(f: Features): number {
    return this.logit(f) - this.bias
  }

  get intercept(): number {
    return this.bias
  }

  /** The weights, for a ModelBank. */
  get weights(): Float32Array {
    return this.w
  }

  /** The weight of one bucket (to say which named tokens pushed a score). */
  weight(bucket: number): number {
    return this.w[bucket]!
  }
}

/** Quantise trained weights for a model file (and its --check: the same input gives the same text). */
export function toModelJson(w: Float32Array | Float64Array, bias: number, platt: [number, number], bits: number): LinearModelJson {
  let max = 0
  for (const x of w) max = Math.max(max, Math.abs(x))
  const scale = max === 0 ? 1 : max / 32767
  const q = new Int16Array(w.length)
  for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i]! / scale)
  const r = (x: number) => Math.round(x * 1e6) / 1e6
  return { bits, bias: r(bias), scale: Number(scale.toPrecision(8)), weights: Buffer.from(q.buffer).toString('base64'), platt: [r(platt[0]), r(platt[1])] }
}

/**
 * Several models over the same features, scored in one pass: the weights are interleaved (bucket-
 * major), so each feature reads one cache line for all the models instead of one per model. With
 * eleven 64k-bucket models, reading them one after another missed the cache on nearly every lookup.
 */
export class ModelBank {
  // 16-bit weights, as stored: half the memory of floats, and the same scores (each model's scale is
  // applied once to its sum).
  private readonly q: Int16Array
  private readonly scales: Float64Array
  private readonly m: number
  readonly models: readonly LinearModel[]

  constructor(models: LinearModel[]) {
    this.models = models
    this.m = models.length
    const size = 1 << models[0]!.bits
    if (models.some((x) => x.bits !== models[0]!.bits)) throw new Error('model bank: models of different sizes')
    this.q = new Int16Array(size * this.m)
    this.scales = Float64Array.from(models, (x) => x.scale)
    models.forEach((model, j) => {
      const qj = model.quantised
      for (let i = 0; i < size; i++) this.q[i * this.m + j] = qj[i]!
    })
  }

  /** Each model's raw score (bias included) for the same features. */
  logits(f: Features): Float64Array {
    const m = this.m
    const out = new Float64Array(m)
    const { index, value } = f
    const q = this.q
    for (let i = 0; i < index.length; i++) {
      const base = index[i]! * m
      const v = value[i]!
      for (let j = 0; j < m; j++) out[j] += q[base + j]! * v
    }
    for (let j = 0; j < m; j++) out[j] = out[j]! * this.scales[j]! + this.models[j]!.intercept
    return out
  }
}

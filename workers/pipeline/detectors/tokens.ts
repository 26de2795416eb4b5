/**
 * The naive Bayes models' tokens, looked up fast. A model token is a word of letters and digits
 * (apostrophes dropped: "don't" -> "dont") or a pair of adjacent words joined by "_"; modelTokens()
 * in crisis-model.ts is the definition the training scripts use. At scan time only the tokens in a
 * model's vocabulary matter, so instead of building a string per word and per pair, each token is
 * identified by a 64-bit hash of its text (two 32-bit FNV-1a lanes), computed as the text is read:
 * the hash of "a_b" continues from the hash of "a" and "_". Deterministic, and the vocabulary is
 * checked for collisions when it is loaded.
 */

const OFFSET_1 = 0x811c9dc5
const OFFSET_2 = 0x2f6b1a3d
const PRIME_1 = 0x01000193
const PRIME_2 = 0x5bd1e995
const UNDERSCORE = 95

/** The two 32-bit hashes of a token's text, as lookup() computes them while reading. */
export function tokenHash(token: string): [number, number] {
  let h1 = OFFSET_1
  let h2 = OFFSET_2
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, PRIME_1)
    h2 = Math.imul(h2 ^ c, PRIME_2)
  }
  return [h1 | 0, h2 | 0]
}

export class TokenVocabulary {
  readonly tokens: readonly string[]
  // An open-addressing table over typed arrays (no allocation per lookup): slot -> both hashes and
  // the token's index + 1 (0: empty). A token matches only if both 32-bit hashes do.
  private readonly mask: number
  private readonly slotH1: Int32Array
  private readonly slotH2: Int32Array
  private readonly slotIndex: Int32Array
  private readonly seen: Uint32Array
  private generation = 0

  constructor(tokens: readonly string[]) {
    this.tokens = tokens
    let size = 16
    while (size < tokens.length * 4) size *= 2
    this.mask = size - 1
    this.slotH1 = new Int32Array(size)
    this.slotH2 = new Int32Array(size)
    this.slotIndex = new Int32Array(size)
    this.seen = new Uint32Array(tokens.length)
    tokens.forEach((t, i) => {
      const [h1, h2] = tokenHash(t)
      if (this.find(h1, h2) >= 0) throw new Error(`token hash collision: ${t} and ${tokens[this.find(h1, h2)]}`)
      let slot = h1 & this.mask
      while (this.slotIndex[slot] !== 0) slot = (slot + 1) & this.mask
      this.slotH1[slot] = h1
      this.slotH2[slot] = h2
      this.slotIndex[slot] = i + 1
    })
  }

  private find(h1: number, h2: number): number {
    let slot = h1 & this.mask
    for (;;) {
      const i = this.slotIndex[slot]!
      if (i === 0) return -1
      if (this.slotH1[slot] === h1 && this.slotH2[slot] === h2) return i - 1
      slot = (slot + 1) & this.mask
    }
  }

  /** Indices (into `tokens`) of the vocabulary tokens that occur in `text`, each once. */
  lookup(text: string): number[] {
    if (++this.generation === 0xffffffff) {
      this.seen.fill(0)
      this.generation = 1
    }
    const gen = this.generation
    const seen = this.seen
    const out: number[] = []
    // The current word's hashes, the hashes of "<previous word>_<current word>", and whether a
    // previous word exists; a token of apostrophes only is no word.
    let w1 = OFFSET_1,
      w2 = OFFSET_2
    let p1 = 0,
      p2 = 0
    let hasPrev = false
    let inToken = false
    let wordLength = 0
    const n = text.length
    for (let i = 0; i <= n; i++) {
      let c = i < n ? text.charCodeAt(i) : 32
      if (c >= 65 && c <= 90) c += 32
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        w1 = Math.imul(w1 ^ c, PRIME_1)
        w2 = Math.imul(w2 ^ c, PRIME_2)
        if (hasPrev) {
          p1 = Math.imul(p1 ^ c, PRIME_1)
          p2 = Math.imul(p2 ^ c, PRIME_2)
        }
        wordLength++
        inToken = true
        continue
      }
      if (c === 39) {
        inToken = true
        continue
      }
      if (!inToken) continue
      inToken = false
      if (wordLength === 0) continue
      let t = this.find(w1 | 0, w2 | 0)
      if (t >= 0 && seen[t] !== gen) {
        seen[t] = gen
        out.push(t)
      }
      if (hasPrev) {
        t = this.find(p1 | 0, p2 | 0)
        if (t >= 0 && seen[t] !== gen) {
          seen[t] = gen
          out.push(t)
        }
      }
      // The pair that starts with this word: its hash so far is this word's, then "_".
      p1 = Math.imul(w1 ^ UNDERSCORE, PRIME_1)
      p2 = Math.imul(w2 ^ UNDERSCORE, PRIME_2)
      hasPrev = true
      w1 = OFFSET_1
      w2 = OFFSET_2
      wordLength = 0
    }
    return out
  }
}

/** Strongest first; equal weights in text order, so the order never depends on lookup order. */
export const byWeight = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)

/** The tokens among `present` (vocabulary indices) that push a score up, strongest first. */
export function strongestTokens(present: number[], tokens: readonly string[], weightOf: (index: number) => number): [string, number][] {
  const up: [string, number][] = []
  for (const i of present) {
    const w = weightOf(i)
    if (w > 0) up.push([tokens[i]!, w])
  }
  return up.sort(byWeight)
}

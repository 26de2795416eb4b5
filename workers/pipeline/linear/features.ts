/**
 * Hashed features for the linear models (linear/model.ts): words, adjacent word pairs and
 * character 4-grams of a text, plus named tokens for what the rules found ("#crisis:means"). Each
 * feature is a bucket of a 2^bits table (32-bit FNV-1a, then masked); collisions are accepted, as
 * in any hashing-trick model. Text features are scaled so that a long post and a short one weigh
 * the same (each namespace to unit length), named tokens count 1 each.
 *
 * Pure and allocation-light: it runs on every post, so it reads the text once per namespace.
 */

const OFFSET = 0x811c9dc5
const PRIME = 0x01000193

// Seeds per namespace, so that the word "kill" and the 4-gram "kill" are different features.
const SEED_WORD = 0x1f3d5b79
const SEED_PAIR = 0x2e4c6a88
const SEED_CHAR = 0x3b5d7f91
const SEED_TOKEN = 0x4a6c8e02

export interface Features {
  index: number[]
  value: number[]
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
}

/** The hash of a named token ("#crisis:means"), before masking. */
export function tokenHash(token: string): number {
  let h = OFFSET ^ SEED_TOKEN
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), PRIME)
  return h >>> 0
}

/**
 * Features of `text` (expected lower-case, as normalise() gives it) and of `tokens`, into `out`.
 * `text` may be empty: a post of quotes only still has its tokens.
 */
export function featurize(text: string, tokens: readonly string[], bits: number, chars = true, out: Features = { index: [], value: [] }): Features {
  const mask = (1 << bits) - 1
  const start = out.index.length

  // Words and pairs.
  let words = 0
  let h = OFFSET ^ SEED_WORD
  let prev = 0
  let hasPrev = false
  let inWord = false
  const n = text.length
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32
    if (isWordChar(c)) {
      h = Math.imul(h ^ c, PRIME)
      inWord = true
      continue
    }
    if (c === 39 && inWord) continue // "don't" reads as "dont"
    if (!inWord) continue
    inWord = false
    const w = h >>> 0
    out.index.push(w & mask)
    words++
    if (hasPrev) {
      out.index.push(((Math.imul(prev ^ SEED_PAIR, PRIME) ^ w) >>> 0) & mask)
      words++
    }
    // A sentence break ends a pair: "anymore. love" is two fragments, not a phrase.
    hasPrev = !(c === 46 || c === 33 || c === 63 || c === 10)
    prev = w
    h = OFFSET ^ SEED_WORD
  }
  const wordEnd = out.index.length

  // Character 4-grams over the text with runs of non-letters read as one space (the crisis models
  // read them: misspellings and run-together words; the others do without, which keeps the scan fast).
  let grams = 0
  let a = 32,
    b = 32,
    d = 32
  let lastSpace = true
  for (let i = 0; chars && i < n; i++) {
    let c = text.charCodeAt(i)
    if (!isWordChar(c)) {
      if (lastSpace) continue
      c = 32
      lastSpace = true
    } else lastSpace = false
    let g = OFFSET ^ SEED_CHAR
    g = Math.imul(g ^ a, PRIME)
    g = Math.imul(g ^ b, PRIME)
    g = Math.imul(g ^ d, PRIME)
    g = Math.imul(g ^ c, PRIME)
    out.index.push((g >>> 0) & mask)
    grams++
    a = b
    b = d
    d = c
  }

  const wv = words > 0 ? 1 / Math.sqrt(words) : 0
  const cv = grams > 0 ? 1 / Math.sqrt(grams) : 0
  for (let i = start; i < wordEnd; i++) out.value.push(wv)
  for (let i = wordEnd; i < out.index.length; i++) out.value.push(cv)
  for (const t of tokens) {
    out.index.push(tokenHash(t) & mask)
    out.value.push(1)
  }
  return out
}

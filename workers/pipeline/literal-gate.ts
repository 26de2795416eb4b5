// A literal prefilter for the lexicons' regular expressions. Most of a scan's time went to running
// several hundred patterns over every post, and on a given post nearly all of them cannot match.
// From each pattern's syntax tree (parsed with regexpp, the parser ESLint uses) we work out a set of
// strings one of which every match must contain ("took", "taken", "swallowed" ... for an overdose
// phrase); one pass over a text finds which of all those strings it holds, and a pattern none of
// whose strings the text holds is not run. The gate is conservative by construction: it only ever
// skips a pattern that would have found nothing, so every verdict is unchanged
// (scripts/check-safety-verdicts.ts compares them all). Linear time: the pass reads each character
// once, with a few table reads, and checks a candidate string only where its rarest characters are.
import { RegExpParser, type AST } from '@eslint-community/regexpp'

/** Strings in a set before we stop enumerating it (a product of alternatives grows fast). */
const MAX_SET = 64
/** Strings in a pattern's final gate. */
const MAX_GATE = 256
/** Characters kept from one string: a required string's substring is still required. */
const MAX_LEN = 8

/** What we know of the strings a node can match. null: nothing. */
interface Info {
  /** Every string the node can match, when few. */
  exact: string[] | null
  /** Each match starts with one of these. */
  pre: string[] | null
  /** Each match ends with one of these. */
  suf: string[] | null
  /** Each match contains one of these. */
  req: string[] | null
}

const UNKNOWN: Info = { exact: null, pre: null, suf: null, req: null }
const EMPTY: Info = { exact: [''], pre: null, suf: null, req: null }

function uniq(xs: string[]): string[] {
  return [...new Set(xs)]
}

/** "Contains one of these" for a set of exact strings: none if one of them is empty. */
function asRequired(xs: string[] | null): string[] | null {
  return xs && xs.length > 0 && !xs.includes('') ? xs : null
}

/** A disjunction of "contains s": a string that contains another of the set adds nothing. */
function minimalContains(xs: string[]): string[] {
  const u = uniq(xs).sort((a, b) => a.length - b.length)
  const kept: string[] = []
  for (const s of u) if (!kept.some((k) => s.includes(k))) kept.push(s)
  return kept
}

/** Keep each string's first (or last) MAX_LEN characters, then drop those implied by shorter ones. */
function trimAffixes(xs: string[] | null, end: 'pre' | 'suf'): string[] | null {
  if (!xs) return null
  const t = uniq(xs.map((s) => (s.length <= MAX_LEN ? s : end === 'pre' ? s.slice(0, MAX_LEN) : s.slice(-MAX_LEN)))).sort((a, b) => a.length - b.length)
  if (t.length === 0 || t[0] === '') return null
  const kept = new Set<string>()
  for (const s of t) {
    let implied = false
    for (let k = 1; k < s.length && !implied; k++) implied = kept.has(end === 'pre' ? s.slice(0, k) : s.slice(s.length - k))
    if (!implied) kept.add(s)
  }
  return kept.size > MAX_SET ? null : [...kept]
}

function cross(a: string[], b: string[]): string[] | null {
  if (a.length === 1 && b.length === 1) return [a[0]! + b[0]!]
  if (a.length * b.length > MAX_SET) return null
  const out: string[] = []
  for (const x of a) for (const y of b) out.push(x + y)
  return uniq(out)
}

/** How likely a text is to hold one of the strings (lower is a better gate): short strings are everywhere. */
function cost(xs: string[]): number {
  let c = 0
  for (const s of xs) c += 1 / Math.min(s.length, MAX_LEN) ** 3
  return c
}

function best(cands: (string[] | null)[]): string[] | null {
  // Ranked on the strings as they are (cheap); only the winner is reduced to its minimal form.
  let bestSet: string[] | null = null
  let bestCost = Infinity
  for (const c of cands) {
    if (!c || c.length === 0 || c.includes('')) continue
    const k = cost(c)
    if (k < bestCost) {
      bestCost = k
      bestSet = c
    }
  }
  return bestSet && uniq(bestSet.map((s) => (s.length <= MAX_LEN ? s : s.slice(0, MAX_LEN))))
}

function alternatives(alts: AST.Alternative[]): Info {
  const infos = alts.map(sequence)
  const union = (pick: (i: Info) => string[] | null, limit: number): string[] | null => {
    const out: string[] = []
    for (const i of infos) {
      const x = pick(i)
      if (!x) return null
      out.push(...x)
      if (out.length > limit) return null
    }
    return uniq(out)
  }
  return {
    exact: union((i) => i.exact, MAX_SET),
    pre: trimAffixes(
      union((i) => i.pre ?? i.exact, MAX_SET * 4),
      'pre',
    ),
    suf: trimAffixes(
      union((i) => i.suf ?? i.exact, MAX_SET * 4),
      'suf',
    ),
    req: union((i) => i.req ?? asRequired(i.exact), MAX_GATE),
  }
}

function sequence(alt: AST.Alternative): Info {
  // Adjacent plain characters (and the assertions between them) first become one string.
  const infos: Info[] = []
  let run = ''
  for (const el of alt.elements) {
    if (el.type === 'Character') run += String.fromCodePoint(el.value)
    else if (el.type === 'Assertion' && el.kind !== 'lookahead' && el.kind !== 'lookbehind') continue
    else {
      if (run) infos.push({ exact: [run], pre: null, suf: null, req: null })
      run = ''
      infos.push(element(el))
    }
  }
  if (run) infos.push({ exact: [run], pre: null, suf: null, req: null })
  // Whole-sequence strings, while every element's are known.
  let exact: string[] | null = ['']
  for (const i of infos) {
    exact = exact && i.exact ? cross(exact, i.exact) : null
    if (!exact) break
  }
  if (exact && exact.some((s) => s.length > MAX_LEN * 2)) exact = null
  // Prefixes: the known strings at the start, then the first unknown element's own prefixes.
  let pre: string[] | null = ['']
  for (const i of infos) {
    if (i.exact) {
      const next = cross(pre, i.exact)
      if (!next) break
      pre = next
      continue
    }
    pre = (i.pre && cross(pre, i.pre)) ?? pre
    break
  }
  let suf: string[] | null = ['']
  for (let k = infos.length - 1; k >= 0; k--) {
    const i = infos[k]!
    if (i.exact) {
      const next = cross(i.exact, suf)
      if (!next) break
      suf = next
      continue
    }
    suf = (i.suf && cross(i.suf, suf)) ?? suf
    break
  }
  // Required strings: runs of adjacent known strings, joined to the next element's prefixes.
  const cands: (string[] | null)[] = []
  let cur: string[] = [''] // the match so far ends with one of these ('' : nothing known)
  for (const i of infos) {
    if (i.exact) {
      const next = cross(cur, i.exact)
      if (next) cur = next.map((s) => (s.length <= MAX_LEN ? s : s.slice(-MAX_LEN)))
      else {
        cands.push(cur)
        cur = i.exact
      }
      continue
    }
    cands.push((i.pre && cross(cur, i.pre)) ?? cur, i.pre, i.req)
    cur = i.suf ?? ['']
  }
  cands.push(cur)
  return { exact, pre: trimAffixes(pre, 'pre'), suf: trimAffixes(suf, 'suf'), req: best(cands) }
}

function classChars(node: AST.CharacterClass): string[] | null {
  if (node.negate || node.unicodeSets) return null
  const out: string[] = []
  for (const e of node.elements) {
    if (e.type === 'Character') out.push(String.fromCodePoint(e.value))
    else if (e.type === 'CharacterClassRange' && e.max.value - e.min.value < 16) {
      for (let c = e.min.value; c <= e.max.value; c++) out.push(String.fromCodePoint(c))
    } else return null
    if (out.length > 16) return null
  }
  return out.length > 0 ? uniq(out) : null
}

function element(node: AST.Element): Info {
  switch (node.type) {
    case 'Character':
      return { exact: [String.fromCodePoint(node.value)], pre: null, suf: null, req: null }
    case 'CharacterClass': {
      const chars = classChars(node)
      return chars ? { exact: chars, pre: null, suf: null, req: null } : UNKNOWN
    }
    // Assertions consume nothing: the characters on either side stay adjacent in the match.
    case 'Assertion':
      return EMPTY
    case 'Group':
      return node.modifiers ? UNKNOWN : alternatives(node.alternatives)
    case 'CapturingGroup':
      return alternatives(node.alternatives)
    case 'Quantifier': {
      const x = element(node.element)
      if (node.max === 0) return EMPTY
      if (node.min === 0) return node.max === 1 && x.exact ? { exact: uniq([...x.exact, '']), pre: null, suf: null, req: null } : UNKNOWN
      let exact: string[] | null = null
      if (x.exact && node.min === node.max && node.min <= 4) {
        exact = ['']
        for (let k = 0; k < node.min && exact; k++) exact = cross(exact, x.exact)
      }
      return { exact, pre: x.pre ?? x.exact, suf: x.suf ?? x.exact, req: x.req ?? asRequired(x.exact) }
    }
    default:
      return UNKNOWN // character sets (. \d \w \p{..}), backreferences
  }
}

const parser = new RegExpParser({ ecmaVersion: 2025 })

/** The strings one of which every match of `re` contains, or null when there is no such set worth checking. */
export function requiredStrings(re: RegExp): string[] | null {
  if (re.ignoreCase) return null
  let pattern: AST.Pattern
  try {
    pattern = parser.parsePattern(re.source, 0, re.source.length, { unicode: re.unicode, unicodeSets: re.flags.includes('v') })
  } catch {
    return null
  }
  const info = alternatives(pattern.alternatives)
  const found = info.req ?? asRequired(info.exact)
  const req = found && minimalContains(found.map((s) => (s.length <= MAX_LEN ? s : s.slice(0, MAX_LEN))))
  // One or two characters gate almost nothing (and the text pass reads triples).
  if (!req || req.length > MAX_GATE || req.some((s) => s.length < 3)) return null
  return req
}

// The strings of every pattern analysed so far, each once (all of three characters or more). A text
// is read one character at a time, keeping its last four characters packed in a number; each string
// is filed under its rarest four characters (three, for a three-character string) and compared in
// full only where those occur. Exact, and linear in the text: two table reads per character and
// few comparisons.
const strings: string[] = []
/** Per string: the patterns (gate numbers) that need it. */
const stringGates: number[][] = []
/** Per string: where its anchor starts in it, the anchor packed (8 bits a character), the next string in its bucket. */
let anchorAt = new Int32Array(1024)
let anchorKey = new Uint32Array(1024)
let nextInBucket = new Int32Array(1024)
/** Per string: the last text scan that found it (so it is compared once a scan). */
let foundIn = new Uint32Array(1024)
const stringId = new Map<string, number>()
/** First string of each bucket, -1 for none: anchors of three characters, and of four. */
const BUCKET_BITS = 15
const heads3 = new Int32Array(1 << BUCKET_BITS).fill(-1)
const heads4 = new Int32Array(1 << BUCKET_BITS).fill(-1)
/** One bit per bucket, set when it holds a string: 4 KB each, so the text pass stays in the CPU's nearest cache. */
const used3 = new Uint32Array(1 << (BUCKET_BITS - 5))
const used4 = new Uint32Array(1 << (BUCKET_BITS - 5))
/** Patterns with a gate so far. */
let gateCount = 0
let scans = 0

const bucket = (key: number) => Math.imul(key, 0x9e3779b1) >>> (32 - BUCKET_BITS)

// How common a character is in English text: the anchor is the run of rarest characters.
const COMMON = ' etaoinshrdlcumwfgypbvkjxqz'
const commonness = (c: string) => {
  const i = COMMON.indexOf(c)
  return i < 0 ? 0 : COMMON.length - i
}

function grow<T extends Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer>>(a: T): T {
  const out = new (a.constructor as new (n: number) => T)(a.length * 2)
  out.set(a)
  return out
}

function addGate(required: string[]): number {
  const g = gateCount++
  for (const s of required) {
    let id = stringId.get(s)
    if (id === undefined) {
      id = strings.push(s) - 1
      stringGates.push([])
      stringId.set(s, id)
      if (id >= anchorAt.length) {
        anchorAt = grow(anchorAt)
        anchorKey = grow(anchorKey)
        nextInBucket = grow(nextInBucket)
        foundIn = grow(foundIn)
      }
      const len = Math.min(4, s.length)
      let at = 0
      let bestScore = Infinity
      for (let k = 0; k + len <= s.length; k++) {
        let score = 0
        for (let j = k; j < k + len; j++) score += commonness(s[j]!)
        if (score < bestScore) {
          bestScore = score
          at = k
        }
      }
      let key = 0
      for (let j = at; j < at + len; j++) key = ((key << 8) | (s.charCodeAt(j) & 0xff)) >>> 0
      const heads = len === 4 ? heads4 : heads3
      const b = bucket(key)
      ;(len === 4 ? used4 : used3)[b >>> 5]! |= 1 << (b & 31)
      anchorAt[id] = at
      anchorKey[id] = key
      nextInBucket[id] = heads[b]!
      heads[b] = id
    }
    stringGates[id]!.push(g)
  }
  return g
}

/** Which gated patterns have one of their strings in `text` (1 at the gate's number). */
function scanText(text: string): Uint8Array {
  const hit = new Uint8Array(gateCount)
  const mark = ++scans
  const n = text.length
  let key = 0 // the last four characters, 8 bits each
  for (let k = 0; k < n; k++) {
    key = ((key << 8) | (text.charCodeAt(k) & 0xff)) >>> 0
    if (k < 2) continue
    const key3 = key & 0xffffff
    for (let len = 3; len <= 4; len++) {
      if (len === 4 && k < 3) break
      const want = len === 3 ? key3 : key
      const b = bucket(want)
      if (((len === 3 ? used3 : used4)[b >>> 5]! & (1 << (b & 31))) === 0) continue
      for (let id = (len === 3 ? heads3 : heads4)[b]!; id >= 0; id = nextInBucket[id]!) {
        if (anchorKey[id] !== want || foundIn[id] === mark) continue
        const s = strings[id]!
        const start = k - len + 1 - anchorAt[id]!
        if (start < 0 || start + s.length > n) continue
        let j = 0
        while (j < s.length && text.charCodeAt(start + j) === s.charCodeAt(j)) j++
        if (j < s.length) continue
        foundIn[id] = mark
        for (const g of stringGates[id]!) hit[g] = 1
      }
    }
  }
  return hit
}

/** Each pattern's gate number once analysed; -1: the pattern has none and always runs. */
const gateOf = new WeakMap<RegExp, number>()
let analysed = 0
/** At most this many patterns are analysed: mayMatch() is meant for a program's fixed lexicons. */
const MAX_PATTERNS = 4096
/** The last few texts read: a scan reads the same few views many times over. */
const recent: { text: string; hit: Uint8Array }[] = []
const RECENT = 8
let recentNext = 0

function hits(text: string, g: number): Uint8Array {
  for (const r of recent) if (r.text === text && g < r.hit.length) return r.hit
  const hit = scanText(text)
  const i = recent.findIndex((r) => r.text === text)
  if (i >= 0)
    recent[i]!.hit = hit // read before the pattern was first met
  else {
    recent[recentNext] = { text, hit }
    recentNext = (recentNext + 1) % RECENT
  }
  return hit
}

/**
 * False only when `re` cannot match anywhere in `text`: run the pattern only when this is true.
 * Pass only long-lived patterns (a lexicon's, a module constant): each is analysed once, on first
 * sight. A pattern skipped has its lastIndex reset, as a search that found nothing would.
 */
export function mayMatch(re: RegExp, text: string): boolean {
  let g = gateOf.get(re)
  if (g === undefined) {
    const required = analysed++ < MAX_PATTERNS ? requiredStrings(re) : null
    g = required ? addGate(required) : -1
    gateOf.set(re, g)
  }
  if (g < 0 || hits(text, g)[g] === 1) return true
  re.lastIndex = 0
  return false
}

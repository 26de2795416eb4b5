import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { mayMatch, requiredStrings } from '../../../workers/pipeline/literal-gate.ts'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import * as crisis from '../../../workers/pipeline/lexicons/crisis.ts'
import * as crisisNow from '../../../workers/pipeline/lexicons/crisis-now.ts'
import * as warnings from '../../../workers/pipeline/lexicons/warnings.ts'
import * as spam from '../../../workers/pipeline/lexicons/spam.ts'
import * as contact from '../../../workers/pipeline/lexicons/contact.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

/** Every regular expression the lexicon modules export, however deep in arrays and records. */
function patterns(value: unknown, out: RegExp[] = [], depth = 0): RegExp[] {
  if (value instanceof RegExp) out.push(value)
  else if (depth < 5 && value !== null && typeof value === 'object') for (const v of Object.values(value)) patterns(v, out, depth + 1)
  return out
}
const LEXICONS = patterns([crisis, crisisNow, warnings, spam, contact])

// Posts from the fixtures, as the detectors read them (normalised and leet-folded), plus odd text.
// (scripts/check-safety-verdicts.ts compares whole verdicts on every training and blind post.)
const texts = ['train-t1', 'heldout', 'probe-e']
  .map((f) => `${f}.jsonl`)
  .flatMap((f) =>
    readFileSync(path.join(here, 'fixtures', f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { text: string }).text),
  )
  .flatMap((t) => {
    const n = normalise(t)
    return n.leet === n.text ? [n.text] : [n.text, n.leet]
  })
  .concat(['', 'x', "i'm going to end it all tonight", 'k1ll mys3lf', '\u{1F602}\u{1F602} lol'])

describe('the literal gate in front of the lexicons', () => {
  it('never skips a pattern that matches (every lexicon pattern on every fixture post)', () => {
    expect(LEXICONS.length).toBeGreaterThan(300)
    let skipped = 0
    const wrong: string[] = []
    for (const text of texts) {
      for (const re of LEXICONS) {
        const may = mayMatch(re, text)
        if (!may) skipped++
        re.lastIndex = 0
        if (re.test(text) && !may) wrong.push(`${re.source.slice(0, 60)} on ${text.slice(0, 60)}`)
        re.lastIndex = 0
      }
    }
    expect(wrong).toEqual([])
    // And it is worth having: most patterns cannot match most posts.
    expect(skipped / (texts.length * LEXICONS.length)).toBeGreaterThan(0.5)
  })

  it('works out strings every match must contain, through groups, options and repeats', () => {
    expect(requiredStrings(/\b(?:took|swallowed) (?:all|the rest of) my pills\b/g)).toEqual(['my pills'])
    const alternatives = requiredStrings(/\b(?:took|swallowed|downed)\b/)!
    expect(alternatives.sort()).toEqual(['downed', 'took', 'wallowed']) // at most 8 characters of each: still required
    // Each branch of an alternation must contribute, or there is no gate at all.
    expect(requiredStrings(/\bfoo\b|\d+/)).toBeNull()
    expect(requiredStrings(/[a-z]+/)).toBeNull()
    // Case-insensitive patterns are left alone.
    expect(requiredStrings(/overdose/i)).toBeNull()
    // An optional part is not required; a repeated one is.
    expect(requiredStrings(/ab?(?:cde)+/)!.sort()).toEqual(['abcde', 'acde'])
  })

  it('skips a pattern whose strings the text lacks, resetting lastIndex as a failed search would', () => {
    const re = /\bswallowed (?:everything|all of it)\b/g
    re.lastIndex = 7
    expect(mayMatch(re, 'we went for a walk by the sea')).toBe(false)
    expect(re.lastIndex).toBe(0)
    expect(mayMatch(re, 'i swallowed all of it an hour ago')).toBe(true)
    // A pattern the gate cannot analyse always runs.
    expect(mayMatch(/\d{3} \d{4}/g, 'no numbers here')).toBe(true)
  })
})

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { TokenVocabulary } from '../../../workers/pipeline/detectors/tokens.ts'
import { modelTokens } from '../../../workers/pipeline/detectors/crisis-model.ts'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import crisisModel from '../../../workers/pipeline/model/crisis-nb.json' with { type: 'json' }
import warningsModel from '../../../workers/pipeline/model/warnings-nb.json' with { type: 'json' }

const here = path.dirname(fileURLToPath(import.meta.url))
// Training texts only; what matters is that the fast lookup reads exactly what training counted.
const TEXTS = [
  ...['heldout', 'probe-a', 'probe-b', 'probe-c', 'train-t1', 'train-t2', 'train-t3'].map((f) => path.resolve(here, `fixtures/${f}.jsonl`)),
].flatMap((f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text),
)

const ODD = [
  "don't  won't 'tis '' ' rock'n'roll o'clock",
  'UPPER Case MiXeD 3am 24/7 #1 500mg',
  'ünïcödé café — naïve “quotes” and emoji 😂 between words',
  'a_b under_score trailing-dash -- end',
  '',
  "'",
]

function viaStrings(vocab: TokenVocabulary, text: string): string[] {
  const known = new Set(vocab.tokens)
  return [...modelTokens(text)].filter((t) => known.has(t)).sort()
}

describe("TokenVocabulary (the models' fast token lookup)", () => {
  const vocabularies = {
    crisis: new TokenVocabulary(Object.keys(crisisModel.flag.weights)),
    warnings: new TokenVocabulary(warningsModel.vocabulary),
  }

  it('finds exactly the vocabulary tokens modelTokens() gives, on every training text', () => {
    for (const vocab of Object.values(vocabularies)) {
      for (const text of [...TEXTS.map((t) => normalise(t).leet), ...ODD, ...ODD.map((t) => normalise(t).leet)]) {
        expect(
          vocab
            .lookup(text)
            .map((i) => vocab.tokens[i]!)
            .sort(),
        ).toEqual(viaStrings(vocab, text))
      }
    }
  })

  it('reports each token once, however often it occurs, and is the same on every call', () => {
    const vocab = new TokenVocabulary(['i', 'cant', 'i_cant', 'cant_i'])
    const text = "I can't, I can't, I cant i"
    const first = vocab.lookup(text)
    expect(first.map((i) => vocab.tokens[i]).sort()).toEqual(['cant', 'cant_i', 'i', 'i_cant'])
    for (let k = 0; k < 3; k++) expect(vocab.lookup(text)).toEqual(first)
  })
})

import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { evaluate, loadJsonl } from '../../../scripts/eval-safety.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

// The train-* sets were written only for training. Before the spam model and the widened rules,
// train-t3 (fresh then) gave spam P 0.91 R 0.67 and contact P 0.875 R 0.82; its misses were then
// studied, so these are floors for what was learnt, not a measure of unseen posts (probe-d and
// probe-e are). train-t1's contact precision stays at 5/6: t1-116 is an ad whose business number
// is labelled not contact, unlike t3038 and t3187 and LABELING.md ("a business's number in a spam
// post is").
describe.each([
  ['train-t1', { spamP: 1, spamR: 1, contactP: 5 / 6, contactR: 1 }],
  ['train-t2', { spamP: 1, spamR: 1, contactP: 1, contactR: 1 }],
  ['train-t3', { spamP: 1, spamR: 1, contactP: 1, contactR: 1 }],
])('spam and contact on %s (studied)', (name, floor) => {
  const result = evaluate(loadJsonl(path.resolve(here, `fixtures/${name}.jsonl`)))

  it(`spam P >= ${floor.spamP.toFixed(2)}, R >= ${floor.spamR.toFixed(2)}`, () => {
    expect(result.spam.precision).toBeGreaterThanOrEqual(floor.spamP - 1e-9)
    expect(result.spam.recall).toBeGreaterThanOrEqual(floor.spamR - 1e-9)
  })

  it(`contact P >= ${floor.contactP.toFixed(2)}, R >= ${floor.contactR.toFixed(2)}`, () => {
    expect(result.contact.precision).toBeGreaterThanOrEqual(floor.contactP - 1e-9)
    expect(result.contact.recall).toBeGreaterThanOrEqual(floor.contactR - 1e-9)
  })
})

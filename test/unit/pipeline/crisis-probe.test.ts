import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { classify } from '../../../workers/pipeline/classify.ts'

// Posts written after the detectors were first tuned, to probe wordings no lexicon listed:
// goodbyes with no keyword, texting-style self-harm, threats with a hidden weapon, "enough heroin".
const here = path.dirname(fileURLToPath(import.meta.url))
const probes = readFileSync(path.join(here, 'fixtures/probe-session.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; community: string; text: string; labels: { crisis: 'none' | 'concern' | 'urgent' } })

describe('crisis probes written after tuning', () => {
  it.each(probes.map((p) => [p.id, p.labels.crisis, p] as const))('%s is %s', (_id, expected, p) => {
    expect(classify({ id: p.id, text: p.text, community: p.community }).crisis).toBe(expected)
  })
})

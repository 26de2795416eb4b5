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

const RANK = { none: 0, concern: 1, urgent: 2 } as const

describe('crisis probes written after tuning', () => {
  it.each(probes.map((p) => [p.id, p.labels.crisis, p] as const))('%s: the rules say %s', (_id, expected, p) => {
    expect(classify({ id: p.id, text: p.text, community: p.community }, undefined, { model: false }).crisis).toBe(expected)
  })

  // The statistical model may ask a moderator to read an idiom ("end my gym membership"), but it
  // never lowers the rules' level and never raises a false urgent alarm.
  it.each(probes.map((p) => [p.id, p.labels.crisis, p] as const))('%s: the full pipeline is never below %s, and urgent only when it is', (_id, expected, p) => {
    const got = classify({ id: p.id, text: p.text, community: p.community }).crisis
    expect(RANK[got]).toBeGreaterThanOrEqual(RANK[expected])
    if (expected !== 'urgent') expect(got).not.toBe('urgent')
  })
})

import { describe, expect, it } from 'vitest'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { detectCrisis } from '../../../workers/pipeline/detectors/crisis.ts'
import { detectWarnings } from '../../../workers/pipeline/detectors/warnings.ts'

const warn = (text: string) => {
  const n = normalise(text)
  return detectWarnings(n, detectCrisis(n))
}

describe('content warnings', () => {
  it('warns on a mention of suicide even when negated', () => {
    expect(warn("I'm not suicidal, before anyone worries.")).toEqual(['suicide'])
  })

  it('adds suicide to a goodbye post that never names it', () => {
    expect(warn("I've written letters to everyone. This is my last post, thank you all for everything.")).toContain('suicide')
  })

  it('recognises self-harm and its acute form', () => {
    expect(warn('I used to self-harm, burning mostly.')).toEqual(['self_harm'])
    expect(warn('cutting right now and i cant stop')).toEqual(['self_harm'])
  })

  it('needs more than a passing mention of sobriety for substance use', () => {
    expect(warn("Made it through the wedding sober. I'm 90 days clean.")).toEqual([])
    expect(warn('Relapsed last night, drank a litre of vodka.')).toEqual(['substance_use'])
  })

  it('does not treat sugar cravings or overdose-risk questions as substance use', () => {
    expect(warn('This craving for chocolate is killing me lol.')).toEqual([])
    expect(warn('My pharmacist mentioned overdose risk with these two meds, is that right?')).toEqual([])
  })

  it('keeps "relapse" with the eating disorder it belongs to', () => {
    expect(warn('At my worst I was making myself sick after meals; exams bring relapse thoughts.')).toEqual(['eating_disorder'])
  })

  it('distinguishes the circumstances of a death from a plain mention', () => {
    expect(warn('My mum died last spring.')).toEqual([])
    expect(warn('In the last hours his breathing got slower and I held his hand until the end.')).toEqual(['death'])
  })

  it('flags abuse and violence', () => {
    expect(warn('My ex used to hit me and lock me in the flat.')).toEqual(['abuse', 'violence'])
    expect(warn('The agency carer is stealing from Dad; safeguarding are involved.')).toEqual(['abuse'])
  })

  it('ignores idioms', () => {
    expect(warn('My hips are killing me and I could murder a coffee.')).toEqual([])
  })
})

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

  it('reads taking or hoarding a whole supply as an overdose attempt (suicide and substance_use)', () => {
    expect(warn('Used both of the morphine pens from the cupboard. All of it.')).toEqual(expect.arrayContaining(['suicide', 'substance_use']))
    expect(warn("I've been stockpiling my diazepam for a month, I'll have the lot on Friday.")).toEqual(expect.arrayContaining(['suicide', 'substance_use']))
    expect(warn('Grandad took his own life with his heart tablets in 1998.')).toEqual(expect.arrayContaining(['suicide', 'substance_use']))
    expect(warn('Remember to take all of your antibiotics even when you feel better.')).toEqual([])
  })

  it('recognises passive death wishes as suicide', () => {
    expect(warn('Honestly the house would be calmer if I was gone.')).toContain('suicide')
    expect(warn('Some nights I hope my heart stops before morning.')).toContain('suicide')
    expect(warn('Work would be easier without me, they said I could go part-time.')).toContain('suicide')
    expect(warn("He keeps asking why the doctors won't just let him die.")).toContain('suicide')
  })

  it('recognises injuring oneself by cutting deeper, head-banging or punching walls till the hand breaks', () => {
    expect(warn('Cut much deeper than I meant to last night.')).toContain('self_harm')
    expect(warn('I keep slamming my head against the headboard when the voices start.')).toContain('self_harm')
    expect(warn('Punched the wall until my knuckles bled.')).toEqual(['self_harm'])
  })

  it('puts weight numbers and not eating together as eating_disorder, but not one alone', () => {
    expect(warn("I haven't eaten since Sunday and I'm down to 7 stone.")).toContain('eating_disorder')
    expect(warn('Dad weighed 80kg when he went into hospital.')).not.toContain('eating_disorder')
  })

  it("treats a partner hurting the writer's parent as abuse, and a weapon with an adjective as violence", () => {
    expect(warn("My mum's partner slapped her across the kitchen.")).toContain('abuse')
    expect(warn("He's bought a hunting rifle and says the neighbour will regret it.")).toContain('violence')
  })

  it('warns on a fatal fall or jump and on identifying the body, as death', () => {
    expect(warn('My uncle fell from the multistorey car park roof in March.')).toContain('death')
    expect(warn('I had to identify her at the hospital.')).toContain('death')
  })
})

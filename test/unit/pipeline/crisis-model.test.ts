import { describe, expect, it } from 'vitest'
import { modelCrisis } from '../../../workers/pipeline/detectors/crisis-model.ts'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { scan } from '../../../workers/pipeline/scan.ts'
import { defaultSafetySettings } from '../../../workers/pipeline/types.ts'

const settings = defaultSafetySettings()

describe('the crisis model (a second opinion under the rules)', () => {
  it('raises a distressed post the rules leave at none to concern, with the words that raised it', () => {
    const text = "i can't see myself here much longer. everything feels heavy and i keep thinking everyone would cope fine. sorry for the mess"
    expect(scan({ text, settings }, { model: false }).crisis.level).toBe('none')
    const v = scan({ text, settings })
    expect(v.crisis.level).toBe('concern')
    expect(v.crisis.evidence[0]?.reason).toMatch(/statistical model/)
    expect(v.warnings).toContain('suicide')
  })

  it('never raises a post past concern, and never lowers the rules', () => {
    const urgent = "I've been saving my pills for weeks and tonight I'm going to take all of them. Goodbye everyone."
    expect(scan({ text: urgent, settings }).crisis.level).toBe('urgent')
    expect(modelCrisis(normalise(urgent)).level).not.toBe('urgent')
  })

  it('defers to a writer who says plainly they are safe, and ignores quoted words', () => {
    expect(modelCrisis(normalise("I'm not suicidal, before anyone worries. Just exhausted and sad tonight.")).level).toBe('none')
    expect(modelCrisis(normalise("> I want to die, I can't go on\n\nThat was me last spring. Lovely to see the garden doing well.")).level).toBe('none')
  })

  it('leaves ordinary posts alone', () => {
    for (const text of [
      'Made a lasagne for the carers group, recipe below if anyone wants it.',
      'Our new wheelchair ramp went in today and it is brilliant.',
    ]) {
      expect(modelCrisis(normalise(text)).level).toBe('none')
    }
  })

  it('stays silent in clear safe contexts the rules also recognise', () => {
    for (const text of [
      // asking how to help someone else
      'My flatmate has been talking about ending his life. Should I tell his parents or his GP?',
      // another person's death told by the bereaved, some time on
      'Four years since my dad jumped in front of the train. I still take the long way round the station.',
      // a recovery story
      "Back in 2020 I wanted to die every day. Six months later I'd started volunteering. It does get better.",
      // looking forward
      'Going to do it: first swim since the amputation on Friday. Wish me luck!',
      // an idiom
      'These night feeds are killing me, I need about a week of sleep.',
      // admin exhaustion
      'I want it all to end: the council forms, the appeal, the reassessment letters.',
    ])
      expect(modelCrisis(normalise(text)).level).toBe('none')
  })

  it('still speaks when a writer with passive ideation says they will not act on it', () => {
    const text = "Sometimes I think everyone would cope fine if I wasn't here. I'm not going to do anything, it's just heavy."
    expect(modelCrisis(normalise(text)).level).toBe('concern')
  })
})

import { describe, expect, it } from 'vitest'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { detectCrisis } from '../../../workers/pipeline/detectors/crisis.ts'
import { detectWarnings } from '../../../workers/pipeline/detectors/warnings.ts'
import { scan } from '../../../workers/pipeline/scan.ts'
import { defaultSafetySettings } from '../../../workers/pipeline/types.ts'

const warn = (text: string) => {
  const n = normalise(text)
  return detectWarnings(n, detectCrisis(n))
}
const settings = defaultSafetySettings()
const full = (text: string) => scan({ text, settings }).warnings

// LABELING.md: substance_use "describes drinking or drug use, cravings in detail, relapse,
// overdose. A passing 'I'm 90 days sober' does not need it."
describe('substance_use: use and relapse told in everyday words', () => {
  it('recognises a relapse that never says "relapse", "drank" or a drug name', () => {
    for (const text of [
      "Used again on Saturday after six months. Woke up on a mate's floor not knowing how I got there.",
      'Had a slip at the barbecue, four beers and then some, so I reset my count this morning.',
      'Day one again. Picked up again on Friday night and the whole weekend is a blur.',
      'Started drinking again after the funeral, most nights now.',
    ]) {
      expect(warn(text), text).toContain('substance_use')
      expect(full(text), text).toContain('substance_use')
    }
  })

  it('recognises use told as history or as a cause', () => {
    expect(warn('I said terrible things to my brother when I was using. Step 9 is next.')).toContain('substance_use')
    expect(warn('My grandad drank himself to death before I was born.')).toContain('substance_use')
    expect(warn('Still get using dreams two years in, woke up sweating again.')).toContain('substance_use')
    expect(warn("Got blind drunk at the wake and don't remember the drive home.")).toContain('substance_use')
  })

  it('recognises prescribed medicine being misused', () => {
    expect(warn("I was prescribed tramadol for my knee and now I take more than I'm supposed to.")).toContain('substance_use')
    expect(warn("I think I'm becoming dependent on my codeine, I count the hours to the next one.")).toContain('substance_use')
  })

  it('treats an urgent post whose means is a supply of pills as an overdose', () => {
    expect(warn('going to sleep for good tonight. got 40 zopiclone saved up. thank you all')).toEqual(expect.arrayContaining(['suicide', 'substance_use']))
  })
})

describe('substance_use: what does not carry it, per the guide', () => {
  it('leaves a sobriety milestone without any description of use alone', () => {
    for (const text of [
      'Two years sober today! Thank you all for the support.',
      '365 days clean. Never thought I would see this day. My sponsor took me for cake.',
      "Made it through my sister's wedding sober and danced all night.",
    ])
      expect(full(text), text).not.toContain('substance_use')
  })

  it('leaves questions about prescribed medication taken as prescribed alone', () => {
    for (const text of [
      'Is it ok to take ibuprofen with my sertraline? The GP prescribed both.',
      'I take pregabalin 300mg twice a day for nerve pain. Any tips for the drowsiness?',
      'Switched from oxycodone tablets to patches for my back last month. The patch itches, any tips?',
      'Make sure you have enough insulin for the trip, and pack the pens in your hand luggage.',
    ])
      expect(full(text), text).not.toContain('substance_use')
  })

  it('leaves a relapse feared, denied or of something else alone', () => {
    expect(warn('If I relapse I lose everything, so I am going to two meetings a week.')).not.toContain('substance_use')
    expect(warn('Not a relapse, I just shouted at the kids. Apologised this morning.')).not.toContain('substance_use')
  })

  it('leaves one passing drink word, and everyday phrases, alone', () => {
    for (const text of [
      "Old friend asked me to the pub for 'one last pint' before he emigrates. Coffee instead.",
      'Drop me a line if you want the recipe. We had a drink of squash afterwards.',
      'Saving up for new gear for the allotment.',
      'Hand gel and alcohol wipes by the door for the carers, please.',
      'Binge watching the whole series with Mum was the best weekend in ages.',
    ])
      expect(full(text), text).not.toContain('substance_use')
  })

  it('does not read binge drinking as an eating disorder', () => {
    expect(warn('Binge drinking every payday until I lost the job.')).toEqual(['substance_use'])
  })
})

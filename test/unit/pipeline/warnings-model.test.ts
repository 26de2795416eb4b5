import { describe, expect, it } from 'vitest'
import { MODEL_CATEGORIES, modelWarnings, topWarningWords } from '../../../workers/pipeline/detectors/warnings-model.ts'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { scan } from '../../../workers/pipeline/scan.ts'
import { defaultSafetySettings, type WarningCategory } from '../../../workers/pipeline/types.ts'
import model from '../../../workers/pipeline/model/warnings-nb.json' with { type: 'json' }

const settings = defaultSafetySettings()
// The naive Bayes warnings model on its own, without the linear stage that now decides after it.
const older = { linear: false }
const rules = (text: string) => scan({ text, settings }, { ...older, warningsModel: false }).warnings
const warnings = (text: string) => scan({ text, settings }, older).warnings

describe('the content-warnings model (a second opinion under the rules)', () => {
  it('never trains on the blind sets', () => {
    expect(model.trainedOn.some((f: string) => /probe-[de]\b/.test(f))).toBe(false)
  })

  it('adds the circumstances of a death the rules have no phrase for', () => {
    const text = "Nan's last night was long. Her hands went cold and blotchy and the gaps between each breath got longer until there wasn't another one."
    expect(rules(text)).toEqual([])
    expect(warnings(text)).toEqual(['death'])
    expect(topWarningWords(normalise(text), 'death').length).toBeGreaterThan(0)
  })

  // Once the model's to find (trained then on the shared dev sample); the rules now know the shape:
  // an adult coming into a child's room at night.
  it('warns of abuse told without the words abuse or assault', () => {
    const text = "My stepdad used to come into my room at night when Mum was on shifts. I was nine. I've never said that to anyone before."
    expect(rules(text)).toContain('abuse')
    expect(warnings(text)).toContain('abuse')
    expect(scan({ text, settings }).warnings).toContain('abuse')
  })

  it("adds self-harm described in the writer's own way", () => {
    const text = "I burned the inside of my wrist with a lighter again last night, it's the only thing that takes the noise away."
    expect(rules(text)).not.toContain('self_harm')
    expect(warnings(text)).toContain('self_harm')
  })

  it('leaves everyday idioms alone', () => {
    for (const text of [
      'This paperwork is killing me, three forms for one blue badge.',
      "I'm dying to see the new Bond film with my brother.",
      'Made a lasagne for the carers group, recipe below if anyone wants it.',
    ])
      expect(warnings(text)).toEqual([])
  })

  it("warns readers about quoted words, but quoted words are not the writer's crisis", () => {
    // LABELING.md: a warning is about what a reader sees, so a quote carries one; the crisis level
    // is about the writer, so the same quote leaves it at none.
    const text = '> some nights I just want it all to be over\n\nI remember feeling exactly like that. Please ring your GP tomorrow and keep posting here.'
    const v = scan({ text, settings }, older)
    expect(rules(text)).toEqual([])
    expect(v.warnings).toEqual(['suicide'])
    expect(v.crisis.level).toBe('none')
  })

  it('only ever adds: what the rules found stays, whatever the model thinks', () => {
    for (const text of [
      "I'm not suicidal, before anyone worries.",
      'Relapsed last night, drank a litre of vodka.',
      'My son died of an overdose; the paramedics worked on him for an hour.',
    ]) {
      const withModel = warnings(text)
      for (const c of rules(text)) expect(withModel).toContain(c)
    }
  })

  it('adds nothing a community has turned off, and nothing to a spam post', () => {
    const text = "My stepdad used to come into my room at night when Mum was on shifts. I was nine. I've never said that to anyone before."
    const noAbuse = { ...settings, warningCategories: settings.warningCategories.filter((c) => c !== 'abuse') }
    expect(scan({ text, settings: noAbuse }, older).warnings).not.toContain('abuse')
    expect(modelWarnings(normalise(text), new Set(), new Set<WarningCategory>(['death']))).toEqual([])
    const ad = 'Best rehab in the UK, 50% off this month! Detox with us: www.sunrise-recovery-clinic.biz. Call now.'
    const v = scan({ text: ad, settings, author: { accountAgeDays: 0, postCount: 0 } }, older)
    expect(v.spam.isSpam).toBe(true)
    expect(v.warnings).toEqual([])
  })

  it('leaves to the rules the categories where cross-validation found it did more harm than good', () => {
    // substance_use: what the model would add on the training posts was right only about half the
    // time, so "six pints and a line" still needs a rule.
    const active = new Set(MODEL_CATEGORIES)
    for (const [c, m] of Object.entries(model.categories) as [WarningCategory, { threshold: number | null }][]) {
      expect(active.has(c)).toBe(m.threshold !== null)
    }
    expect(active.has('substance_use')).toBe(false)
  })

  it('is deterministic, and off with the model switch', () => {
    const text = "Nan's last night was long. Her hands went cold and blotchy and the gaps between each breath got longer until there wasn't another one."
    expect(warnings(text)).toEqual(warnings(text))
    expect(scan({ text, settings }, { model: false }).warnings).toEqual([])
  })
})

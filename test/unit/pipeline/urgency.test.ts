import { describe, expect, it } from 'vitest'
import { detectCrisis } from '../../../workers/pipeline/detectors/crisis.ts'
import { modelCrisis } from '../../../workers/pipeline/detectors/crisis-model.ts'
import { modelUrgency, urgencyFeatures } from '../../../workers/pipeline/detectors/urgency.ts'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { scan } from '../../../workers/pipeline/scan.ts'
import { defaultSafetySettings } from '../../../workers/pipeline/types.ts'
import urgencyModel from '../../../workers/pipeline/model/crisis-urgency.json' with { type: 'json' }

const settings = defaultSafetySettings()
// These tests read the older chain (rules, flag model, urgency stage) on its own: `linear: false`
// leaves out the linear stage that now decides after it (linear-stage.test.ts).
const older = { linear: false }
const level = (text: string, opts = {}) => scan({ text, settings }, { ...older, ...opts }).crisis.level

describe('the urgency stage (concern -> urgent, on posts already flagged)', () => {
  // A goodbye with a means and a time, in words no urgent rule lists: the rules leave it at none,
  // the flag model raises it to concern, the urgency stage makes it urgent.
  const goodbye =
    "My sister is having the dog from Friday. I've got the tablets from the hospice in " +
    "the drawer and tonight, once everyone is asleep, I'm taking them. Thanks for everything."

  it('promotes a goodbye post with a time and a means to urgent', () => {
    expect(level(goodbye, { model: false })).toBe('none')
    expect(level(goodbye, { urgency: false })).toBe('concern')
    expect(level(goodbye)).toBe('urgent')
  })

  it('cites the words that made it urgent, quoted from the original text', () => {
    const { evidence } = scan({ text: goodbye, settings }, older).crisis
    const stage = evidence.filter((e) => /urgency model/.test(e.reason))
    expect(stage.length).toBeGreaterThan(0)
    for (const e of stage) {
      expect(e.end).toBeGreaterThan(e.start)
      expect(goodbye.slice(e.start, e.end)).toBe(e.phrase)
    }
    const cited = stage.map((e) => e.phrase.toLowerCase()).join(' | ')
    expect(cited).toMatch(/tonight|tablets|thanks for everything/)
    // What flagged it in the first place stays in the verdict, after the urgency evidence.
    expect(evidence.at(-1)?.reason).toMatch(/statistical model/)
  })

  it('keeps a past attempt told as history below urgent', () => {
    for (const text of [
      'Three years ago I took all my tablets and woke up in ICU. Some days I still ' +
        "think everyone would be better off without me, but I'm not going to do anything.",
      "Last spring I stood on the bridge for an hour and wrote goodbye letters. I'm still here. Lately " +
        'the old thought that nobody would notice if I was gone has come back, and I wanted to say it out loud.',
      "When I was 19 I took an overdose. It's been ten years. I still have days where I wish I could just not wake up.",
    ]) {
      expect(level(text)).toBe('concern')
    }
  })

  it('does not count quoted words', () => {
    const own = 'I know that feeling. Some days I still wish I could just disappear, and I miss him every single day.'
    const quoted = `> I've taken all my pills tonight. Goodbye everyone, look after my dog.\n\n${own}`
    expect(level(quoted)).toBe('concern')
    const a = normalise(quoted)
    const b = normalise(own)
    // The quote is blanked before the stage reads the post: the same score with or without it.
    expect(modelUrgency(a, detectCrisis(a), 'rules').score).toBeCloseTo(modelUrgency(b, detectCrisis(b), 'rules').score, 9)
  })

  it("reads the rules' findings as features: a time, a farewell, a plan disowned", () => {
    const n = normalise("I won't do anything, I promise. But I've written letters to my kids and tonight feels different.")
    const tokens = urgencyFeatures(detectCrisis(n), 'rules').map((f) => f.token)
    expect(tokens).toContain('#time')
    expect(tokens).toContain('#goodbye')
    expect(tokens).toContain('#no_plan')
    expect(tokens).toContain('#source:rules')
  })

  it('never reads a post nobody flagged, and is off with either switch', () => {
    const calm = 'Tonight is the night! Cake, balloons and my sponsor, for my ten year chip.'
    expect(level(calm, { urgency: false })).toBe('none')
    expect(level(calm)).toBe('none')
    expect(level(goodbye, { urgency: false })).toBe('concern')
    expect(level(goodbye, { model: false })).toBe('none')
  })

  it('changes how fast a moderator must look, not the content warnings', () => {
    expect(scan({ text: goodbye, settings }, older).warnings).toEqual(scan({ text: goodbye, settings }, { ...older, urgency: false }).warnings)
  })

  // The figures the training script records (crisis-model.test.ts checks the committed model is its
  // retraining): 10-fold cross-validation, both models retrained per fold, on the train-* posts the
  // rules were never tuned on. Without the stage 0.40 of their urgent posts came out urgent.
  it('recognises most urgent posts in cross-validation, with few false urgents', () => {
    const cv = urgencyModel.crossValidation
    // The rules alone (0.45 before the self-injury shapes "hitting my legs ... can't stop" were added).
    expect(cv.withoutStage.trainOnly.urgentRecall).toBeLessThan(0.5)
    expect(cv.withStage.trainOnly.urgentRecall).toBeGreaterThanOrEqual(0.85)
    expect(cv.withStage.trainOnly.urgentPrecision).toBeGreaterThanOrEqual(0.85)
    expect(cv.withStage.all.urgentRecall).toBeGreaterThanOrEqual(0.9)
    expect(cv.withStage.all.urgentPrecision).toBeGreaterThanOrEqual(0.9)
    // The stage never moves a post to or from none.
    expect(cv.withStage.all.urgentAtNone).toBe(cv.withoutStage.all.urgentAtNone)
    expect(cv.withStage.all.flaggedPrecision).toBe(cv.withoutStage.all.flaggedPrecision)
  })

  it('is deterministic', () => {
    const first = scan({ text: goodbye, settings }, older).crisis
    for (let i = 0; i < 3; i++) expect(scan({ text: goodbye, settings }, older).crisis).toEqual(first)
  })
})

describe('the flag model needs evidence beyond register', () => {
  it('leaves short calm sentences alone', () => {
    for (const text of [
      'You are not alone in this, even when it feels that way.',
      'The request body is not valid JSON.',
      'I am not sure.',
      'I am safe. Thank you for asking.',
      'Does it ever get easier?',
      'I miss him every day.',
    ])
      expect(modelCrisis(normalise(text)).level).toBe('none')
  })

  it('still raises a short post with crisis words in it', () => {
    expect(modelCrisis(normalise('Tonight. Bottle of vodka and the oxys. Done.')).level).toBe('concern')
  })
})

import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { scan } from '../../../workers/pipeline/scan.ts'
import { classify } from '../../../workers/pipeline/classify.ts'
import { defaultSafetySettings, WARNING_CATEGORIES } from '../../../workers/pipeline/types.ts'
import { evaluate, loadJsonl } from '../../../scripts/eval-safety.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const HELDOUT = path.resolve(here, 'fixtures/heldout.jsonl')
const PROBE_B = path.resolve(here, 'fixtures/probe-b.jsonl')
const PROBE_A = path.resolve(here, 'fixtures/probe-a.jsonl')

describe('scan', () => {
  it('combines every detector into one verdict', () => {
    const v = scan({
      text: "I'm going to kill myself tonight. Text me on 07700 900461.",
      settings: defaultSafetySettings(),
      author: { accountAgeDays: 100, postCount: 20 },
    })
    expect(v.crisis.level).toBe('urgent')
    expect(v.warnings).toEqual(['suicide'])
    expect(v.contact.found).toBe(true)
    expect(v.spam.isSpam).toBe(false)
    expect(v.linksBlocked).toBe(false)
  })

  it('filters warnings by the community settings', () => {
    const settings = { ...defaultSafetySettings(), warningCategories: ['suicide' as const] }
    const v = scan({ text: 'My son died of an overdose; the paramedics worked on him for an hour.', settings })
    expect(v.warnings).toEqual([])
    const all = scan({ text: 'My son died of an overdose; the paramedics worked on him for an hour.', settings: defaultSafetySettings() })
    expect(all.warnings).toEqual(['substance_use', 'death'])
  })

  it('holds spam above the community threshold only', () => {
    const text = 'Cheap meds no prescription, discreet shipping! rxvalley-meds-online.net'
    const author = { accountAgeDays: 0, postCount: 0 }
    expect(scan({ text, settings: defaultSafetySettings(), author }).spam).toMatchObject({ isSpam: true, hold: true })
    const lenient = { ...defaultSafetySettings(), spamHoldThreshold: 1.01 }
    expect(scan({ text, settings: lenient, author }).spam).toMatchObject({ isSpam: true, hold: false })
  })

  it('blocks links from accounts younger than the community minimum', () => {
    const settings = { ...defaultSafetySettings(), linksMinAccountDays: 7 }
    expect(scan({ text: 'see https://www.mind.org.uk', settings, author: { accountAgeDays: 2, postCount: 1 } }).linksBlocked).toBe(true)
    expect(scan({ text: 'see https://www.mind.org.uk', settings, author: { accountAgeDays: 30, postCount: 1 } }).linksBlocked).toBe(false)
    expect(scan({ text: 'no links here', settings, author: { accountAgeDays: 2, postCount: 1 } }).linksBlocked).toBe(false)
  })

  it("adds the category of a lead's warn rule", () => {
    const settings = {
      ...defaultSafetySettings(),
      watchedWords: [{ id: 3, phrase: 'calories', wholeWord: true, regex: false, action: 'warn' as const, category: 'eating_disorder' as const }],
    }
    const v = scan({ text: 'Counting the calories in hospital food', settings })
    expect(v.rules).toHaveLength(1)
    expect(v.warnings).toContain('eating_disorder')
  })

  it('classify returns the CLI contract shape', () => {
    const out = classify({ id: 'x1', text: 'kms tonight', community: 'recovery' })
    expect(out).toEqual({ id: 'x1', crisis: 'urgent', warnings: ['suicide'], spam: false, contact: false })
    expect(WARNING_CATEGORIES).toHaveLength(7)
  })
})

describe.each([['held-out set', HELDOUT]])('quality targets on the %s', (_name, file) => {
  const result = evaluate(loadJsonl(file))
  const rulesOnly = evaluate(loadJsonl(file), { model: false })

  it('never lets an urgent post come out as none', () => {
    expect(result.confusion.urgent.none).toBe(0)
    expect(result.crisisUrgent.recall).toBe(1)
  })

  it('the rules alone flag crises with precision >= 0.9 and recall >= 0.95', () => {
    expect(rulesOnly.crisisFlagged.precision).toBeGreaterThanOrEqual(0.9)
    expect(rulesOnly.crisisFlagged.recall).toBeGreaterThanOrEqual(0.95)
  })

  it('with the model: no false urgent alarm, recall >= 0.95, and the false concerns it adds bounded (precision >= 0.9)', () => {
    expect(result.crisisUrgent.precision).toBe(1)
    expect(result.crisisFlagged.recall).toBeGreaterThanOrEqual(0.95)
    expect(result.crisisFlagged.precision).toBeGreaterThanOrEqual(0.9)
  })

  it('detects spam with precision >= 0.95 and recall >= 0.9', () => {
    expect(result.spam.precision).toBeGreaterThanOrEqual(0.95)
    expect(result.spam.recall).toBeGreaterThanOrEqual(0.9)
  })

  it('detects contact with precision and recall >= 0.9', () => {
    expect(result.contact.precision).toBeGreaterThanOrEqual(0.9)
    expect(result.contact.recall).toBeGreaterThanOrEqual(0.9)
  })

  it('assigns content warnings with micro-F1 >= 0.85', () => {
    expect(result.warningsMicro.f1).toBeGreaterThanOrEqual(0.85)
  })
})

// Posts written independently of the lexicons, used to find the families of wording the
// detector missed. Spam and contact are not held to targets here (that set was not written
// for them); crisis and warnings are.
describe('quality targets on probe-a (independently written posts)', () => {
  const result = evaluate(loadJsonl(PROBE_A))

  it('never lets an urgent post come out as none', () => {
    expect(result.confusion.urgent.none).toBe(0)
    expect(result.crisisUrgent.recall).toBe(1)
  })

  it('flags crises with precision >= 0.9 and recall >= 0.95', () => {
    expect(result.crisisFlagged.precision).toBeGreaterThanOrEqual(0.9)
    expect(result.crisisFlagged.recall).toBeGreaterThanOrEqual(0.95)
  })

  it('assigns content warnings with micro-F1 >= 0.85', () => {
    expect(result.warningsMicro.f1).toBeGreaterThanOrEqual(0.85)
  })
})

// Written by someone who never saw the detectors. The rules alone left 14 of its 22 urgent posts
// at none; with the model none is left there (they reach the queue at concern). Its misses were
// then studied to widen the lexicons and the model's vetoes, and the model is now trained on it,
// so it is no longer a blind measure: a fresh set (probe-c) measures.
describe('quality targets on probe-b (studied, now trained on)', () => {
  const result = evaluate(loadJsonl(PROBE_B))

  it('never lets an urgent post come out as none', () => {
    expect(result.confusion.urgent.none).toBe(0)
  })

  it('flags crises with recall >= 0.9 and raises no false urgent alarm', () => {
    expect(result.crisisFlagged.recall).toBeGreaterThanOrEqual(0.9)
    expect(result.crisisUrgent.precision).toBe(1)
    expect(result.crisisFlagged.precision).toBeGreaterThanOrEqual(0.9)
  })
})

// Written blind and measured once, then studied to widen the rules (so no longer blind; probe-d is).
describe('probe-c (blind when measured, since studied)', () => {
  const result = evaluate(loadJsonl(path.resolve(here, 'fixtures/probe-c.jsonl')))
  const rulesOnly = evaluate(loadJsonl(path.resolve(here, 'fixtures/probe-c.jsonl')), { model: false })

  it('leaves no urgent or concern post at none (the rules alone left 15)', () => {
    expect(rulesOnly.confusion.urgent.none + rulesOnly.confusion.concern.none).toBeGreaterThan(0)
    expect(result.confusion.urgent.none).toBe(0)
    expect(result.crisisFlagged.recall).toBe(1)
  })

  it('finds spam and contact details', () => {
    expect(result.spam.precision).toBeGreaterThanOrEqual(0.95)
    expect(result.spam.recall).toBeGreaterThanOrEqual(0.9)
    expect(result.contact.precision).toBeGreaterThanOrEqual(0.9)
    expect(result.contact.recall).toBeGreaterThanOrEqual(0.9)
  })
})

// Written blind (the writer never saw the code or the other sets) and never tuned on: the honest
// figure for posts nobody has seen. What it shows and what it still misses is in the README.
describe('probe-d (blind, never tuned on)', () => {
  const file = path.resolve(here, 'fixtures/probe-d.jsonl')
  const result = evaluate(loadJsonl(file))
  const rulesOnly = evaluate(loadJsonl(file), { model: false })

  it('leaves no urgent post at none (the rules alone left 13 of 22)', () => {
    expect(rulesOnly.confusion.urgent.none).toBeGreaterThan(0)
    expect(result.confusion.urgent.none).toBe(0)
  })

  // Measured once, after the urgency stage's threshold was chosen by cross-validation on the training
  // posts: 8 of 22 urgent posts came out urgent before it (the rest at concern), 21 of 22 with it, at
  // urgent precision 1.0 -> 0.955 (one false urgent: a post labelled none that was already at concern).
  // The floor for urgent precision was 1 before the stage; the target is about 0.85.
  // Issue #15: urgent now needs phrases the rules cite (a crisis phrase proper, a strong farewell or
  // two farewells; the linear stage keeps or gives urgent only on such evidence), where the older
  // urgency stage also promoted on words alone. On this probe that costs urgent posts, which stay
  // flagged at concern, never none: 15 of 22 urgent at precision 1.0 when measured (21 of 22 before).
  // The urgent posts the rules cannot cite are the next work on the rules (docs/safety.md).
  it('recognises urgent posts as urgent only on rule evidence (recall >= 0.65, precision >= 0.85), the rest at concern', () => {
    expect(result.crisisUrgent.recall).toBeGreaterThanOrEqual(0.65)
    expect(result.crisisUrgent.precision).toBeGreaterThanOrEqual(0.85)
    expect(result.confusion.urgent.none).toBe(0)
  })

  // Measured at the same time: flagged precision 0.949 (floor 0.9 before), recall 0.974, with the flag
  // model's evidence gate (crisis-model.ts, MIN_WORDS).
  // Retrained without the shared dev sample and with 800 more training posts (w5, w6), never tuned on
  // this probe: recall 0.974 -> 0.947 (one more concern post left at none), no urgent one.
  it('flags crises with precision >= 0.94 and recall >= 0.94', () => {
    expect(result.crisisFlagged.precision).toBeGreaterThanOrEqual(0.94)
    expect(result.crisisFlagged.recall).toBeGreaterThanOrEqual(0.94)
  })

  // Measured once, after the warnings model's thresholds were chosen by cross-validation on the
  // training posts: rules alone micro-F1 0.70 (P 0.92, R 0.57), with the model 0.82 (P 0.89, R 0.76).
  // Wider substance_use rules (chosen on the training posts) then took it to 0.847 (P 0.90, R 0.80).
  it('content warnings: the model lifts recall from 0.57 to >= 0.75 at precision >= 0.85 (micro-F1 >= 0.84)', () => {
    expect(rulesOnly.warningsMicro.recall).toBeLessThan(0.6)
    expect(result.warningsMicro.recall).toBeGreaterThanOrEqual(0.75)
    expect(result.warningsMicro.precision).toBeGreaterThanOrEqual(0.85)
    expect(result.warningsMicro.f1).toBeGreaterThanOrEqual(0.84)
  })
})

// The targets, on every post the detectors were never trained or tuned on: probe-d and
// probe-e (220 posts, both written blind; probe-e was added after every rule and threshold of
// the earlier work, and has been measured, never studied). Figures when this was written:
// urgent at none 0 of 50; flagged P 0.924 R 0.988; urgent P 0.941 R 0.960; warnings micro-F1
// 0.859 (probe-d alone 0.847, probe-e 0.867); spam 1.00 / 1.00; contact 1.00 / 0.909.
describe('the targets on unseen posts (probe-d and probe-e pooled)', () => {
  const posts = [...loadJsonl(path.resolve(here, 'fixtures/probe-d.jsonl')), ...loadJsonl(path.resolve(here, 'fixtures/probe-e.jsonl'))]
  const result = evaluate(posts)

  it('no urgent post passes as none', () => {
    expect(posts.filter((p) => p.labels.crisis === 'urgent').length).toBe(50)
    expect(result.confusion.urgent.none).toBe(0)
  })
  it('flagged precision >= 0.9 and recall >= 0.95', () => {
    expect(result.crisisFlagged.precision).toBeGreaterThanOrEqual(0.9)
    expect(result.crisisFlagged.recall).toBeGreaterThanOrEqual(0.95)
  })
  it('spam precision >= 0.95 and recall >= 0.9; contact precision and recall >= 0.9', () => {
    expect(result.spam.precision).toBeGreaterThanOrEqual(0.95)
    expect(result.spam.recall).toBeGreaterThanOrEqual(0.9)
    expect(result.contact.precision).toBeGreaterThanOrEqual(0.9)
    expect(result.contact.recall).toBeGreaterThanOrEqual(0.9)
  })
  it('content warnings micro-F1 >= 0.85', () => {
    expect(result.warningsMicro.f1).toBeGreaterThanOrEqual(0.85)
  })
})

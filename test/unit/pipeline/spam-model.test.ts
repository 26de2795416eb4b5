import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { modelTokens } from '../../../workers/pipeline/detectors/crisis-model.ts'
import { findLinks } from '../../../workers/pipeline/detectors/links.ts'
import { detectSpam, MODEL_REASON, MODEL_REASON_ALONE, modelScore, SPAM_MODEL, spamSignals, type SpamModel } from '../../../workers/pipeline/detectors/spam.ts'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import stored from '../../../workers/pipeline/model/spam-nb.json' with { type: 'json' }
import type { AuthorContext } from '../../../workers/pipeline/types.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const newcomer: AuthorContext = { accountAgeDays: 2, postCount: 0 }
const regular: AuthorContext = { accountAgeDays: 700, postCount: 240 }
const RULES_ONLY: SpamModel = { ...SPAM_MODEL, threshold: null }

const spam = (text: string, author?: AuthorContext, model: SpamModel = SPAM_MODEL) => {
  const n = normalise(text)
  return detectSpam(n, findLinks(n), author, model)
}
const fromModel = (reasons: string[]) => reasons.find((r) => r.startsWith(MODEL_REASON) || r.startsWith(MODEL_REASON_ALONE))

describe('the spam model (a second opinion beside the rules)', () => {
  it('was chosen by cross-validation to hold no member post: beside a rule it weighs < 0.5, alone only far higher up', () => {
    expect(SPAM_MODEL.threshold).toBe(stored.threshold)
    expect(SPAM_MODEL.weight).toBeGreaterThan(0)
    expect(SPAM_MODEL.weight).toBeLessThan(0.5)
    expect(SPAM_MODEL.alone).toBe(stored.alone)
    expect(SPAM_MODEL.alone!).toBeGreaterThan(SPAM_MODEL.threshold! + 2)
    expect(SPAM_MODEL.aloneWeight).toBe(0.5)
    // The figures it was chosen on, as the training script printed them.
    expect(stored.cv.join('\n')).toMatch(/nested[^]*\n {2}rules +P 1\.000/)
  })

  it('tips an advert the rules only half recognise, and says which words moved it', () => {
    // A stranger placing people in a rehab, worded as no lexicon phrase has it.
    const text = 'Looking for a rehab? Message me, I know a great centre that takes most insurance and even covers travel.'
    expect(spam(text, newcomer, RULES_ONLY).score).toBeLessThan(0.5)
    const r = spam(text, newcomer)
    expect(r.score).toBeGreaterThanOrEqual(0.5)
    const reason = fromModel(r.reasons)
    expect(reason).toMatch(/insurance/)
    expect(reason!.split(': ')[1]!.split(', ').length).toBeLessThanOrEqual(3)
  })

  it('adds its reason to clear ads too, so moderators see both opinions', () => {
    const r = spam('Hi everyone! I found amazing magnesium gummies that fixed my sleep, get yours at sleepwell-gummies.shop', regular)
    expect(r.score).toBeGreaterThanOrEqual(0.5)
    expect(fromModel(r.reasons)).toBeDefined()
  })

  it('with no rule signal, speaks only when sure and the post gives a way to buy; then it flags, never holds', () => {
    const eager: SpamModel = { ...SPAM_MODEL, threshold: -1000, alone: -1000 } // would speak on anything
    // No way to buy: a new member's first post reads much like a rehab's opening line.
    for (const text of [
      'New here. Struggling with addiction after my divorce, mostly pills. Any advice on detox at home?',
      'Struggling with the nights. Anyone else awake?',
    ]) {
      expect(spam(text, newcomer, eager).score).toBe(0)
      expect(spam(text, newcomer).score).toBe(0)
    }
    // A way to buy and no rule signal: at most flagged for a moderator (0.5), not held (0.7).
    const ad =
      'Struggling with addiction? You are not alone. Compassionate, confidential ' +
      'treatment is available today, call 0800 555 0134 and speak with someone who understands.'
    const r = spam(ad, newcomer)
    expect(spam(ad, newcomer, RULES_ONLY).score).toBe(0)
    expect(r.score).toBe(0.5)
    expect(r.reasons[0]).toMatch(/^reads strongly like an advert/)
    // A free resource's counter-signs pull a member's post back even when the model speaks.
    expect(
      spam('Struggling with addiction? The Forward Leeds service is free and you can self refer, call 0113 887 2477.', newcomer, eager).score,
    ).toBeLessThan(0.5)
  })

  it('is not moved by a new member talking about rehab, money or treatment', () => {
    for (const text of [
      "Hi, I'm new here. I've been struggling with addiction for ten years and I finally want to stop. Where do I even start?",
      "My son is struggling with addiction and the treatment centre wants 30k. Insurance won't cover it. What do people do?",
      'Looking for a good rehab in Florida for my daughter, any recommendations? Our insurance is Blue Cross.',
      'Honestly the detox unit was the best thing that happened to me, private room, lovely nurses, the NHS paid for all of it.',
    ])
      expect(spam(text, newcomer).score).toBeLessThan(0.5)
  })

  it.each([
    ['a charity helpline from a new account', 'Carers UK has a free advice line, it really helped me: 0808 808 7777. No affiliation, just grateful.'],
    ['a public service with a link', "Here's the Samaritans site: samaritans.org, they're free and they listen."],
    ['a book', 'Book rec: The Body Keeps the Score, got it from the library. Changed how I see my flashbacks.'],
    ['a free group with a link', 'SMART Recovery has free online meetings most evenings, really helped me when AA did not click: https://smartrecovery.org.uk'],
    ['a free national helpline for treatment', "If you're in the US, SAMHSA's helpline 1-800-662-4357 is free and can point you to treatment near you."],
    ['a member sharing a bargain', 'The shower chair was only £20 on eBay, best thing we bought for Dad.'],
    ['a member’s rehab story', 'My insurance covered most of rehab, thank god, otherwise we would have lost the house. Day 90 today.'],
  ])('leaves members sharing free help alone: %s', (_name, text) => {
    expect(spam(text, newcomer).score).toBeLessThan(0.5)
    expect(spam(text, regular).score).toBeLessThan(0.5)
  })

  it('reads evasions as the rules do: leetspeak and a disguised link', () => {
    const r = spam('Gr1ef c0aching that w0rks!! Book your free discovery call at healwell-coaching dot com', newcomer)
    expect(r.score).toBeGreaterThanOrEqual(0.5)
    expect(r.reasons).toContain('disguised link')
  })

  it('is deterministic', () => {
    const text = 'Sober living in Florida, private rooms from $200/wk, now accepting residents. Call 561-555-0100.'
    expect(spam(text, newcomer)).toEqual(spam(text, newcomer))
  })

  it('reads exactly the tokens training counted, and signal tokens are never words', () => {
    const texts = ['train-t3', 'probe-c'].flatMap((f) =>
      readFileSync(path.join(root, `test/unit/pipeline/fixtures/${f}.jsonl`), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { text: string }).text),
    )
    const known = new Set(SPAM_MODEL.vocab.tokens)
    for (const text of texts) {
      const n = normalise(text)
      expect(
        SPAM_MODEL.vocab
          .lookup(n.leet)
          .map((i) => SPAM_MODEL.vocab.tokens[i]!)
          .sort(),
      ).toEqual([...modelTokens(n.leet)].filter((t) => known.has(t)).sort())
      for (const s of spamSignals(n, findLinks(n), newcomer)) expect(s.startsWith(':')).toBe(true)
    }
    expect(Object.keys(stored.signals).every((s) => s.startsWith(':'))).toBe(true)
  })

  it('scores an ad above a member post', () => {
    const ad = normalise('Tired of relapsing? Our luxury detox offers private rooms, most insurance accepted. Call today!')
    const member = normalise('Day 12. Went to my first meeting in months and nobody made me talk. Small wins.')
    expect(modelScore(SPAM_MODEL, ad, [], newcomer).score).toBeGreaterThan(SPAM_MODEL.threshold!)
    expect(modelScore(SPAM_MODEL, member, [], newcomer).score).toBeLessThan(SPAM_MODEL.threshold!)
  })
})

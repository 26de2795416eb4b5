import { describe, expect, it } from 'vitest'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { findLinks } from '../../../workers/pipeline/detectors/links.ts'
import { detectSpam } from '../../../workers/pipeline/detectors/spam.ts'
import type { AuthorContext } from '../../../workers/pipeline/types.ts'

const spam = (text: string, author?: AuthorContext) => {
  const n = normalise(text)
  return detectSpam(n, findLinks(n), author)
}
const newcomer: AuthorContext = { accountAgeDays: 0, postCount: 0 }
const regular: AuthorContext = { accountAgeDays: 900, postCount: 300 }

describe('spam', () => {
  it('scores a pharmacy offer high, with reasons', () => {
    const r = spam('Cheap pain meds no prescription needed! Shipped discreet worldwide. Visit rxvalley-meds-online.net', newcomer)
    expect(r.score).toBeGreaterThanOrEqual(0.9)
    expect(r.reasons).toContain('medicines offered without prescription')
  })

  it('catches disguised links', () => {
    expect(findLinks(normalise('go to puretide-detox [dot] shop / sober'))[0]).toMatchObject({ domain: 'puretide-detox.shop', obfuscated: true })
    expect(findLinks(normalise('phoenixrise-mastery dot com slash free-webinar'))[0]?.domain).toBe('phoenixrise-mastery.com')
    expect(spam('Order at h t t p s : / / meds-fastlane . shop', newcomer).reasons).toContain('disguised link')
  })

  it('scores rehab marketing and crypto schemes as spam', () => {
    expect(
      spam('Luxury detox, most insurance accepted. Check them out at quillmont-recovery-retreat.com and tell them Jess sent you', newcomer).score,
    ).toBeGreaterThanOrEqual(0.5)
    expect(spam('I help carers make passive income with Bitcoin, 100% guaranteed returns. Message me on WhatsApp', newcomer).score).toBeGreaterThanOrEqual(0.5)
  })

  it('does not treat a new member sharing a charity link as spam', () => {
    const r = spam(
      'Cruse have a free helpline and online chat, it helped me after Dad died. https://www.cruse.org.uk — no affiliation, just grateful.',
      newcomer,
    )
    expect(r.score).toBeLessThan(0.5)
  })

  it('does not treat a book recommendation as spam', () => {
    expect(spam("Book rec: *The 36-Hour Day* is the best thing I've read about dementia care.", regular).score).toBeLessThan(0.5)
  })

  it("raises the score for text repeated from the author's recent posts", () => {
    const text = 'Struggling with money? I can show you a simple way to earn from home, ask me how'
    const once = spam(text, { ...regular, recentTexts: [] })
    const again = spam(text, { ...regular, recentTexts: ['struggling with money? i can show you a simple way to earn from home, ask me how!'] })
    expect(again.score).toBeGreaterThan(once.score)
    expect(again.reasons).toContain('repeats an earlier post')
  })

  it('judges a repeat the same way however often the earlier post has been compared before', () => {
    const earlier = 'struggling with money? i can show you a simple way to earn from home, ask me how!'
    const text = 'Struggling with money? I can show you a simple way to earn from home, ask me how'
    const first = spam(text, { ...regular, recentTexts: [earlier] })
    // Its shingles are kept between scans; hundreds of other authors' texts push them out again.
    expect(spam(text, { ...regular, recentTexts: [earlier] })).toEqual(first)
    for (let i = 0; i < 600; i++) spam(`Post number ${i} about my week`, { ...regular, recentTexts: [`Earlier post number ${i} about a different week`] })
    expect(spam(text, { ...regular, recentTexts: [earlier] })).toEqual(first)
    expect(spam('Thanks everyone, that helped a lot today', { ...regular, recentTexts: [earlier] }).reasons).not.toContain('repeats an earlier post')
  })

  it('gives more weight to links from brand-new accounts', () => {
    const text = 'Found this useful: stairlift-guide.com'
    expect(spam(text, newcomer).score).toBeGreaterThan(spam(text, regular).score)
  })

  it('scores coaching pitches that hand the product over in private as spam', () => {
    expect(
      spam("I healed my grief in 6 weeks with my proven framework. Message me the word PEACE and I'll send the details.", newcomer).score,
    ).toBeGreaterThanOrEqual(0.5)
    expect(
      spam('Quit drinking in 21 days using my 3-step method. Mods wont let me post the link, so inbox me for the program.', newcomer).score,
    ).toBeGreaterThanOrEqual(0.5)
  })

  it("does not score a member offering to share a free group's details", () => {
    expect(spam('Our carers support group meets on Tuesdays, message me for details if you want to come along.', regular).score).toBeLessThan(0.5)
  })

  // Classes of spam the rules missed on train-t3 (written only for training), widened as signals
  // that generalise rather than as the posts' own phrases.
  it('reads a "helpline" that takes insurance or books admissions as a treatment centre\'s sales line', () => {
    const r = spam(
      '24/7 RECOVERY HOTLINE. Talk to a placement specialist today, we verify your insurance in minutes and same-day intake is available.',
      newcomer,
    )
    expect(r.score).toBeGreaterThanOrEqual(0.5)
    expect(r.reasons).toContain('for-profit helpline')
  })

  it('does not treat a public helpline as for-profit, insurance or not', () => {
    expect(
      spam("If you're in the US, SAMHSA's helpline 1-800-662-4357 can point you to treatment and tell you what your insurance covers.", newcomer).score,
    ).toBeLessThan(0.5)
    expect(spam('I called the hotline for my insurance company and they said the admission was not covered. Fuming.', regular).score).toBeLessThan(0.5)
  })

  it('scores a stranger offering to place someone in a rehab (a referral offer)', () => {
    const r = spam(
      'Anyone needing treatment, I can get you into a top centre in Arizona, we partner with several facilities and insurance covers everything. Inbox me.',
      newcomer,
    )
    expect(r.reasons).toContain('referral offer')
    expect(r.score).toBeGreaterThanOrEqual(0.5)
  })

  it('scores a price list and an advert voice, but not a member talking about rent', () => {
    expect(spam('Serenity House sober homes: private rooms from $195/wk, now accepting residents, call 555-0199.', newcomer).score).toBeGreaterThanOrEqual(0.5)
    expect(spam('I lived in a sober living house for six months after detox, rent was $150/wk and it saved me.', newcomer).score).toBeLessThan(0.5)
    expect(spam("Mum's care home costs £1,200 a week and the council want a review. How does anyone afford this?", regular).score).toBeLessThan(0.5)
  })

  it('scores an affiliate link from a dormant account (old, but a handful of posts)', () => {
    const r = spam('Long-time lurker! Funeral plans for over-50s, no medical questions. Compare in 60 seconds: planwise-quotes.com/over50?aff=lurker7', {
      accountAgeDays: 900,
      postCount: 4,
    })
    expect(r.reasons).toEqual(expect.arrayContaining(['affiliate link', 'off-topic commercial']))
    expect(r.score).toBeGreaterThanOrEqual(0.5)
  })

  it('scores a paid reading offered "for a small donation"', () => {
    const r = spam('Your mum came through to me clearly when I read this. I am a psychic medium, message me for a reading, small donation only.', newcomer)
    expect(r.score).toBeGreaterThanOrEqual(0.5)
    expect(spam('Went to a medium once after Mum died. It was rubbish, honestly, and I felt worse.', regular).score).toBeLessThan(0.5)
  })

  it('reads a spelled-out free-mail address as an email, not a disguised link', () => {
    const r = spam("Happy to share my meal-plan template, email me at jo.wright.78 at gmail dot com and I'll send it.", regular)
    expect(r.reasons).not.toContain('disguised link')
    expect(r.score).toBeLessThan(0.5)
    // ... while a shop's address spelled out still is one
    expect(spam('Grab yours at calmdrops-shop dot com, code CALM20', newcomer).reasons).toContain('disguised link')
  })

  it("does not read a member's everyday words as a business speaking", () => {
    for (const text of [
      'We offer each other support in the Tuesday group and it is the best hour of my week.',
      "We accept that Dad won't get better now, but the hospice team have been wonderful.",
      'I turned my grief into purpose by volunteering at the hospice shop.',
      'Join our Tuesday carers group if you are local, it is free and there is cake.',
    ])
      expect(spam(text, { accountAgeDays: 3, postCount: 1 }).score).toBeLessThan(0.5)
  })
})

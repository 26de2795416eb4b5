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
    expect(spam('Luxury detox, most insurance accepted. Check them out at quillmont-recovery-retreat.com and tell them Jess sent you', newcomer).score).toBeGreaterThanOrEqual(0.5)
    expect(spam('I help carers make passive income with Bitcoin, 100% guaranteed returns. Message me on WhatsApp', newcomer).score).toBeGreaterThanOrEqual(0.5)
  })

  it('does not treat a new member sharing a charity link as spam', () => {
    const r = spam('Cruse have a free helpline and online chat, it helped me after Dad died. https://www.cruse.org.uk — no affiliation, just grateful.', newcomer)
    expect(r.score).toBeLessThan(0.5)
  })

  it('does not treat a book recommendation as spam', () => {
    expect(spam("Book rec: *The 36-Hour Day* is the best thing I've read about dementia care.", regular).score).toBeLessThan(0.5)
  })

  it('raises the score for text repeated from the author\'s recent posts', () => {
    const text = 'Struggling with money? I can show you a simple way to earn from home, ask me how'
    const once = spam(text, { ...regular, recentTexts: [] })
    const again = spam(text, { ...regular, recentTexts: ['struggling with money? i can show you a simple way to earn from home, ask me how!'] })
    expect(again.score).toBeGreaterThan(once.score)
    expect(again.reasons).toContain('repeats an earlier post')
  })

  it('gives more weight to links from brand-new accounts', () => {
    const text = 'Found this useful: stairlift-guide.com'
    expect(spam(text, newcomer).score).toBeGreaterThan(spam(text, regular).score)
  })

  it('scores coaching pitches that hand the product over in private as spam', () => {
    expect(spam('I healed my grief in 6 weeks with my proven framework. Message me the word PEACE and I\'ll send the details.', newcomer).score).toBeGreaterThanOrEqual(0.5)
    expect(spam('Quit drinking in 21 days using my 3-step method. Mods wont let me post the link, so inbox me for the program.', newcomer).score).toBeGreaterThanOrEqual(0.5)
  })

  it('does not score a member offering to share a free group\'s details', () => {
    expect(spam('Our carers support group meets on Tuesdays, message me for details if you want to come along.', regular).score).toBeLessThan(0.5)
  })
})

import { describe, expect, it } from 'vitest'
import { normalise } from '../../../workers/pipeline/normalise.ts'
import { detectContact } from '../../../workers/pipeline/detectors/contact.ts'

const kinds = (text: string, spam = false) => detectContact(normalise(text), { spam }).map((f) => f.kind)

describe('contact', () => {
  it('finds a private phone number', () => {
    expect(kinds('If you want to talk, my number is 07700 900461.')).toContain('phone')
    expect(kinds('Text me on 555-0186 any evening.')).toEqual(expect.arrayContaining(['phone', 'request']))
  })

  it.each([
    ['Samaritans', 'Samaritans are on 116 123, day or night.'],
    ['988', 'In the US you can call or text 988.'],
    ['SAMHSA', 'The national helpline is 1-800-662-4357 and it is free.'],
    ['Shout', 'Text SHOUT to 85258.'],
    ['Lifeline AU', 'Lifeline is 13 11 14 if you are in Australia.'],
    ['a charity line', 'Dementia UK have a free helpline, 0800 888 6678.'],
  ])('does not treat a published helpline as contact: %s', (_name, text) => {
    expect(kinds(text)).toEqual([])
  })

  it('treats a business number in a spam post as contact', () => {
    expect(kinds('Call our admissions line now: (800) 555-0147.', true)).toContain('phone')
  })

  it('leaves dates, prices and doses alone', () => {
    expect(kinds('On 14/03/2024 I paid £4,200 for 800mg tablets, 3,000 people came.')).toEqual([])
  })

  it('finds emails, including spelled-out ones', () => {
    expect(kinds('email me at wheelsandwords.k@example.com')).toContain('email')
    expect(kinds('reach me: sam.jones at gmail dot com')).toContain('email')
  })

  it('finds messaging handles', () => {
    expect(kinds("I'm on Telegram as @carer_in_kent")).toContain('handle')
    expect(kinds('My handle is spoonie_sam#2041, add me')).toContain('handle')
  })

  it('finds requests to move to private contact', () => {
    expect(kinds('Add me on WhatsApp and we can check in every night.')).toContain('request')
    expect(kinds('DM me and we can swap numbers.')).toContain('request')
  })

  it('does not mistake a story about texting for a request', () => {
    expect(kinds('My sponsor texted me at 6am to check in.')).toEqual([])
    expect(kinds('She used to text me every night.')).toEqual([])
  })

  it('finds a home address', () => {
    expect(kinds('Coffee morning at my house: 27 Larchmere Close, Little Ashby.')).toContain('address')
  })

  it('ignores contact details inside a quoted reply', () => {
    expect(kinds('> text me on 07700 900461\n\nPlease be careful sharing numbers here.')).toEqual([])
  })

  it('reads "DM me" in an ad as the pitch, not a request for private contact; a number in an ad still counts', () => {
    expect(kinds('DM me for the price list, spaces are limited.', true)).toEqual([])
    expect(kinds("DM me tonight, I'm up anyway.", false)).toContain('request')
    expect(kinds('Call 07700 900123 for our price list.', true)).toContain('phone')
  })
})

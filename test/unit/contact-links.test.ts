import { describe, expect, it } from 'vitest'
import { contactLinks } from '../../web/views/contact-links.ts'

describe('tap-to-call and tap-to-text links for crisis lines', () => {
  it('calls and texts a number that takes both', () => {
    expect(contactLinks('Call or text 988')).toEqual([
      { href: 'tel:988', label: 'Call 988' },
      { href: 'sms:988', label: 'Text 988' },
    ])
  })
  it('texts a keyword to a short code, and does not offer to call it', () => {
    expect(contactLinks('Text HOME to 741741')).toEqual([{ href: 'sms:741741?body=HOME', label: 'Text HOME to 741741' }])
  })
  it('calls a number written with spaces or dashes, and offers no text where none is said', () => {
    expect(contactLinks('116 123')).toEqual([{ href: 'tel:116123', label: 'Call 116 123' }])
    expect(contactLinks('1-800-662-4357')).toEqual([{ href: 'tel:18006624357', label: 'Call 1-800-662-4357' }])
    expect(contactLinks('+44 800 689 5652')).toEqual([{ href: 'tel:+448006895652', label: 'Call +44 800 689 5652' }])
  })
  it('offers nothing for a contact without a number', () => {
    expect(contactLinks('Directory of lines by country')).toEqual([])
  })
})

/**
 * Tap-to-call and tap-to-text links for a crisis line, read from its contact text as leads write
 * it ("Call or text 988", "Text HOME to 741741", "116 123"). A number is called unless the text
 * only speaks of texting; it is texted only where the text says it can be ("text", "SMS").
 */
export interface ContactLink {
  href: string
  label: string
}

const NUMBER = /\+?\d[\d\s.-]{0,18}\d/
const KEYWORD = /\btext\s+([A-Za-z0-9]{2,20})\s+to\s+(\+?\d[\d\s.-]{0,18}\d)/i

export function contactLinks(contact: string): ContactLink[] {
  const text = contact.slice(0, 200)
  const keyword = KEYWORD.exec(text)
  if (keyword) {
    const number = keyword[2]!.replace(/[^\d+]/g, '')
    return [{ href: `sms:${number}?body=${encodeURIComponent(keyword[1]!)}`, label: `Text ${keyword[1]} to ${keyword[2]!.trim()}` }]
  }
  const found = NUMBER.exec(text)
  if (!found) return []
  const shown = found[0].trim()
  const number = shown.replace(/[^\d+]/g, '')
  if (number.replace('+', '').length < 3) return []
  const texts = /\b(text|sms)\b/i.test(text)
  const calls = /\bcall\b/i.test(text) || !texts
  const links: ContactLink[] = []
  if (calls) links.push({ href: `tel:${number}`, label: `Call ${shown}` })
  if (texts) links.push({ href: `sms:${number}`, label: `Text ${shown}` })
  return links
}

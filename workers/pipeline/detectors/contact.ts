import type { ContactFinding, ContactKind } from '../types.ts'
import { ownWords, toOriginal, type NormalisedText } from '../normalise.ts'
import {
  ADDRESS_PATTERNS, EMAIL, HANDLE_PATTERNS, HELPLINE_CONTEXT, PHONE, PUBLIC_NUMBERS,
  REPORTED_BEFORE, REQUEST_PATTERNS, SPELLED_EMAIL,
} from '../lexicons/contact.ts'

export interface ContactOptions {
  /** The post scored as spam: a business's number in an ad is contact (LABELING.md). */
  spam?: boolean
}

/**
 * Private contact details and requests to move off the forum. Runs on the writer's own
 * words: a reply quoting someone's number is not sharing it again.
 */
export function detectContact(input: NormalisedText, options: ContactOptions = {}): ContactFinding[] {
  const n = ownWords(input)
  const text = n.text
  const findings: ContactFinding[] = []
  const push = (kind: ContactKind, start: number, end: number, reason: string) => {
    if (findings.some((f) => f.kind === kind && f.evidence.start <= n.map[start]! && n.map[start]! < f.evidence.end)) return
    findings.push({ kind, evidence: { ...toOriginal(n, start, end), reason } })
  }

  const emailSpans: [number, number][] = []
  const emailShapes = text.includes('@') ? (/\bat\b/.test(text) ? [EMAIL, SPELLED_EMAIL] : [EMAIL]) : /\bat\b/.test(text) ? [SPELLED_EMAIL] : []
  for (const re of emailShapes) {
    for (const m of text.matchAll(re)) {
      emailSpans.push([m.index!, m.index! + m[0].length])
      push('email', m.index!, m.index! + m[0].length, 'email address')
    }
  }

  for (const m of text.matchAll(PHONE)) {
    const start = m.index!
    const end = start + m[0].length
    if (emailSpans.some(([a, b]) => start >= a && start < b)) continue
    if (isPrivatePhone(text, m[0], start, options)) push('phone', start, end, 'phone number')
  }

  for (const re of PLATFORM_HINT.test(text) ? HANDLE_PATTERNS : []) {
    for (const m of text.matchAll(re)) {
      if (emailSpans.some(([a, b]) => m.index! < b && m.index! + m[0].length > a)) continue
      push('handle', m.index!, m.index! + m[0].length, 'messaging handle')
    }
  }

  // In an ad, "DM me for the program" is the sales pitch (spam), not a member moving a
  // conversation off the forum; the business's number or address in it still counts.
  for (const re of options.spam ? [] : REQUEST_PATTERNS) {
    for (const m of n.leet.matchAll(re)) {
      const before = text.slice(Math.max(0, m.index! - 30), m.index!)
      if (REPORTED_BEFORE.test(before)) continue
      push('request', m.index!, m.index! + m[0].length, 'asks to move to private contact')
    }
  }

  for (const re of ADDRESS_PATTERNS) {
    for (const m of text.matchAll(re)) push('address', m.index!, m.index! + m[0].length, 'street address')
  }
  return findings
}

// Cheap gate before the handle patterns, which are costly to run on every post.
const PLATFORM_HINT = /@|#\d{4}|\b(?:whatsapp|whats app|telegram|snap|snapchat|discord|insta|instagram|ig|kik|signal|wickr|skype|facebook|fb|messenger|wechat|tiktok|twitter|threads|reddit|line|viber|session|handle|username|user name)\b/

function isPrivatePhone(text: string, raw: string, start: number, options: ContactOptions): boolean {
  const digits = raw.replace(/\D/g, '')
  if (digits.length < 7 || digits.length > 15) return false
  // Years, times and ranges written with separators ("2019-2021", "10.30") are not numbers to call.
  if (/^(?:19|20)\d\d[\s.-](?:19|20)?\d\d$/.test(raw)) return false
  if (PUBLIC_NUMBERS.has(digits) || PUBLIC_NUMBERS.has(digits.replace(/^44/, '0')) || PUBLIC_NUMBERS.has(digits.replace(/^1/, ''))) return false
  if (options.spam) return true
  // Freephone and national-rate prefixes belong to organisations, as does a number
  // introduced as a helpline; in a non-spam post neither is a member's private number.
  if (/^(?:0800|0808|0300|0845|1800|1300|800|888|877|866|855|1800|1888|1877|1866)/.test(digits)) return false
  const context = text.slice(Math.max(0, start - 80), start)
  return !HELPLINE_CONTEXT.test(context)
}

import type { ContactFinding, ContactKind } from '../types.ts'
import { ownWords, toOriginal, type NormalisedText } from '../normalise.ts'
import {
  ADDRESS_PATTERNS,
  DIGIT_WORD_HINT,
  DIGIT_WORDS,
  EMAIL,
  HANDLE_NAMED,
  HANDLE_PATTERNS,
  HELPLINE_CONTEXT,
  NOT_A_HANDLE,
  NOT_A_REQUEST_AFTER,
  ORGANISATION_CONTEXT,
  ORGANISATION_PREFIX,
  PERSONAL_CUE,
  PHONE,
  PUBLIC_NUMBERS,
  REPORTED_BEFORE,
  REQUEST_PATTERNS,
  SPACED_DIGITS,
  SPELLED_DIGITS,
  SPELLED_EMAIL,
} from '../lexicons/contact.ts'
import { isSpelledMailbox } from './links.ts'
import { mayMatch } from '../literal-gate.ts'

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
  const spelled = /\bat\b/.test(text)
  const emailShapes = text.includes('@') ? (spelled ? [EMAIL, SPELLED_EMAIL] : [EMAIL]) : spelled ? [SPELLED_EMAIL] : []
  for (const re of emailShapes) {
    for (const m of text.matchAll(re)) {
      if (re === SPELLED_EMAIL && !isSpelledEmail(text, m[0], m.index!)) continue
      emailSpans.push([m.index!, m.index! + m[0].length])
      push('email', m.index!, m.index! + m[0].length, 'email address')
    }
  }

  const phoneSpans: [number, number][] = []
  const phone = (start: number, raw: string, digits: string) => {
    const end = start + raw.length
    if (emailSpans.some(([a, b]) => start >= a && start < b)) return
    if (phoneSpans.some(([a, b]) => start < b && end > a)) return
    if (!isPrivatePhone(text, raw, digits, start, options)) return
    phoneSpans.push([start, end])
    push('phone', start, end, 'phone number')
  }
  for (const m of text.matchAll(PHONE)) phone(m.index!, m[0], m[0].replace(/\D/g, ''))
  // The letter O written for zero to dodge a filter ("077OO 9OO 436"): a number meant to be called.
  if (/\do|o\d/.test(text))
    for (const m of text.matchAll(O_FOR_ZERO)) if (m[0].replace(/\D/g, '').length >= 5) phone(m.index!, m[0], m[0].replace(/o/g, '0').replace(/\D/g, ''))
  // Evasions: digits spaced one by one, or spelled out ("oh seven seven double oh ...").
  if (/\d[ .-]{1,2}\d[ .-]{1,2}\d/.test(text)) for (const m of text.matchAll(SPACED_DIGITS)) phone(m.index!, m[0], m[0].replace(/\D/g, ''))
  if (DIGIT_WORD_HINT.test(text)) {
    for (const m of text.matchAll(SPELLED_DIGITS)) {
      if (!/[a-z]/.test(m[0])) continue // plain digits: PHONE's call
      // "one two three four five six seven steps" counts; a number is introduced as one or has a zero.
      const cue = /\b(?:number|num|no|mobile|cell|phone|call|ring|text|whatsapp|digits|on|is)\W*$/.test(text.slice(Math.max(0, m.index! - 40), m.index!))
      if (!cue && !/\b(?:zero|oh|nought|double|triple|\d+)\b/.test(m[0])) continue
      phone(m.index!, m[0], spelledDigits(m[0]))
    }
  }

  if (PLATFORM_HINT.test(text)) {
    for (const re of HANDLE_PATTERNS) {
      if (!mayMatch(re, text)) continue
      for (const m of text.matchAll(re)) {
        if (emailSpans.some(([a, b]) => m.index! < b && m.index! + m[0].length > a)) continue
        push('handle', m.index!, m.index! + m[0].length, 'messaging handle')
      }
    }
    for (const re of HANDLE_NAMED) {
      if (!mayMatch(re, text)) continue
      for (const m of text.matchAll(re)) {
        if (!isHandle(m[1]!)) continue
        if (emailSpans.some(([a, b]) => m.index! < b && m.index! + m[0].length > a)) continue
        push('handle', m.index!, m.index! + m[0].length, 'messaging handle')
      }
    }
  }

  for (const re of REQUEST_PATTERNS) {
    if (!mayMatch(re, n.leet)) continue
    for (const m of n.leet.matchAll(re)) {
      const end = m.index! + m[0].length
      const before = text.slice(Math.max(0, m.index! - 30), m.index!)
      if (REPORTED_BEFORE.test(before)) continue
      const after = n.leet.slice(end, end + 80)
      if (/\bcall me$/.test(m[0]) && NOT_A_REQUEST_AFTER.test(after)) continue
      // "DM me the word HEAL", "DM me for the program": the seller moves the buyer into private
      // messages, which the labelling guide's writers and the issue count as contact, in an ad too.
      push('request', m.index!, end, 'asks to move to private contact')
    }
  }

  for (const re of ADDRESS_PATTERNS) {
    if (!mayMatch(re, text)) continue
    for (const m of text.matchAll(re)) {
      // A public venue's address (a drop-in at the Friends Meeting House, 12 Castle Street) is
      // published, not a member's home: unless the writer says it is theirs.
      const before = text.slice(Math.max(0, m.index! - 80), m.index!)
      const sentence = before.slice(Math.max(before.search(/[^.!?\n]*$/), 0))
      if (VENUE_BEFORE.test(sentence) && !PERSONAL_CUE.test(sentence.slice(-40))) continue
      push('address', m.index!, m.index! + m[0].length, 'street address')
    }
  }
  return findings
}

// Cheap gate before the handle patterns, which are costly to run on every post.
const PLATFORM_HINT = new RegExp(
  '@|#\\d{4}|\\b(?:whatsapp|whats app|telegram|snap|snapchat|discord|insta|instagram|ig|kik|signal|' +
    'wickr|skype|facebook|fb|messenger|wechat|tiktok|twitter|threads|reddit|line|viber|session|handle|' +
    'username|user name)\\b',
)

/** A token in a handle's slot that is a handle, not an ordinary word ("usually", "please"). */
function isHandle(token: string): boolean {
  const t = token.replace(/^@/, '')
  if (token.startsWith('@') || /[._\d]/.test(t)) return /[a-z]/.test(t) && !/^\d|\.$/.test(t)
  return t.length >= 4 && !NOT_A_HANDLE.has(t) && !/(?:ly|ing|ed)$/.test(t)
}

/** A spelled-out address ("sam.jones at gmail dot com") whose mailbox is a mailbox: see isSpelledMailbox(). */
function isSpelledEmail(text: string, raw: string, start: number): boolean {
  const m = /^([a-z0-9._-]+) ?(?:\(at\)|\[at\]|at) ?([a-z0-9-]+)/.exec(raw)
  if (!m) return true
  if (/\((?:at|dot)\)|\[(?:at|dot)\]/.test(raw)) return isSpelledMailbox(m[1]!, 'gmail', '')
  return isSpelledMailbox(m[1]!, m[2]!, text.slice(Math.max(0, start - 60), start))
}

function spelledDigits(raw: string): string {
  let out = ''
  let repeat = 1
  for (const w of raw.match(/[a-z]+|\d+/g) ?? []) {
    if (w === 'double') {
      repeat = 2
      continue
    }
    if (w === 'triple') {
      repeat = 3
      continue
    }
    const d = DIGIT_WORDS[w] ?? (/^\d+$/.test(w) ? w : '')
    out += repeat > 1 && d.length > 0 ? d[0]!.repeat(repeat) + d.slice(1) : d
    repeat = 1
  }
  return out
}

const O_FOR_ZERO = /(?<![\w])(?=[\do]*o)(?=(?:[ .-]?[\do]){9,13}(?![\w]))[\do]{2,5}(?:[ .-]?[\do]{2,5}){1,3}(?![\w])/g
const VENUE_BEFORE = new RegExp(
  '\\b(?:caf[eé]|cafe|meeting house|church|chapel|hall|library|centre|center|community|drop-in|group|' +
    'meetings?|clinic|surgery|hospital|hospice|office|charity|council|pub|venue|museum|park|station|' +
    'college|school|held at|meets at|runs at|every (?:\\w+ )?(?:monday|tuesday|wednesday|thursday|friday|' +
    'saturday|sunday)s?)\\b',
)
const MESSAGING_BEFORE = /\b(?:whatsapp|whats app|signal|telegram|viber)\b(?: me)?(?: (?:on|at|is|number|no))?[:\s]{0,3}$/

function isPrivatePhone(text: string, raw: string, digits: string, start: number, options: ContactOptions): boolean {
  if (digits.length < 7 || digits.length > 15) return false
  // Years, times and ranges written with separators ("2019-2021", "10.30") are not numbers to call.
  if (/^(?:19|20)\d\d[\s.-](?:19|20)?\d\d$/.test(raw)) return false
  if (PUBLIC_NUMBERS.has(digits) || PUBLIC_NUMBERS.has(digits.replace(/^44/, '0')) || PUBLIC_NUMBERS.has(digits.replace(/^1/, ''))) return false
  if (options.spam) return true
  const context = text.slice(Math.max(0, start - 80), start)
  // A number given for WhatsApp, Signal, Telegram or Viber is someone's own phone, never a published line.
  if (MESSAGING_BEFORE.test(context)) return true
  // Freephone and national-rate prefixes belong to organisations, as does a number
  // introduced as a helpline; in a non-spam post neither is a member's private number.
  if (ORGANISATION_PREFIX.test(digits)) return false
  if (HELPLINE_CONTEXT.test(context)) return false
  // A hospital ward, a GP surgery, the council named in the same sentence: theirs, unless the
  // writer introduces the number as their own ("ring me on", "my mobile is").
  const sentence = context.slice(Math.max(context.search(/[^.!?\n]*$/), 0))
  return !ORGANISATION_CONTEXT.test(sentence) || PERSONAL_CUE.test(context.slice(-40))
}

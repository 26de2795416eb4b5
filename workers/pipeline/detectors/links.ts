import LinkifyIt from 'linkify-it'
import { parse } from 'tldts'
import type { NormalisedText } from '../normalise.ts'
import { EXTRA_TLDS, FREE_MAIL_DOMAINS, TRUSTED_DOMAINS, TRUSTED_SUFFIXES } from '../lexicons/spam.ts'

export interface FoundLink {
  /** The link as written (normalised), e.g. "rxvalley-meds-online.net" or "puretide-detox [dot] shop". */
  text: string
  start: number
  end: number
  domain: string
  suffix: string
  path: string
  obfuscated: boolean
  trusted: boolean
  email: boolean
}

const linkify = new LinkifyIt().tlds(EXTRA_TLDS, true)

const TLD = '(?:com|net|org|co\\.uk|org\\.uk|uk|io|xyz|shop|store|online|site|info|biz|es|co|me|app|club|top|us|ca|au)'
// "example[.]com", "example dot com", "example . shop", "h t t p s : / /": spelled-out links
// exist only to dodge filters, so they are a strong spam signal in themselves.
const OBFUSCATED = new RegExp(
  `\\b([a-z0-9][a-z0-9-]{2,})(?:\\s*(?:\\[\\s*(?:\\.|dot)\\s*\\]|\\(\\s*(?:\\.|dot)\\s*\\)|` +
    `\\{\\s*(?:\\.|dot)\\s*\\})\\s*|\\s+dot\\s+|\\s+\\.\\s+)(${TLD})\\b((?:\\s*(?:\\/|` +
    `slash)\\s*[a-z0-9-]+)*)`,
  'g',
)
const SPELLED_EMAIL_BEFORE = /\b([a-z0-9._-]{2,}) ?(?:\bat\b|\(at\)|\[at\]|@) ?$/
const SPACED_SCHEME = /\bh\s+t\s+t\s+p\s*s?\s*:\s*\/\s*\//g

export function findLinks(n: NormalisedText): FoundLink[] {
  const links: FoundLink[] = []
  const text = n.text
  if (linkify.pretest(text)) {
    for (const m of linkify.match(text) ?? []) {
      const email = m.schema === 'mailto:'
      const parsed = parse(m.url)
      if (!parsed.domain) continue
      links.push(describe(m.text, m.index, m.lastIndex, parsed.domain, parsed.publicSuffix ?? '', pathOf(m.url), false, email))
    }
  }
  OBFUSCATED.lastIndex = 0
  for (const m of text.matchAll(OBFUSCATED)) {
    const suffix = m[2]!.replace(/\s*(?:\.|dot)\s*/g, '.')
    const domain = `${m[1]}.${suffix}`
    const path = (m[3] ?? '').replace(/\s*(?:\/|slash)\s*/g, '/')
    // "dan.k.recovery at gmail dot com": the domain of a spelled-out email address, not a link.
    const mailbox = SPELLED_EMAIL_BEFORE.exec(text.slice(Math.max(0, m.index! - 60), m.index!))
    if (mailbox && isSpelledMailbox(mailbox[1]!, m[1]!, text.slice(Math.max(0, m.index! - 60), m.index! - mailbox[0].length))) {
      links.push(describe(m[0], m.index!, m.index! + m[0].length, domain, suffix, '', false, true))
      continue
    }
    links.push(describe(m[0], m.index!, m.index! + m[0].length, domain, suffix, path, true, false))
  }
  SPACED_SCHEME.lastIndex = 0
  for (const m of text.matchAll(SPACED_SCHEME)) {
    if (links.some((l) => l.obfuscated && Math.abs(l.start - m.index!) < 40)) continue
    links.push(describe(m[0], m.index!, m.index! + m[0].length, '', '', '', true, false))
  }
  return links
}

/**
 * Whether "<local> at <domain> dot com" is a spelled-out email address rather than a shop's web
 * address ("grab yours at neurocalm-gummies dot com"): the mailbox is at a free-mail provider, or
 * reads like a mailbox ("dan.k.recovery", "sam_88"), or the writer introduces it as an email; never
 * when the part before "at" is an everyday word ("yours", "us", "it").
 */
export function isSpelledMailbox(local: string, domainLabel: string, before: string): boolean {
  if (NOT_A_MAILBOX.has(local)) return false
  if (FREE_MAIL_LABELS.has(domainLabel)) return true
  if (/[._\d-]/.test(local)) return true
  return /\b(?:e-?mail|mail|contact|write to|reach)\b[^.!?\n]{0,40}$/.test(before)
}

const FREE_MAIL_LABELS = new Set([...FREE_MAIL_DOMAINS].map((d) => d.split('.')[0]!).concat(['proton', 'protonmail']))
const NOT_A_MAILBOX = new Set([
  'yours',
  'mine',
  'ours',
  'theirs',
  'us',
  'me',
  'it',
  'them',
  'him',
  'her',
  'one',
  'some',
  'any',
  'online',
  'home',
  'here',
  'there',
  'available',
  'now',
  'today',
  'visit',
  'shop',
  'order',
  'buy',
  'info',
  'more',
  'details',
  'look',
  'found',
  'get',
  'grab',
  'check',
  'sign',
  'up',
  'out',
  'join',
  'book',
  'read',
  'this',
  'that',
  'everything',
  'all',
  'link',
  'site',
  'website',
  'them',
  'free',
  'cheap',
  'offer',
  'offers',
  'sale',
  'deals',
  'stock',
  'instore',
  'store',
  'shops',
  'program',
  'course',
])

function describe(text: string, start: number, end: number, domain: string, suffix: string, path: string, obfuscated: boolean, email: boolean): FoundLink {
  const trusted = !obfuscated && (TRUSTED_DOMAINS.has(domain) || TRUSTED_SUFFIXES.includes(suffix))
  return { text, start, end, domain, suffix, path, obfuscated, trusted, email }
}

function pathOf(url: string): string {
  const i = url.indexOf('/', url.indexOf('//') + 2)
  return i < 0 ? '' : url.slice(i)
}

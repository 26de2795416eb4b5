export const WARNING_CATEGORIES = ['suicide', 'self_harm', 'substance_use', 'eating_disorder', 'abuse', 'violence', 'death'] as const

export type WarningCategory = (typeof WARNING_CATEGORIES)[number]

export type CrisisLevel = 'none' | 'concern' | 'urgent'

export interface WatchedWord {
  id: number
  phrase: string
  wholeWord: boolean
  regex: boolean
  action: 'flag' | 'hold' | 'warn' | 'block'
  category?: WarningCategory
  message?: string
}

export interface SafetySettings {
  warningCategories: WarningCategory[]
  /** 0..1: a post whose spam score reaches this is held for review. */
  spamHoldThreshold: number
  linksMinAccountDays: number
  watchedWords: WatchedWord[]
}

// Scores from detectors/spam.ts cluster well apart: real spam in the corpus scores >= 0.75,
// the odd borderline member post <= 0.45. 0.7 holds clear spam and leaves a margin for the
// borderline ones to be flagged (isSpam at 0.5) without being hidden from readers.
export const DEFAULT_SPAM_HOLD_THRESHOLD = 0.7

export function defaultSafetySettings(): SafetySettings {
  return {
    warningCategories: [...WARNING_CATEGORIES],
    spamHoldThreshold: DEFAULT_SPAM_HOLD_THRESHOLD,
    linksMinAccountDays: 0,
    watchedWords: [],
  }
}

export interface AuthorContext {
  accountAgeDays: number
  postCount: number
  /** The author's last few posts, for repeated-text spam. */
  recentTexts?: string[]
}

export interface ScanInput {
  text: string
  settings: SafetySettings
  author?: AuthorContext
}

export interface Evidence {
  /** Quoted from the ORIGINAL text via the normalisation map. */
  phrase: string
  /** Offsets into the original text. */
  start: number
  end: number
  reason: string
}

export type ContactKind = 'phone' | 'email' | 'handle' | 'address' | 'request'

export interface ContactFinding {
  kind: ContactKind
  evidence: Evidence
}

export interface RuleHit {
  wordId: number
  action: WatchedWord['action']
  category?: WarningCategory
  message?: string
  evidence: Evidence
}

export interface Verdict {
  crisis: { level: CrisisLevel; evidence: Evidence[] }
  /** After the community's settings filter. */
  warnings: WarningCategory[]
  spam: {
    score: number
    /** score >= 0.5: the classification. */
    isSpam: boolean
    /** score >= settings.spamHoldThreshold. */
    hold: boolean
    reasons: string[]
  }
  contact: { found: boolean; findings: ContactFinding[] }
  rules: RuleHit[]
  /** The post has links and the author's account is younger than settings.linksMinAccountDays. */
  linksBlocked: boolean
  /**
   * Stages that threw on this post (absent when none did). A failed stage never reads as "nothing
   * found": the post goes to a moderator (see server/safety/apply-verdict.ts), and a failed crisis
   * stage reads as concern.
   */
  failed?: { stage: ScanStage; message: string }[]
}

export type ScanStage = 'normalise' | 'crisis' | 'warnings' | 'spam' | 'contact' | 'rules' | 'model'

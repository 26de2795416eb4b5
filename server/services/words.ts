import type { ContentStatus, Role, Visibility } from '../db/schema.ts'
import type { ContactKind, WarningCategory } from '../../workers/pipeline/types.ts'
import type { REPORT_REASONS } from './moderation.ts'

// The words people read for the codes the program keeps: one place for the pages, the
// notifications and the review signals, so that no code reaches a person (issue #19, words).
// A table typed by its union must name every code; the test/integration/no-internal-codes test
// reads every page for codes that slipped through.

export const WARNING_LABELS: Record<WarningCategory, string> = {
  suicide: 'suicide',
  self_harm: 'self-harm',
  substance_use: 'substance use',
  eating_disorder: 'eating disorders',
  abuse: 'abuse',
  violence: 'violence',
  death: 'death',
}
export const warningWords = (ws: readonly string[]) => ws.map((w) => WARNING_LABELS[w as WarningCategory] ?? w.replace(/_/g, ' ')).join(', ')

export const REPORT_REASON_LABELS: Record<(typeof REPORT_REASONS)[number], string> & Record<string, string> = {
  worried: "I'm worried about this person",
  spam: 'Spam or advertising',
  harassment: 'Harassment or hostility',
  misinformation: 'Medical advice or misinformation',
  guideline: 'It breaks a guideline',
  other: 'Something else',
}

export const CRISIS_LEVELS: Record<'none' | 'concern' | 'urgent', string> = { none: 'No crisis', concern: 'Concern', urgent: 'Urgent crisis' }

export const WORD_ACTIONS = {
  flag: 'Flag for review',
  hold: 'Hold for review',
  warn: 'Add a content warning',
  block: 'Block, with a message to the writer',
} as const
export type WordAction = keyof typeof WORD_ACTIONS

export const CONTACT_KINDS: Record<ContactKind, string> = {
  phone: 'phone number',
  email: 'e-mail address',
  handle: 'messaging handle',
  address: 'postal address',
  request: 'asks to talk in private',
}

export const STATUS_WORDS: Record<ContentStatus, string> = {
  visible: 'on show',
  held: 'held for review',
  hidden: 'hidden',
  removed: 'removed',
  deleted: 'deleted by the writer',
}

export const ROLE_LABELS: Record<Role, string> & Record<string, string> = {
  member: 'Member',
  peer_supporter: 'Peer supporter',
  moderator: 'Moderator',
  lead: 'Lead',
}

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  public: 'Public: anyone can read',
  signed_in: 'Signed in: anyone with an account can read',
  members: 'Members only: only members can read',
}

/** A moment in a message that outlives the page (a notification, an error): "2026-12-06 09:30 UTC". */
export const utcMinute = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'

/** The name a deleted account's kept posts go under: nobody to block or to visit. */
export { FORMER_MEMBER } from '../db/account-deletion.ts'

/** What a member chose for their posts when they deleted their account. */
export const DELETION_MODES: Record<'erase' | 'keep', string> = {
  erase: 'text of their posts erased',
  keep: 'posts kept under “a former member”',
}

export const QUEUE_REASONS: Record<string, string> = {
  urgent_crisis: 'Urgent crisis',
  concern: 'Concern',
  check_in_requested: 'Check-in requested',
  check_in_reply: 'Answer to a check-in',
  worried_report: 'Worried report',
  multiple_reports: 'Multiple reports',
  report: 'Report',
  spam: 'Spam',
  new_account_links: 'Links from a new account',
  rule: 'Watched word',
  contact: 'Private contact details',
  warnings: 'Content warning review',
  scan_failed: 'Safety checks failed',
}

/** The audit log's actions: moderators' steps, then leads' and admins'. */
export const AUDIT_ACTIONS: Record<string, string> = {
  claim: 'Claimed',
  unclaim: 'Released',
  approve: 'Approved',
  hide: 'Hid',
  remove: 'Removed',
  edit_warnings: 'Edited warnings',
  lock: 'Locked thread',
  silence: 'Silenced',
  check_in: 'Sent a check-in',
  escalate: 'Escalated',
  auto_escalate: 'Escalated automatically',
  auto_hide: 'Hid automatically',
  resolve: 'Resolved',
  suspend: 'Suspended',
  unsuspend: 'Lifted suspension',
  publish_guidelines: 'Published guidelines',
  set_rules: 'Changed the rules',
  update_settings: 'Changed safety settings',
  add_watched_word: 'Added a watched word',
  remove_watched_word: 'Removed a watched word',
  set_crisis_resources: 'Changed crisis lines',
  appoint: 'Appointed',
  remove_role: 'Removed a role',
  set_search_indexing: 'Changed search engine listing',
  create_account: 'Created an account',
  delete_account: 'Account deleted',
}

/** How a moderator resolved an item, as the audit log's reason for a "Resolved" entry. */
export const RESOLVE_WORDS: Record<string, string> = {
  approve: 'Approved',
  hide: 'Hid',
  remove: 'Removed',
  warn: 'Added content warnings',
  lock: 'Locked thread',
  silence: 'Silenced',
  check_in: 'Sent a check-in',
  escalate: 'Escalated',
}

/** What an audit entry's target is. */
export const TARGET_WORDS: Record<string, string> = {
  post: 'Post',
  user: 'Member',
  community: 'Community',
  watched_word: 'Watched word',
  review_item: 'Review item',
}

/** The fields an audit entry's before and after name, and the words for their values. */
export const FIELD_WORDS: Record<string, { label: string; values?: Record<string, string> }> = {
  status: { label: 'Status', values: STATUS_WORDS },
  role: { label: 'Role', values: ROLE_LABELS },
  visibility: { label: 'Who can read', values: VISIBILITY_LABELS },
  warningCategories: { label: 'Content warning categories', values: WARNING_LABELS },
  warnings: { label: 'Content warnings', values: WARNING_LABELS },
  category: { label: 'Content warning', values: WARNING_LABELS },
  action: { label: 'What happens', values: WORD_ACTIONS },
  mode: { label: 'Their posts', values: DELETION_MODES },
  phrase: { label: 'Word or pattern' },
  wholeWord: { label: 'Whole word only' },
  regex: { label: 'Regular expression' },
  message: { label: 'Message to the writer' },
  locked: { label: 'Locked' },
  silencedUntil: { label: 'Silenced until' },
  suspendedUntil: { label: 'Suspended until' },
  checkInId: { label: 'Check-in' },
  signed: { label: 'Signed' },
  indexable: { label: 'Listed by search engines' },
  admin: { label: 'Site admin' },
  version: { label: 'Guidelines version' },
  spamHoldThreshold: { label: 'Spam hold threshold' },
  newMemberHoldPosts: { label: 'New members’ posts held' },
  newMemberHoldDays: { label: 'Hold posts from accounts younger than (days)' },
  linksMinAccountDays: { label: 'Links allowed from accounts older than (days)' },
  reportHideThreshold: { label: 'Hide a post after this many reports' },
  crisisEscalationMinutes: { label: 'Crisis escalation limit (minutes)' },
  breakAfterUrgentItems: { label: 'Break suggested after urgent items' },
  name: { label: 'Name' },
  contact: { label: 'Contact' },
  url: { label: 'Web address' },
  region: { label: 'Region' },
  hours: { label: 'Hours' },
  title: { label: 'Title' },
  body: { label: 'Text' },
  position: { label: 'Position' },
}

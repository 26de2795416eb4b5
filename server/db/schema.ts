import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely'
import type { MemberReadingTables } from './schema-reading.ts'
import type { OutcomeTables } from './schema-outcomes.ts'
import type { MailTables, MailOutboxTable, UserTokenTable, DutyTable } from './schema-mail.ts'

// ---- the values a status column may hold: one definition, so a typo does not compile ----

/** A post's or thread's standing: held (its author and moderators only), hidden, removed by a moderator, deleted by its author. */
export const CONTENT_STATUSES = ['visible', 'held', 'hidden', 'removed', 'deleted'] as const
export type ContentStatus = (typeof CONTENT_STATUSES)[number]
export type PostStatus = ContentStatus
export type ThreadStatus = ContentStatus
/** Whether the current revision's verdict has been applied. */
export type ScanStatus = 'pending' | 'scanned'
export const REVIEW_ITEM_STATUSES = ['open', 'resolved'] as const
export type ReviewItemStatus = (typeof REVIEW_ITEM_STATUSES)[number]
export const ROLES = ['member', 'peer_supporter', 'moderator', 'lead'] as const
export type Role = (typeof ROLES)[number]
export const VISIBILITIES = ['public', 'signed_in', 'members'] as const
export type Visibility = (typeof VISIBILITIES)[number]

export interface UserTable {
  id: Generated<number>
  handle: string
  handle_key: string
  /** What the handle looks like (services/handles.ts): look-alikes share one. */
  handle_skeleton: string
  password_hash: string
  email: string | null
  is_admin: Generated<number>
  suspended_until: number | null
  post_count: Generated<number>
  reading_prefs: Generated<string>
  created_at: number
  email_verified_at: number | null
  /** JSON: members' mail preferences (server/mail/preferences.ts); '{}' is all off. */
  email_prefs: Generated<string>
  /** Set when the member deleted the account (migration 0016): the row stays, anonymised. */
  deleted_at: Generated<number | null>
  /** Minutes of inactivity after which a session ends; null: only the session's own lifetime. */
  idle_timeout_minutes: Generated<number | null>
  profile_visibility: Generated<ProfileVisibility>
  /** An IANA time zone (migration 0017); null is UTC. */
  time_zone: string | null
}

export const PROFILE_VISIBILITIES = ['everyone', 'members', 'nobody'] as const
export type ProfileVisibility = (typeof PROFILE_VISIBILITIES)[number]

export interface SessionTable {
  id: string
  user_id: number
  csrf_token: string
  created_at: number
  expires_at: number
  /** Moved at most every few minutes by the session check (migration 0016). */
  last_used_at: number | null
  /** A coarse label of the browser, "Firefox on Linux"; never an address. */
  device: string | null
}

/** Work left after an account deletion (migration 0016), done in batches by the erasure relay. */
export interface AccountErasureTable {
  id: Generated<number>
  user_id: number
  mode: 'erase' | 'keep'
  /** Kept only until signed moderator names are scrubbed from others' notifications. */
  old_handle: string | null
  phase: Generated<'posts' | 'notifications' | 'done'>
  cursor: Generated<number>
  created_at: number
  done_at: number | null
}

export interface CommunityTable {
  id: Generated<number>
  slug: string
  name: string
  description: string
  visibility: Generated<Visibility>
  guidelines_version: Generated<number>
  settings: Generated<string>
  member_count: Generated<number>
  thread_count: Generated<number>
  last_activity_at: number | null
  created_at: number
  /** Moved by triggers on any change to the community or its threads (migration 0008). */
  version: Generated<number>
  /** Moved by triggers when a badge on its members' posts may change (migration 0012). */
  roles_version: Generated<number>
  /** 1: a lead opened this public community to search engines (migration 0016). */
  indexable: Generated<number>
}

export interface GuidelinesVersionTable {
  community_id: number
  version: number
  markdown: string
  html: string
  created_by: number | null
  created_at: number
}

export interface CrisisResourceTable {
  id: Generated<number>
  community_id: number
  position: number
  name: string
  contact: string
  url: string | null
  region: string
  hours: string | null
}

export interface MembershipTable {
  community_id: number
  user_id: number
  role: Generated<Role>
  accepted_guidelines_version: number
  silenced_until: number | null
  joined_at: number
}

export interface ThreadTable {
  id: Generated<number>
  community_id: number
  author_id: number
  title: string
  first_post_id: number | null
  reply_count: Generated<number>
  locked: Generated<number>
  status: Generated<ThreadStatus>
  created_at: number
  last_activity_at: number
  /** Moved by triggers on any change to the thread's posts (migration 0008). */
  version: Generated<number>
}

export interface PostTable {
  id: Generated<number>
  thread_id: number
  community_id: number
  author_id: number
  reply_to_id: number | null
  body: string
  html: string
  revision: Generated<number>
  author_warnings: Generated<string>
  content_warnings: Generated<string>
  status: Generated<PostStatus>
  scan_status: Generated<ScanStatus>
  created_at: number
  edited_at: number | null
  deleted_at: number | null
}

export interface PostRevisionTable {
  post_id: number
  revision: number
  body: string
  html: string
  created_at: number
}

export interface OutboxTable {
  id: Generated<number>
  post_id: number
  revision: number
  created_at: number
  sent_at: number | null
  attempts: Generated<number>
  done_at: number | null
}

export interface NotificationTable {
  id: Generated<number>
  user_id: number
  kind: string
  data: Generated<string>
  created_at: number
  read_at: number | null
}

export interface AppliedVerdictTable {
  post_id: number
  revision: number
  crisis: string
  verdict: string
  applied_at: number
}

export interface ReviewItemTable {
  id: Generated<number>
  post_id: number
  community_id: number
  status: Generated<ReviewItemStatus>
  priority: number
  reason: string
  created_at: number
  updated_at: number
  claimed_by: number | null
  claimed_at: number | null
  escalated_at: number | null
  resolved_by: number | null
  resolved_at: number | null
  resolution: string | null
  version: Generated<number>
  /** When the item first reached urgent priority (kept by triggers, migration 0010). */
  urgent_at: Generated<number | null>
}

/** Open review items per community and reason, kept by triggers (migration 0009). */
export interface ReviewOpenCountTable {
  community_id: number
  reason: string
  n: number
}

export interface ReviewSignalTable {
  id: Generated<number>
  item_id: number
  source: string
  kind: string
  reason: string
  evidence: Generated<string>
  revision: number | null
  created_at: number
}

export interface CrisisPromptTable {
  user_id: number
  community_id: number
  post_id: number
  created_at: number
}

export interface CommunityRuleTable {
  id: Generated<number>
  community_id: number
  position: number
  title: string
  body: string
  retired: Generated<number>
}

export interface ReportTable {
  id: Generated<number>
  post_id: number
  reporter_id: number
  item_id: number
  reason: string
  rule_id: number | null
  note: string | null
  snapshot_body: string
  snapshot_revision: number
  outcome: string | null
  created_at: number
}

export interface AuditLogTable {
  id: Generated<number>
  community_id: number | null
  actor_id: number | null
  action: string
  target_type: string
  target_id: number | null
  reason: string | null
  before: string | null
  after: string | null
  created_at: number
}

export interface CheckInMessageTable {
  id: Generated<number>
  item_id: number
  community_id: number
  member_id: number
  sender_id: number
  from_moderator: number
  signed: Generated<number>
  body: string
  created_at: number
}

export interface WatchedWordTable {
  id: Generated<number>
  community_id: number
  phrase: string
  whole_word: number
  regex: number
  action: string
  category: string | null
  message: string | null
  created_by: number | null
  created_at: number
}

/** Moderators' "was the pipeline's flag right?" answers (migration 0013). */
export interface SafetyFeedbackTable {
  id: Generated<number>
  item_id: number
  post_id: number
  revision: number
  community_id: number
  moderator_id: number
  flag_right: number
  crisis: 'none' | 'concern' | 'urgent'
  /** JSON array of warning categories. */
  warnings: string
  spam: number
  contact: number
  created_at: number
}

export interface DB extends MemberReadingTables, OutcomeTables, MailTables {
  user: UserTable
  session: SessionTable
  community: CommunityTable
  guidelines_version: GuidelinesVersionTable
  crisis_resource: CrisisResourceTable
  membership: MembershipTable
  thread: ThreadTable
  post: PostTable
  post_revision: PostRevisionTable
  outbox: OutboxTable
  notification: NotificationTable
  applied_verdict: AppliedVerdictTable
  review_item: ReviewItemTable
  review_open_count: ReviewOpenCountTable
  review_signal: ReviewSignalTable
  crisis_prompt: CrisisPromptTable
  community_rule: CommunityRuleTable
  report: ReportTable
  audit_log: AuditLogTable
  check_in_message: CheckInMessageTable
  watched_word: WatchedWordTable
  safety_feedback: SafetyFeedbackTable
  account_erasure: AccountErasureTable
}

export type Executor = Kysely<DB> | Transaction<DB>

export type UserRow = Selectable<UserTable>
export type NewUserRow = Insertable<UserTable>
export type SessionRow = Selectable<SessionTable>
export type CommunityRow = Selectable<CommunityTable>
export type CommunityUpdate = Updateable<CommunityTable>
export type GuidelinesVersionRow = Selectable<GuidelinesVersionTable>
export type CrisisResourceRow = Selectable<CrisisResourceTable>
export type MembershipRow = Selectable<MembershipTable>
export type ThreadRow = Selectable<ThreadTable>
export type PostRow = Selectable<PostTable>
export type PostRevisionRow = Selectable<PostRevisionTable>
export type OutboxRow = Selectable<OutboxTable>
export type NotificationRow = Selectable<NotificationTable>
export type ReviewItemRow = Selectable<ReviewItemTable>
export type ReviewSignalRow = Selectable<ReviewSignalTable>
export type MailOutboxRow = Selectable<MailOutboxTable>
export type UserTokenRow = Selectable<UserTokenTable>
export type DutyRow = Selectable<DutyTable>
export type { OutcomeEnrolmentRow, OutcomeCheckInRow, OutcomeEnrolmentTable, OutcomeHistogramTable } from './schema-outcomes.ts'

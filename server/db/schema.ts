import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely'

export interface UserTable {
  id: Generated<number>
  handle: string
  handle_key: string
  password_hash: string
  email: string | null
  is_admin: Generated<number>
  suspended_until: number | null
  post_count: Generated<number>
  reading_prefs: Generated<string>
  created_at: number
}

export interface SessionTable {
  id: string
  user_id: number
  csrf_token: string
  created_at: number
  expires_at: number
}

export interface CommunityTable {
  id: Generated<number>
  slug: string
  name: string
  description: string
  visibility: Generated<string>
  guidelines_version: Generated<number>
  settings: Generated<string>
  member_count: Generated<number>
  thread_count: Generated<number>
  last_activity_at: number | null
  created_at: number
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
  role: Generated<string>
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
  status: Generated<string>
  created_at: number
  last_activity_at: number
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
  status: Generated<string>
  scan_status: Generated<string>
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

export interface DB {
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

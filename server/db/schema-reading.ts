// Tables of migration 0017 (issue #19: reading, blocks, follows, mutes), kept apart from
// schema.ts so that the areas that grow in parallel do not all edit one list.

export interface ThreadReadTable {
  user_id: number
  thread_id: number
  /** The newest post id the member has been shown in this thread. */
  last_read_post_id: number
  read_at: number
}

export interface HelpfulMarkTable {
  post_id: number
  user_id: number
  created_at: number
}

export interface MemberBlockTable {
  blocker_id: number
  blocked_id: number
  created_at: number
}

export type WatchLevel = 'follow' | 'mute'

export interface ThreadWatchTable {
  user_id: number
  thread_id: number
  level: WatchLevel
  updated_at: number
}

export interface CommunityMuteTable {
  user_id: number
  community_id: number
  created_at: number
}

export interface MemberReadingTables {
  thread_read: ThreadReadTable
  helpful_mark: HelpfulMarkTable
  member_block: MemberBlockTable
  thread_watch: ThreadWatchTable
  community_mute: CommunityMuteTable
}

import { Kysely, sql } from 'kysely'

// The member in control (issue #19), the reading side: where each member stopped reading each
// thread, "this helped me" marks, blocks between members, followed and muted threads, muted
// communities, and a member's time zone. Every table is keyed by the member first (or the post,
// for marks), so a page reads its rows by primary key; the second indexes serve the other direction.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per member per thread they opened: the newest post id they have been shown.
  await sql`create table thread_read (
    user_id integer not null references user(id) on delete cascade,
    thread_id integer not null references thread(id) on delete cascade,
    last_read_post_id integer not null,
    read_at integer not null,
    primary key (user_id, thread_id)
  ) without rowid`.execute(db)
  await sql`create index thread_read_thread_idx on thread_read (thread_id)`.execute(db)

  // Only the writer sees the count; a weekly chart reads by created_at.
  await sql`create table helpful_mark (
    post_id integer not null references post(id) on delete cascade,
    user_id integer not null references user(id) on delete cascade,
    created_at integer not null,
    primary key (post_id, user_id)
  ) without rowid`.execute(db)
  await sql`create index helpful_mark_user_idx on helpful_mark (user_id)`.execute(db)
  await sql`create index helpful_mark_created_idx on helpful_mark (created_at)`.execute(db)

  // blocker_id blocked blocked_id; the blocked member is never told.
  await sql`create table member_block (
    blocker_id integer not null references user(id) on delete cascade,
    blocked_id integer not null references user(id) on delete cascade,
    created_at integer not null,
    primary key (blocker_id, blocked_id)
  ) without rowid`.execute(db)
  await sql`create index member_block_blocked_idx on member_block (blocked_id, blocker_id)`.execute(db)

  // 'follow': every reply notifies; 'mute': nothing does, not even a reply to one's own post.
  await sql`create table thread_watch (
    user_id integer not null references user(id) on delete cascade,
    thread_id integer not null references thread(id) on delete cascade,
    level text not null check (level in ('follow', 'mute')),
    updated_at integer not null,
    primary key (user_id, thread_id)
  ) without rowid`.execute(db)
  await sql`create index thread_watch_thread_idx on thread_watch (thread_id, level)`.execute(db)

  await sql`create table community_mute (
    user_id integer not null references user(id) on delete cascade,
    community_id integer not null references community(id) on delete cascade,
    created_at integer not null,
    primary key (user_id, community_id)
  ) without rowid`.execute(db)
  await sql`create index community_mute_community_idx on community_mute (community_id)`.execute(db)

  // An IANA zone name ('Europe/Lisbon'); null reads as UTC.
  await sql`alter table user add column time_zone text`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table user drop column time_zone`.execute(db)
  await sql`drop table community_mute`.execute(db)
  await sql`drop table thread_watch`.execute(db)
  await sql`drop table member_block`.execute(db)
  await sql`drop table helpful_mark`.execute(db)
  await sql`drop table thread_read`.execute(db)
}

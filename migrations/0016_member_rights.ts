import { Kysely, sql } from 'kysely'

// Frozen in time: never import application code here. The member in control (issue 19): deleting
// an account, exporting one's data, seeing and ending one's sessions, a profile page, and search
// engines kept off posts unless a lead opens a public community to them.
export async function up(db: Kysely<any>): Promise<void> {
  // 1. Account deletion. The request anonymises the account row at once (handle, e-mail, password,
  // preferences); the row stays so that posts kept under "a former member", reports and check-ins
  // keep their ids. What takes long (erasing the text of thousands of posts, scrubbing a signed
  // moderator's name from others' notifications) is a row here, worked through in batches by the
  // server's background relay: its cursor commits with each batch, so a restart carries on.
  await sql`alter table user add column deleted_at integer`.execute(db)
  await sql`create table account_erasure (
    id integer primary key autoincrement,
    user_id integer not null unique references user(id),
    mode text not null check (mode in ('erase', 'keep')),
    old_handle text,
    phase text not null default 'posts' check (phase in ('posts', 'notifications', 'done')),
    cursor integer not null default 0,
    created_at integer not null,
    done_at integer
  )`.execute(db)
  await sql`create index account_erasure_pending_idx on account_erasure (id) where done_at is null`.execute(db)
  // Threads a member started (their first posts' titles are erased with them; their profile lists them).
  await sql`create index thread_author_idx on thread (author_id, id)`.execute(db)
  // Unsent mail to a deleted account is dropped by its user id.
  await sql`create index mail_outbox_user_idx on mail_outbox (user_id) where user_id is not null`.execute(db)
  // The export reads the reports a member made, by keyset.
  await sql`create index report_reporter_idx on report (reporter_id, id)`.execute(db)

  // 2. Sessions a member can see and end: when each was last used and a coarse label of the
  // browser ("Firefox on Linux"), never an address. last_used_at moves at most every few minutes.
  await sql`alter table session add column last_used_at integer`.execute(db)
  await sql`alter table session add column device text`.execute(db)
  await sql`update session set last_used_at = created_at`.execute(db)
  // Minutes of inactivity after which a session ends; null keeps the session's own lifetime.
  await sql`alter table user add column idle_timeout_minutes integer`.execute(db)

  // 3. Who may see a member's profile page: everyone, signed-in members, or no one.
  await sql`alter table user add column profile_visibility text not null default 'members' check (profile_visibility in ('everyone', 'members', \
'nobody'))`.execute(db)

  // 4. Search engines: a lead may open a public community's posts to indexing (off by default).
  await sql`alter table community add column indexable integer not null default 0`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table community drop column indexable`.execute(db)
  await sql`alter table user drop column profile_visibility`.execute(db)
  await sql`alter table user drop column idle_timeout_minutes`.execute(db)
  await sql`alter table session drop column device`.execute(db)
  await sql`alter table session drop column last_used_at`.execute(db)
  await sql`drop index report_reporter_idx`.execute(db)
  await sql`drop index mail_outbox_user_idx`.execute(db)
  await sql`drop index thread_author_idx`.execute(db)
  await sql`drop table account_erasure`.execute(db)
  await sql`alter table user drop column deleted_at`.execute(db)
}

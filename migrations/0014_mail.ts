import { Kysely, sql } from 'kysely'

// Reaching people outside the app (issue #18): a durable outbox for mail and alert hooks, account
// tokens (reset, verification, e-mail change, unsubscribe), moderators' duty and members' mail
// preferences. Mail is written in the transaction that causes it and sent after commit; the
// dedupe key makes "once per person per item" a unique index, not a check-then-insert.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table mail_outbox (
    id integer primary key autoincrement,
    kind text not null check (kind in ('email', 'webhook')),
    purpose text not null,
    dedupe_key text not null unique,
    user_id integer references user(id) on delete set null,
    review_item_id integer,
    to_address text,
    payload text,
    created_at integer not null,
    attempts integer not null default 0,
    next_attempt_at integer not null,
    dispatched_at integer,
    sent_at integer,
    last_error text
  )`.execute(db)
  // The relay reads unsent rows that are due, many times a second under load.
  await sql`create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where sent_at is null`.execute(db)
  // The queue shows who was alerted for an item.
  await sql`create index mail_outbox_item_idx on mail_outbox (review_item_id) where review_item_id is not null`.execute(db)

  await sql`create table user_token (
    id integer primary key autoincrement,
    user_id integer not null references user(id) on delete cascade,
    purpose text not null,
    token_hash text not null unique,
    email text,
    data text,
    created_at integer not null,
    expires_at integer,
    used_at integer
  )`.execute(db)
  await sql`create index user_token_user_idx on user_token (user_id, purpose)`.execute(db)

  await sql`create table duty (
    user_id integer primary key references user(id) on delete cascade,
    on_duty integer not null default 0,
    alert_email text,
    alert_email_verified_at integer,
    rota text,
    updated_at integer not null
  )`.execute(db)

  await sql`alter table user add column email_verified_at integer`.execute(db)
  await sql`alter table user add column email_prefs text not null default '{}'`.execute(db)
  // Password reset looks accounts up by address; many members have none.
  await sql`create index user_email_idx on user (lower(email)) where email is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index user_email_idx`.execute(db)
  await sql`alter table user drop column email_prefs`.execute(db)
  await sql`alter table user drop column email_verified_at`.execute(db)
  await sql`drop table duty`.execute(db)
  await sql`drop table user_token`.execute(db)
  await sql`drop table mail_outbox`.execute(db)
}

import { Kysely, sql } from 'kysely'

// Outcomes (issue #20): members' opt-in wellbeing check-ins, and the indexes behind the lead's
// connection and supporter-load figures. A check-in holds only the three scores, never the item
// answers; it is the member's alone, and withdrawing deletes every row (cascade on the account too).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table outcome_enrolment (
    user_id integer primary key references user(id) on delete cascade,
    community_id integer not null references community(id) on delete cascade,
    interval_days integer not null check (interval_days in (14, 28)),
    paused integer not null default 0,
    remind_by_email integer not null default 0,
    consented_at integer not null,
    next_due_at integer not null,
    reminded_at integer,
    updated_at integer not null
  )`.execute(db)
  // The hourly reminder sweep reads only members who asked for mail and are due.
  await sql`create index outcome_enrolment_mail_due_idx on outcome_enrolment (next_due_at) where paused = 0 and remind_by_email = 1`.execute(db)

  await sql`create table outcome_check_in (
    id integer primary key autoincrement,
    user_id integer not null references user(id) on delete cascade,
    community_id integer not null references community(id) on delete cascade,
    created_at integer not null,
    wellbeing integer not null check (wellbeing between 0 and 25),
    loneliness integer not null check (loneliness between 3 and 9),
    hope integer not null check (hope between 0 and 10)
  )`.execute(db)
  // The member's own trend.
  await sql`create index outcome_check_in_user_idx on outcome_check_in (user_id, created_at)`.execute(db)
  // A lead's aggregates read one community's period from this index alone (it covers every column read).
  await sql`create index outcome_check_in_cell_idx on outcome_check_in (community_id, created_at, user_id, wellbeing, loneliness, hope)`.execute(db)

  await sql`create table debrief_request (
    id integer primary key autoincrement,
    community_id integer not null references community(id) on delete cascade,
    moderator_id integer not null references user(id) on delete cascade,
    note text,
    created_at integer not null
  )`.execute(db)
  await sql`create index debrief_request_community_idx on debrief_request (community_id, created_at)`.execute(db)

  // Crisis items a moderator closed: per community for the leads, per moderator for the break prompt.
  await sql`create index review_item_resolved_idx on review_item (community_id, resolved_at) where resolved_at is not null`.execute(db)
  await sql`create index review_item_resolver_idx on review_item (resolved_by, resolved_at) where resolved_by is not null`.execute(db)
  // New members per community and join date (first-reply and returning cohorts).
  await sql`create index membership_community_joined_idx on membership (community_id, joined_at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index membership_community_joined_idx`.execute(db)
  await sql`drop index review_item_resolver_idx`.execute(db)
  await sql`drop index review_item_resolved_idx`.execute(db)
  await sql`drop table debrief_request`.execute(db)
  await sql`drop table outcome_check_in`.execute(db)
  await sql`drop table outcome_enrolment`.execute(db)
}
